import { describe, expect, test } from "bun:test";
import {
  LlmAuthError,
  type LlmError,
  LlmRateLimitedError,
  LlmRequestRejectedError,
  LlmUnavailableError,
} from "../../../src/problems/generators/llm-errors";
import type { ProblemPlan } from "../../../src/problems/planner/plan";
import {
  type FakeOpenAI,
  type FakeOpenAIOptions,
  type FakeReply,
  fakesStoppedAfterEach,
} from "../../support/fake-openai";
import plannedManger from "../../support/fixtures/openai/plan-manger-passe-compose.json";
import { generationFailure, openAIGeneratorFor } from "../../support/openai-generator";

const API_KEY = "sk-test-http-errors-51c0d";
const plan = plannedManger as ProblemPlan;

const startFake = fakesStoppedAfterEach();

const start = (respond?: FakeOpenAIOptions["respond"], apiKey = API_KEY) => startFake({ apiKey, respond });

/** The fields any LLM error class may carry, so assertions can read them after checking the class. */
type LlmFailure = LlmError & { retryAfterMs?: number; httpStatus?: number };

/** Runs one generation whose every request gets `reply`, and returns what it rejected with. */
async function failureFor(reply: FakeReply | FakeOpenAI, apiKey = API_KEY): Promise<LlmFailure> {
  const fake = "url" in reply ? reply : start(() => reply);
  return (await generationFailure(openAIGeneratorFor(fake, apiKey, plan))) as LlmFailure;
}

describe("openai generator maps HTTP failures to stable error codes", () => {
  test("429 becomes llm_rate_limited, retryable, keeping Retry-After in seconds as retryAfterMs", async () => {
    const error = await failureFor({ kind: "rate_limited", retryAfter: "7" });

    expect(error).toBeInstanceOf(LlmRateLimitedError);
    expect(error.code).toBe("llm_rate_limited");
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(7000);
    expect(error.message).toContain("HTTP 429");
    expect(error.message).toContain("Rate limit reached for gpt-4o-mini");
  });

  test("429 with Retry-After as an HTTP-date keeps the delay until that date", async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const error = await failureFor({ kind: "rate_limited", retryAfter: at });

    expect(error.code).toBe("llm_rate_limited");
    // HTTP-dates have whole seconds, and the request itself takes a moment.
    expect(error.retryAfterMs).toBeGreaterThan(27_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  test("429 with OpenAI's retry-after-ms header prefers it over Retry-After", async () => {
    const error = await failureFor({ kind: "rate_limited", retryAfter: "2", retryAfterMs: "250" });
    expect(error.retryAfterMs).toBe(250);
  });

  test("429 without any Retry-After leaves retryAfterMs undefined for the worker's own backoff", async () => {
    const error = await failureFor({ kind: "rate_limited" });
    expect(error.code).toBe("llm_rate_limited");
    expect(error.retryAfterMs).toBeUndefined();
  });

  test("500 becomes llm_unavailable, retryable, with the upstream message", async () => {
    const error = await failureFor({ kind: "server_error" });

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error.code).toBe("llm_unavailable");
    expect(error.retryable).toBe(true);
    expect(error.httpStatus).toBe(500);
    expect(error.message).toContain("The server had an error while processing your request");
  });

  test("503 with Retry-After becomes llm_unavailable and keeps the hint", async () => {
    const error = await failureFor({ kind: "server_error", status: 503, retryAfter: "3" });

    expect(error.code).toBe("llm_unavailable");
    expect(error.httpStatus).toBe(503);
    expect(error.retryAfterMs).toBe(3000);
  });

  test("a refused connection (nothing listening) becomes llm_unavailable, retryable", async () => {
    const fake = start();
    await fake.stop();
    const error = await failureFor(fake);

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error.retryable).toBe(true);
    expect(error.httpStatus).toBeUndefined();
    expect(error.message).toContain("could not reach the LLM endpoint at 127.0.0.1:");
  });

  test("401 for a wrong key becomes llm_auth, not retryable", async () => {
    const fake = start(undefined, "sk-the-key-the-server-expects");
    const error = await failureFor(fake, "sk-a-revoked-key-0000");

    expect(error).toBeInstanceOf(LlmAuthError);
    expect(error.code).toBe("llm_auth");
    expect(error.retryable).toBe(false);
    expect(error.httpStatus).toBe(401);
    expect(error.message).toContain("Incorrect API key provided");
  });

  test("403 becomes llm_auth, not retryable", async () => {
    const error = await failureFor({ kind: "forbidden" });

    expect(error.code).toBe("llm_auth");
    expect(error.httpStatus).toBe(403);
    expect(error.retryable).toBe(false);
  });

  test("404 for an unknown model becomes llm_request_rejected, not retryable", async () => {
    const error = await failureFor({ kind: "model_not_found" });

    expect(error).toBeInstanceOf(LlmRequestRejectedError);
    expect(error.code).toBe("llm_request_rejected");
    expect(error.retryable).toBe(false);
    expect(error.httpStatus).toBe(404);
    expect(error.message).toContain("The model `gpt-4o-mini` does not exist");
  });

  test("one failing statement fails the whole problem with that statement's error", async () => {
    const fake = start((req) =>
      req.task?.subject === "tu" ? { kind: "server_error", status: 502 } : { kind: "success" },
    );
    const error = await failureFor(fake);

    expect(error.code).toBe("llm_unavailable");
    expect(error.httpStatus).toBe(502);
  });
});
