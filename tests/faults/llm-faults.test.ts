import { expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { type FakeReply, isJudgeRequest, startFakeOpenAI } from "../support/fake-openai";
import { faultEnvironment } from "./environment";

/**
 * The LLM misbehaves for a share of calls: 429 with Retry-After, no answer until the client's timeout, 500s, and
 * output that is not what was asked. Transient faults are retried (in place once, then through the retry topic) and
 * mostly succeed; invalid output fails its item at once (regenerations off). Every request ends, every failed item is
 * in the DLQ once with its reason, and the number of calls stays within the attempts allowed (no retry storm).
 */

const REQUESTS = 10;
const PER_REQUEST = 20;
const STATEMENTS = 2;
const MAX_ATTEMPTS = 4;
const RETRY_AFTER_S = 2;

/** One call in 20 of each fault, spread so that no run of calls fails back to back (the breaker is not the subject). */
function reply(n: number): FakeReply {
  switch (n % 20) {
    case 0:
      return { kind: "rate_limited", retryAfter: String(RETRY_AFTER_S) };
    case 5:
      return { kind: "hang" };
    case 10:
    case 15:
      return { kind: "server_error", status: 500 };
    case 12:
      return { kind: "schema_mismatch" };
    default:
      return { kind: "success" };
  }
}
/** Each fault the server serves, and the error code an item it fails ends with. */
const FAULTS = {
  rate_limited: "llm_rate_limited",
  hang: "llm_timeout",
  server_error: "llm_unavailable",
  schema_mismatch: "llm_invalid_output",
} as const;

test("429s, timeouts, 500s and invalid output for a share of LLM calls: every request ends, failures dead-lettered once", async () => {
  const apiKey = "sk-test-faults-llm";
  const calls: FakeReply["kind"][] = [];
  /** Calls per statement asked for (the plan is seeded by the message id, so a retry asks the same). */
  const perStatement = new Map<string, number>();
  const fake = startFakeOpenAI({
    apiKey,
    respond: (request, n) => {
      const r = isJudgeRequest(request) ? ({ kind: "success" } as const) : reply(n);
      calls.push(r.kind);
      const key = JSON.stringify(request.task);
      perStatement.set(key, (perStatement.get(key) ?? 0) + 1);
      return r;
    },
  });
  const env = await faultEnvironment("llm", {
    ...fake.env,
    WORKER_CONCURRENCY: "8",
    OPENAI_TIMEOUT_MS: "1000",
    LLM_OUTPUT_MAX_REGENERATIONS: "0",
    MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    RETRY_BACKOFF_BASE_MS: "200",
    RETRY_BACKOFF_MAX_MS: "2000",
  });
  try {
    const startedAt = performance.now();
    const { url } = await env.start();
    await env.post(url, REQUESTS, PER_REQUEST);
    expect(await env.violations(180_000)).toEqual([]);
    const wallMs = performance.now() - startedAt;

    const items = REQUESTS * PER_REQUEST;
    const failed = await env.t.database.rows<{ code: string; n: number }>(
      sql`SELECT error_code AS code, count(*)::int AS n FROM generation_items WHERE outcome = 'failed' GROUP BY 1`,
    );
    const failedCount = failed.reduce((sum, r) => sum + r.n, 0);
    expect((await env.stored()) + failedCount).toBe(items);
    // The faults did happen, and each kind ended where its class sends it: invalid output in the DLQ at once.
    const served = (kind: keyof typeof FAULTS) => calls.filter((c) => c === kind).length;
    const perKind = {
      rate_limited: served("rate_limited"),
      hang: served("hang"),
      server_error: served("server_error"),
      schema_mismatch: served("schema_mismatch"),
    };
    for (const n of Object.values(perKind)) expect(n).toBeGreaterThan(0);
    expect(failed.find((r) => r.code === "llm_invalid_output")?.n).toBeGreaterThan(0);
    for (const { code } of failed) expect(Object.values(FAULTS) as string[]).toContain(code);
    const retried = await env.counter(url, "worker_messages_retried_total");
    expect(retried).toBeGreaterThan(0);

    // No retry storm: a delivery makes at most STATEMENTS calls, twice with the quick retry in place, and a message
    // is delivered at most MAX_ATTEMPTS times; the retry topic carried no more than the transient faults asked for.
    expect(calls.length).toBeLessThanOrEqual(items * STATEMENTS * 2 * MAX_ATTEMPTS);
    const transient = perKind.rate_limited + perKind.hang + perKind.server_error;
    expect(retried).toBeLessThanOrEqual(transient);
    console.log(
      JSON.stringify({
        llm_faults: {
          items,
          wall_ms: Math.round(wallMs),
          llm_calls: calls.length,
          calls_per_item: Math.round((calls.length / items) * 100) / 100,
          // Identical statements of two messages share a key: an upper bound on one statement's calls.
          max_calls_per_statement: Math.max(...perStatement.values()),
          faults_served: perKind,
          retried_via_topic: retried,
          failed: Object.fromEntries(failed.map((r) => [r.code, r.n])),
          dlq: await env.dlq(),
        },
      }),
    );
  } finally {
    await env.close();
    await fake.stop();
  }
}, 300_000);
