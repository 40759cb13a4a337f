import { describe, expect, test } from "bun:test";
import { LlmTimeoutError } from "../../../src/problems/generators/llm-errors";
import type { OpenAIGeneratorOptions } from "../../../src/problems/generators/openai";
import type { ProblemPlan } from "../../../src/problems/planner/plan";
import { type FakeOpenAI, type FakeOpenAIOptions, fakesStoppedAfterEach } from "../../support/fake-openai";
import plannedManger from "../../support/fixtures/openai/plan-manger-passe-compose.json";
import { eventually } from "../../support/logs";
import { openAIGeneratorFor } from "../../support/openai-generator";

const API_KEY = "sk-test-cancellation-9e8d";
const plan = plannedManger as ProblemPlan;

const startFake = fakesStoppedAfterEach();

function start(respond: FakeOpenAIOptions["respond"]): FakeOpenAI {
  const fake = startFake({ apiKey: API_KEY, respond });
  return fake;
}

function generatorFor(fake: FakeOpenAI, overrides: Partial<OpenAIGeneratorOptions> = {}) {
  return openAIGeneratorFor(fake, API_KEY, plan, overrides);
}

/** What a generation rejected with: an LLM error, or whatever the caller aborted with. */
type Rejection = Error & { code?: string; retryable?: boolean; timeoutMs?: number };

/**
 * Starts the work and awaits its rejection; returns the reason and how long it took, measured from before the call
 * (a timer the call starts can never look shorter than it was).
 */
async function timedRejection(start: () => Promise<unknown>): Promise<{ error: Rejection; elapsedMs: number }> {
  const started = performance.now();
  try {
    await start();
  } catch (error) {
    return { error: error as Rejection, elapsedMs: performance.now() - started };
  }
  throw new Error("expected a rejection");
}

/** Awaits a promise expected to reject; returns the reason. */
async function rejection(promise: Promise<unknown>): Promise<Rejection> {
  return (await timedRejection(() => promise)).error;
}

/**
 * A per-request deadline far beyond the test's own timeout: a test that still ends, with the expected reason, shows
 * the generator stopped on the abort and not on its timer, without a wall-clock bound that a loaded machine breaks.
 */
const NEVER_MS = 600_000;

describe("openai generator: timeouts and cancellation", () => {
  test("a server that never answers fails with llm_timeout, retryable, about timeoutMs later", async () => {
    const fake = start(() => ({ kind: "hang" }));
    const generator = generatorFor(fake, { timeoutMs: 300 });
    const { error, elapsedMs } = await timedRejection(() =>
      generator.generate({}, { signal: new AbortController().signal }),
    );

    expect(error).toBeInstanceOf(LlmTimeoutError);
    expect(error.code).toBe("llm_timeout");
    expect(error.retryable).toBe(true);
    expect(error.timeoutMs).toBe(300);
    // Never before the deadline (a millisecond of slack for timer and clock rounding); how late is the machine's
    // business, not this test's.
    expect(elapsedMs).toBeGreaterThanOrEqual(299);
  });

  test("the timeout also covers a body that starts and then stalls", async () => {
    const fake = start(() => ({ kind: "stall_body" }));
    const error = await rejection(
      generatorFor(fake, { timeoutMs: 300 }).generate({}, { signal: new AbortController().signal }),
    );

    expect(error.code).toBe("llm_timeout");
  });

  test("a caller abort mid-request rejects promptly with the caller's own reason, not llm_timeout", async () => {
    const fake = start(() => ({ kind: "hang" }));
    const controller = new AbortController();
    const shutdown = new Error("worker shutting down");
    const pending = generatorFor(fake, { timeoutMs: NEVER_MS }).generate({}, { signal: controller.signal });
    await eventually(() => fake.requests.length === 4);
    controller.abort(shutdown);
    const error = await rejection(pending);

    expect(error).toBe(shutdown);
    // The open requests are dropped, not left running against the endpoint.
    await eventually(() => fake.requests.every((r) => r.aborted));
  });

  test("an already aborted signal rejects with its reason before planning or sending anything", async () => {
    const fake = start(() => ({ kind: "success" }));
    let planned = 0;
    const controller = new AbortController();
    controller.abort(new Error("deadline passed"));
    const generator = generatorFor(fake, {
      planProblem: () => {
        planned++;
        return structuredClone(plan);
      },
    });
    const error = await rejection(generator.generate({}, { signal: controller.signal }));

    expect(error.message).toBe("deadline passed");
    expect(planned).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });

  test("statements still queued behind maxConcurrency are never sent after an abort", async () => {
    let calls = 0;
    // The first statement hangs until the abort; every later call is answered.
    const fake = start(() => (calls++ === 0 ? { kind: "hang" } : { kind: "success" }));
    const generator = generatorFor(fake, { maxConcurrency: 1 });
    const controller = new AbortController();
    const pending = generator.generate({}, { signal: controller.signal });
    await eventually(() => fake.requests.length === 1);
    controller.abort(new Error("stop"));
    await rejection(pending);
    // The call limit serves in arrival order: a statement of the aborted generation still queued would be sent before
    // any of the next generation's, so once the next one has finished, a leaked statement would have been seen.
    await generator.generate({}, { signal: new AbortController().signal });

    expect(fake.requests).toHaveLength(1 + plan.statements.length);
  });

  test("the first failing statement aborts its siblings at once instead of waiting for their timeout", async () => {
    const fake = start((req) =>
      req.task?.subject === "nous" ? { kind: "rate_limited", retryAfter: "1" } : { kind: "hang" },
    );
    const error = await rejection(
      generatorFor(fake, { timeoutMs: NEVER_MS }).generate({}, { signal: new AbortController().signal }),
    );

    expect(error.code).toBe("llm_rate_limited");
    await eventually(() => fake.requests.filter((r) => r.task?.subject !== "nous").every((r) => r.aborted));
  });
});
