import { expect, test } from "bun:test";
import type { Histogram } from "@opentelemetry/sdk-metrics";
import { createLlmMetrics } from "../../../src/problems/generators/openai/metrics";
import type { ProblemPlan } from "../../../src/problems/planner/plan";
import { INSTRUMENTS, LLM_CANCELLED_ERROR_TYPE } from "../../../src/telemetry/instruments";
import { fakesStoppedAfterEach } from "../../support/fake-openai";
import plannedManger from "../../support/fixtures/openai/plan-manger-passe-compose.json";
import { eventually } from "../../support/logs";
import { testTelemetry } from "../../support/metrics";
import { openAIGeneratorFor } from "../../support/openai-generator";

const API_KEY = "sk-test-counted-once-51c2";
const startFake = fakesStoppedAfterEach();

// Regression: the statements aborted because one failed rejected with that failure and were counted as errors too,
// so one HTTP 500 among four calls read as four llm_unavailable errors (an error rate three to four times too high).
test("one failing statement is one error; the siblings it aborted are cancelled requests, not errors", async () => {
  const { reader, telemetry } = testTelemetry();
  // The call about "nous" fails only once all four are in flight; the others never answer.
  const allArrived = Promise.withResolvers<void>();
  const fake = startFake({
    apiKey: API_KEY,
    respond: (request, n) => {
      if (n === 3) allArrived.resolve();
      return request.task?.subject === "nous"
        ? { kind: "server_error", heldUntil: allArrived.promise }
        : { kind: "hang" };
    },
  });
  const generator = openAIGeneratorFor(fake, API_KEY, plannedManger as ProblemPlan, {
    timeoutMs: 600_000,
    metrics: createLlmMetrics(telemetry.meter("llm")),
  });

  const error = await generator.generate({}, { signal: new AbortController().signal }).catch((e: unknown) => e);
  expect((error as { code?: string }).code).toBe("llm_unavailable");

  expect(fake.requests).toHaveLength(4);
  // The aborted siblings settle just after the generation rejected.
  await eventually(async () => (await reader.value(INSTRUMENTS.llmRequests.name)) === 4, 10_000, "four calls recorded");
  const errors = await reader.points(INSTRUMENTS.llmErrors.name);
  expect(errors.map((p) => [p.attributes.error_type, p.value])).toEqual([["llm_unavailable", 1]]);
  const durations = await reader.points(INSTRUMENTS.llmDuration.name);
  const calls = (errorType: string) =>
    durations
      .filter((p) => p.attributes.error_type === errorType)
      .reduce((sum, p) => sum + (p.value as Histogram).count, 0);
  expect(calls("llm_unavailable")).toBe(1);
  expect(calls(LLM_CANCELLED_ERROR_TYPE)).toBe(3);
  await telemetry.shutdown();
});
