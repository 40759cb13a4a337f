import { z } from "zod";
import type { Variable } from "../config";
import { bool, int } from "./parsers";

/** One LLM call's deadline, and how the worker checks what the LLM wrote before a problem enters the pool. */
export const LLM_VARIABLES = {
  OPENAI_TIMEOUT_MS: { schema: int(1000, 600000), default: "30000", description: "per-request LLM timeout" },
  LLM_OUTPUT_MAX_REGENERATIONS: {
    schema: int(0, 10),
    default: "2",
    description: "times a problem whose LLM wording fails the output checks is written again before the item fails",
  },
  LLM_JUDGE: {
    schema: bool,
    default: "false",
    description: "a second LLM call grades each problem's naturalness and rejects nonsense",
  },
  LLM_JUDGE_MODEL: { schema: z.string().min(1), default: "gpt-4o-mini", description: "model of the `LLM_JUDGE` call" },
} satisfies Record<string, Variable>;
