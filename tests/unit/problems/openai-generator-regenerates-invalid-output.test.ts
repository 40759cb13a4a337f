import { describe, expect, test } from "bun:test";
import { LlmInvalidOutputError } from "../../../src/problems/generators/llm-errors";
import { createLlmMetrics } from "../../../src/problems/generators/openai/metrics";
import type { ProblemPlan } from "../../../src/problems/planner/plan";
import { INSTRUMENTS } from "../../../src/telemetry/instruments";
import { type FakeOpenAIOptions, fakesStoppedAfterEach, isJudgeRequest } from "../../support/fake-openai";
import plannedManger from "../../support/fixtures/openai/plan-manger-passe-compose.json";
import { testTelemetry } from "../../support/metrics";
import { openAIGeneratorFor } from "../../support/openai-generator";

const API_KEY = "sk-test-regenerate-c3d4";
const plan = plannedManger as ProblemPlan;
const STATEMENTS = plan.statements.length;

const startFake = fakesStoppedAfterEach();

function fakeAnswering(respond: FakeOpenAIOptions["respond"]) {
  const fake = startFake({ apiKey: API_KEY, respond });
  return fake;
}

/** The je statement's wrong "a mangé" moved to il, where it is right: the classic way a wrong answer turns correct. */
const subjectChanged = (req: Parameters<NonNullable<FakeOpenAIOptions["respond"]>>[0]) =>
  req.task?.verb_phrase === "a mangé"
    ? { kind: "success" as const, sentence: "Il a mangé une pomme ce matin." }
    : { kind: "success" as const };

describe("openai generator writes a rejected problem again, a bounded number of times", () => {
  test("an invalid first answer is regenerated and the second one accepted", async () => {
    const fake = fakeAnswering((req, n) => (n < STATEMENTS ? subjectChanged(req) : { kind: "success" }));
    const { reader, telemetry } = testTelemetry();
    const generator = openAIGeneratorFor(fake, API_KEY, plan, { metrics: createLlmMetrics(telemetry.meter("llm")) });
    const { problem } = await generator.generate({}, { signal: new AbortController().signal });
    expect(problem.statements[1]?.content).toBe("J'a mangé ce matin.");
    expect(fake.requests).toHaveLength(2 * STATEMENTS);
    expect(await reader.value(INSTRUMENTS.llmValidationRejected.name, { reason: "subject_changed" })).toBe(1);
  });

  test("output that stays invalid fails with the checker's reason after 1 + maxRegenerations attempts", async () => {
    const fake = fakeAnswering(subjectChanged);
    const { reader, telemetry } = testTelemetry();
    const generator = openAIGeneratorFor(fake, API_KEY, plan, {
      maxRegenerations: 1,
      metrics: createLlmMetrics(telemetry.meter("llm")),
    });
    const error = await generator.generate({}, { signal: new AbortController().signal }).catch((e) => e);
    expect(error).toBeInstanceOf(LlmInvalidOutputError);
    expect(error.code).toBe("llm_invalid_output");
    expect(error.reason).toBe("subject_changed");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("still invalid after 2 attempts");
    // Each attempt stops at the first rejected statement: at most every statement of both attempts was asked.
    expect(fake.requests.length).toBeGreaterThanOrEqual(2);
    expect(fake.requests.length).toBeLessThanOrEqual(2 * STATEMENTS);
    expect(await reader.value(INSTRUMENTS.llmValidationRejected.name, { reason: "subject_changed" })).toBe(2);
  });

  test("a transient error is not regenerated here: it is the worker's to retry", async () => {
    const fake = fakeAnswering(() => ({ kind: "server_error", status: 503 }));
    const generator = openAIGeneratorFor(fake, API_KEY, plan);
    const error = await generator.generate({}, { signal: new AbortController().signal }).catch((e) => e);
    expect(error.code).toBe("llm_unavailable");
    expect(error.retryable).toBe(true);
    expect(fake.requests.length).toBeLessThanOrEqual(STATEMENTS);
  });
});

describe("LLM_JUDGE: a second model grades the written problem", () => {
  test("an accepted problem costs one judge call, with the judge's model, after the statements", async () => {
    const fake = fakeAnswering(() => ({ kind: "success" }));
    const generator = openAIGeneratorFor(fake, API_KEY, plan, { judgeModel: "gpt-4.1-nano" });
    await generator.generate({}, { signal: new AbortController().signal });
    const judged = fake.requests.filter(isJudgeRequest);
    expect(judged).toHaveLength(1);
    expect(judged[0]?.body?.model).toBe("gpt-4.1-nano");
    expect(fake.requests).toHaveLength(STATEMENTS + 1);
    const task = judged[0]?.task as { sentences?: { sentence: string; marked: string }[] };
    expect(task.sentences?.map((s) => s.marked)).toEqual(["wrong", "wrong", "correct", "wrong"]);
  });

  test("nonsense the judge rejects is regenerated, then fails as judge_rejected", async () => {
    const fake = fakeAnswering((req) =>
      isJudgeRequest(req)
        ? { kind: "verdict", accept: false, reason: "an apple cannot eat a bicycle" }
        : { kind: "success" },
    );
    const generator = openAIGeneratorFor(fake, API_KEY, plan, { judgeModel: "gpt-4.1-nano", maxRegenerations: 1 });
    const error = await generator.generate({}, { signal: new AbortController().signal }).catch((e) => e);
    expect(error.reason).toBe("judge_rejected");
    expect(error.message).toContain("an apple cannot eat a bicycle");
    expect(fake.requests.filter(isJudgeRequest)).toHaveLength(2);
  });

  test("without a judge model no review is asked", async () => {
    const fake = fakeAnswering(() => ({ kind: "success" }));
    await openAIGeneratorFor(fake, API_KEY, plan).generate({}, { signal: new AbortController().signal });
    expect(fake.requests.filter(isJudgeRequest)).toHaveLength(0);
  });
});
