import { afterAll, beforeAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { startLocalBroker } from "../support/kafka";
import { eventually } from "../support/logs";
import { freePort } from "../support/ports";
import { faultEnvironment } from "./environment";

/**
 * The broker stopped for OUTAGE_MS mid-stream. A private broker this test starts and stops (the shared one never
 * stops): the service keeps answering, POSTs made during the outage are accepted into the outbox, and once the broker
 * is back the relay publishes them and the worker finishes everything, each problem once.
 */
const OUTAGE_MS = 10_000;
const BEFORE = { requests: 10, count: 50 };
const DURING = { requests: 5, count: 50 };

let broker: Awaited<ReturnType<typeof startLocalBroker>>;
beforeAll(async () => {
  broker = await startLocalBroker(freePort());
}, 120_000);
afterAll(async () => {
  await broker?.destroy();
}, 60_000);

test("broker stopped for 10 s mid-stream: POSTs during it are accepted through the outbox and complete after", async () => {
  const env = await faultEnvironment("broker", { WORKER_CONCURRENCY: "16" }, { bootstrap: broker.bootstrap });
  try {
    const { service, url } = await env.start();
    await env.post(url, BEFORE.requests, BEFORE.count);
    await eventually(async () => (await env.stored()) >= 50, 120_000, "the worker storing problems");

    await broker.stop();
    const stoppedAt = performance.now();
    const storedAtStop = await env.stored();
    // Accepted while the broker is down: the messages wait in the outbox, in the same transaction as the request.
    const postStartedAt = performance.now();
    await env.post(url, DURING.requests, DURING.count);
    const postMs = performance.now() - postStartedAt;
    const waiting = async () =>
      (await env.t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM outbox`))[0]?.n ?? 0;
    expect(await waiting()).toBeGreaterThanOrEqual(DURING.requests * DURING.count);
    // The outage lasts its 10 s whatever the test did meanwhile.
    await Bun.sleep(Math.max(0, stoppedAt + OUTAGE_MS - performance.now()));
    const storedAtRestart = await env.stored();
    await broker.start();
    const restartedAt = performance.now();

    await eventually(async () => (await waiting()) === 0, 120_000, "the outbox drained");
    const outboxDrainedMs = performance.now() - restartedAt;
    expect(await env.violations(180_000)).toEqual([]);
    const doneMs = performance.now() - restartedAt;
    const total = BEFORE.requests * BEFORE.count + DURING.requests * DURING.count;
    expect(await env.stored()).toBe(total);
    const dlq = await env.dlq();
    expect(dlq.topicMessages).toBe(0);
    expect(service.child.exitCode).toBeNull();
    console.log(
      JSON.stringify({
        broker_outage: {
          messages: total,
          outage_ms: OUTAGE_MS,
          stored_at_stop: storedAtStop,
          stored_at_restart: storedAtRestart,
          posts_during_outage: DURING.requests,
          post_during_outage_ms: Math.round(postMs / DURING.requests),
          outbox_drained_after_restart_ms: Math.round(outboxDrainedMs),
          all_done_after_restart_ms: Math.round(doneMs),
          processed: await env.counter(url, "worker_messages_processed_total"),
          skipped: await env.counter(url, "worker_messages_skipped_total"),
          dead_lettered: dlq.topicMessages,
        },
      }),
    );
  } finally {
    await env.close();
  }
}, 360_000);
