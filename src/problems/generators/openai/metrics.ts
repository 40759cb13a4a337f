import type { Meter } from "@opentelemetry/api";
import { INSTRUMENTS, instrumentFactory, LLM_CANCELLED_ERROR_TYPE } from "../../../telemetry/instruments";
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
  rejected(reason: string): void;
}

export function createLlmMetrics(meter: Meter): LlmMetrics {
  const { createCounter, createHistogram } = instrumentFactory(meter);
  const duration = createHistogram(INSTRUMENTS.llmDuration);
  const requests = createCounter(INSTRUMENTS.llmRequests);
  const errors = createCounter(INSTRUMENTS.llmErrors);
  const tokens = createCounter(INSTRUMENTS.llmTokens);
  const rejected = createCounter(INSTRUMENTS.llmValidationRejected);
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
