import type { Meter } from "@opentelemetry/api";
import type { Config } from "../../config";
import { loadConjugationData } from "../french";
import { planProblem } from "../planner/plan-problem";
import type { ProblemGenerator } from "./generator";
import { createOpenAIGenerator } from "./openai";
import { createLlmMetrics } from "./openai/metrics";
import { createTemplateGenerator } from "./template";

export type { GeneratedProblem, GenerateOptions, ProblemGenerator } from "./generator";

/** The generator chosen by `GENERATOR`. Both share the same planner, so the grammar tested never depends on the LLM. */
export function createGenerator(config: Config["generator"], meter: Meter): ProblemGenerator {
  // Both generators plan with the conjugation table: load it now (~0.1 s) rather than inside the first job.
  loadConjugationData();
  if (config.kind === "openai")
    return createOpenAIGenerator({ ...config, planProblem, metrics: createLlmMetrics(meter) });
  return createTemplateGenerator();
}
