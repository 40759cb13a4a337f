import type { Meter } from "@opentelemetry/api";
import { INSTRUMENTS, instrumentFactory } from "../../../telemetry/instruments";
import type { TokenUsage } from "./chat-completions";

/** What one LLM call reports: its duration, and either its token usage or the error it ended with. */
export interface LlmMetrics {
  record(call: { model: string; durationS: number; usage?: TokenUsage; errorType?: string }): void;
}

export function createLlmMetrics(meter: Meter): LlmMetrics {
  const { createCounter, createHistogram } = instrumentFactory(meter);
  const duration = createHistogram(INSTRUMENTS.llmDuration);
  const requests = createCounter(INSTRUMENTS.llmRequests);
  const errors = createCounter(INSTRUMENTS.llmErrors);
  const tokens = createCounter(INSTRUMENTS.llmTokens);
  return {
    record({ model, durationS, usage, errorType }) {
      requests.add(1, { model });
      duration.record(durationS, { model, ...(errorType ? { error_type: errorType } : {}) });
      if (errorType) errors.add(1, { model, error_type: errorType });
      if (usage) {
        tokens.add(usage.inputTokens, { model, kind: "input" });
        tokens.add(usage.outputTokens, { model, kind: "output" });
        tokens.add(usage.reasoningTokens, { model, kind: "reasoning" });
      }
    },
  };
}
