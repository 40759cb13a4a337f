import { expect, test } from "bun:test";
import { startFakeOpenAI } from "../support/fake-openai";
import { eventually } from "../support/logs";
import { faultEnvironment } from "./environment";

/**
 * The breaker case: the LLM fails every call for OUTAGE_MS from its first call, then recovers. The breaker opens
 * after WORKER_BREAKER_THRESHOLD failures in a row, consumption pauses, one probe per HALF_OPEN_MS tries again; the
 * outage burns no message's attempts, so nothing is dead-lettered for it and everything completes after.
 * Both durations are settings (FAULT_LLM_OUTAGE_MS, FAULT_BREAKER_HALF_OPEN_MS) to keep the scenario bounded.
 */
const OUTAGE_MS = Number(process.env.FAULT_LLM_OUTAGE_MS ?? 20_000);
const HALF_OPEN_MS = Number(process.env.FAULT_BREAKER_HALF_OPEN_MS ?? 2000);
const THRESHOLD = 5;
const CONCURRENCY = 8;
/** Statements per problem (the fault environment's POSTs ask for 2): one LLM call each. */
const STATEMENTS = 2;
const REQUESTS = 10;
const PER_REQUEST = 20;

test("the LLM fails every call for a while, then recovers: the breaker holds the work, nothing is dead-lettered", async () => {
  let outageStartedAt: number | undefined;
  let recoveredAt: number | undefined;
  const calls: { at: number; failed: boolean }[] = [];
  const fake = startFakeOpenAI({
    apiKey: "sk-test-faults-breaker",
    respond: () => {
      const now = performance.now();
      outageStartedAt ??= now;
      const failed = now - outageStartedAt < OUTAGE_MS;
      if (!failed) recoveredAt ??= now;
      calls.push({ at: now, failed });
      return failed ? { kind: "server_error", status: 503 } : { kind: "success" };
    },
  });
  const env = await faultEnvironment("breaker", {
    ...fake.env,
    WORKER_CONCURRENCY: String(CONCURRENCY),
    WORKER_BREAKER_THRESHOLD: String(THRESHOLD),
    WORKER_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS),
  });
  try {
    const { service, url } = await env.start();
    await env.post(url, REQUESTS, PER_REQUEST);
    await service.waitForLog((l) => String(l.msg).startsWith("circuit open"), 60_000, "breaker open");
    await eventually(() => recoveredAt, OUTAGE_MS + 30_000, "the LLM back");
    expect(await env.violations(180_000)).toEqual([]);
    const doneAt = performance.now();

    expect(await env.stored()).toBe(REQUESTS * PER_REQUEST);
    const dlq = await env.dlq();
    expect(dlq.topicMessages).toBe(0);
    const during = calls.filter((c) => c.failed);
    // No storm: the calls that failed are those in flight when it opened (each slot's statements, and the quick
    // retry in place), plus one probe generation (its statements) per HALF_OPEN_MS while it stayed open.
    const probes = Math.ceil(OUTAGE_MS / HALF_OPEN_MS) + 1;
    expect(during.length).toBeLessThanOrEqual(CONCURRENCY * STATEMENTS * 2 + probes * STATEMENTS);
    console.log(
      JSON.stringify({
        llm_outage: {
          items: REQUESTS * PER_REQUEST,
          outage_ms: OUTAGE_MS,
          calls_failed_during_outage: during.length,
          calls_total: calls.length,
          retried_via_topic: await env.counter(url, "worker_messages_retried_total"),
          dead_lettered: dlq.topicMessages,
          all_done_after_recovery_ms: Math.round(doneAt - (recoveredAt ?? doneAt)),
        },
      }),
    );
  } finally {
    await env.close();
    await fake.stop();
  }
}, 300_000);
