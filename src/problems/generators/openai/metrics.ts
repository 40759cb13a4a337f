import type { Meter } from "@opentelemetry/api";
import { createInstruments, LLM_CANCELLED_ERROR_TYPE } from "../../../telemetry/instruments";
import { INVALID_OUTPUT_REASONS, type InvalidOutputReason } from "../llm-errors";
import type { TokenUsage } from "./chat-completions";

/**
 * What one LLM call reports: its duration, and either its token usage, the error the endpoint failed it with, or
 * that it was cancelled (a sibling statement failed, or the caller gave up) before the endpoint answered.
 */
export type LlmCall = { model: string; durationS: number } & (
  | { outcome: "success"; usage: TokenUsage }
  | { outcome: "error"; errorType: string }
  | { outcome: "cancelled" }
);

export interface LlmMetrics {
  record(call: LlmCall): void;
  /** A written problem failed the output checks (it is written again, or fails with this reason). */
  rejected(reason: InvalidOutputReason): void;
}

export function createLlmMetrics(meter: Meter): LlmMetrics {
  const { duration, requests, errors, tokens, validationRejected: rejected } = createInstruments(meter, "llm");
  // Every reason's series exists from the start, so a rejection rate reads 0 rather than "no data".
  for (const reason of INVALID_OUTPUT_REASONS) rejected.add(0, { reason });
  return {
    rejected(reason) {
      rejected.add(1, { reason });
    },
    record(call) {
      const { model } = call;
      requests.add(1, { model });
      if (call.outcome === "success") {
        duration.record(call.durationS, { model });
        tokens.add(call.usage.inputTokens, { model, kind: "input" });
        tokens.add(call.usage.outputTokens, { model, kind: "output" });
        tokens.add(call.usage.reasoningTokens, { model, kind: "reasoning" });
      } else if (call.outcome === "error") {
        duration.record(call.durationS, { model, error_type: call.errorType });
        errors.add(1, { model, error_type: call.errorType });
      } else {
        duration.record(call.durationS, { model, error_type: LLM_CANCELLED_ERROR_TYPE });
      }
    },
  };
}
