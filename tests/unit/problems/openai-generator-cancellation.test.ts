import { afterEach, describe, expect, test } from "bun:test";
import { LlmTimeoutError } from "../../../src/problems/generators/llm-errors";
import type { OpenAIGeneratorOptions } from "../../../src/problems/generators/openai";
import type { ProblemPlan } from "../../../src/problems/planner/plan";
import { type FakeOpenAI, type FakeOpenAIOptions, startFakeOpenAI } from "../../support/fake-openai";
import plannedManger from "../../support/fixtures/openai/plan-manger-passe-compose.json";
import { openAIGeneratorFor } from "../../support/openai-generator";

const API_KEY = "sk-test-cancellation-9e8d";
const plan = plannedManger as ProblemPlan;

const fakes: FakeOpenAI[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
}, 5000);

function start(respond: FakeOpenAIOptions["respond"]): FakeOpenAI {
  const fake = startFakeOpenAI({ apiKey: API_KEY, respond });
  fakes.push(fake);
  return fake;
}

function generatorFor(fake: FakeOpenAI, overrides: Partial<OpenAIGeneratorOptions> = {}) {
  return openAIGeneratorFor(fake, API_KEY, plan, overrides);
}

/** What a generation rejected with: an LLM error, or whatever the caller aborted with. */
type Rejection = Error & { code?: string; retryable?: boolean; timeoutMs?: number };

/** Awaits a promise expected to reject; returns the reason and how long it took. */
async function timedRejection(promise: Promise<unknown>): Promise<{ error: Rejection; elapsedMs: number }> {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error: error as Rejection, elapsedMs: performance.now() - started };
  }
  throw new Error("expected a rejection");
}

/** Polls until `check` holds, failing after `timeoutMs`. */
async function eventually(check: () => boolean, timeoutMs = 1000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error("condition not met in time");
    await Bun.sleep(10);
  }
}

describe("openai generator: timeouts and cancellation", () => {
  test("a server that never answers fails with llm_timeout, retryable, about timeoutMs later", async () => {
    const fake = start(() => ({ kind: "hang" }));
    const { error, elapsedMs } = await timedRejection(
      generatorFor(fake, { timeoutMs: 300 }).generate({}, { signal: new AbortController().signal }),
    );

    expect(error).toBeInstanceOf(LlmTimeoutError);
    expect(error.code).toBe("llm_timeout");
    expect(error.retryable).toBe(true);
    expect(error.timeoutMs).toBe(300);
    expect(elapsedMs).toBeGreaterThanOrEqual(290);
    expect(elapsedMs).toBeLessThan(1000);
  });

  test("the timeout also covers a body that starts and then stalls", async () => {
    const fake = start(() => ({ kind: "stall_body" }));
    const { error, elapsedMs } = await timedRejection(
      generatorFor(fake, { timeoutMs: 300 }).generate({}, { signal: new AbortController().signal }),
    );

    expect(error.code).toBe("llm_timeout");
    expect(elapsedMs).toBeLessThan(1000);
  });

  test("a caller abort mid-request rejects promptly with the caller's own reason, not llm_timeout", async () => {
    const fake = start(() => ({ kind: "hang" }));
    const controller = new AbortController();
    const shutdown = new Error("worker shutting down");
    const pending = generatorFor(fake, { timeoutMs: 5000 }).generate({}, { signal: controller.signal });
    await eventually(() => fake.requests.length === 4);
    controller.abort(shutdown);
    const { error, elapsedMs } = await timedRejection(pending);

    expect(error).toBe(shutdown);
    expect(elapsedMs).toBeLessThan(200);
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
    const { error } = await timedRejection(generator.generate({}, { signal: controller.signal }));

    expect(error.message).toBe("deadline passed");
    expect(planned).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });

  test("statements still queued behind maxConcurrency are never sent after an abort", async () => {
    const fake = start(() => ({ kind: "hang" }));
    const controller = new AbortController();
    const pending = generatorFor(fake, { maxConcurrency: 1 }).generate({}, { signal: controller.signal });
    await eventually(() => fake.requests.length === 1);
    controller.abort(new Error("stop"));
    await timedRejection(pending);
    await Bun.sleep(50);

    expect(fake.requests).toHaveLength(1);
  });

  test("the first failing statement aborts its siblings at once instead of waiting for their timeout", async () => {
    const fake = start((req) =>
      req.task?.subject === "nous" ? { kind: "rate_limited", retryAfter: "1" } : { kind: "hang" },
    );
    const { error, elapsedMs } = await timedRejection(
      generatorFor(fake, { timeoutMs: 5000 }).generate({}, { signal: new AbortController().signal }),
    );

    expect(error.code).toBe("llm_rate_limited");
    expect(elapsedMs).toBeLessThan(1000);
    await eventually(() => fake.requests.filter((r) => r.task?.subject !== "nous").every((r) => r.aborted));
  });
});
