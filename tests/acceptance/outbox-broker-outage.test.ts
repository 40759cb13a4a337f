import { afterAll, beforeAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import type { GenerationRequest } from "../../src/cli/commands/requests";
import { runService, type Service } from "../../src/service";
import { problemCount } from "../support/generation";
import { startLocalBroker, uniqueName } from "../support/kafka";
import { capturingLogger, eventually } from "../support/logs";
import { CollectingReader } from "../support/metrics";
import { freePort } from "../support/ports";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { stopWithin, testConfig } from "../support/service";

// Its own broker, so stopping it does not disturb the other tests' shared broker.
let broker: Awaited<ReturnType<typeof startLocalBroker>>;
let t: TestDatabase;
beforeAll(async () => {
  broker = await startLocalBroker(freePort());
  t = await createTestDatabase("outbox_outage");
}, 120_000);
afterAll(async () => {
  await broker?.destroy();
  await t?.drop();
}, 60_000);

test("with the broker down, POST generate is accepted into the outbox and completes, exactly, once the broker returns", async () => {
  const reader = new CollectingReader();
  const logs = capturingLogger();
  let service: Service | undefined;
  try {
    service = await runService(
      testConfig({
        DATABASE_URL: t.url,
        KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap,
        KAFKA_TOPIC_PREFIX: `${uniqueName("outage")}.`,
        KAFKA_TOPIC_PARTITIONS: "3",
        ENABLE_WORKER: "true",
        POOL_MIN_UNSERVED: "0",
      }),
      { logger: logs.logger, metricReaders: [reader] },
    );
    const url = service.url;
    await eventually(async () => (await fetch(new URL("/health/ready", url))).ok, 90_000, "service ready");
    await broker.stop();

    const res = await fetch(new URL("/api/v1/problems/generate", url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count: 5 }),
    });
    expect(res.status).toBe(202);
    const { request_id, status_url } = (await res.json()) as { request_id: string; status_url: string };
    // The relay tries, fails and keeps the messages: they wait in the outbox, and the gauge shows them.
    await eventually(
      () => logs.lines.some((l) => l.msg === "outbox relay cannot publish; messages wait in the outbox"),
      60_000,
      "the relay noticed the broker is down",
    );
    const [waiting] = await t.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM outbox WHERE generation_request_id = ${request_id}`,
    );
    expect(waiting?.n).toBe(5);
    expect(await reader.value("outbox.pending")).toBe(5);
    expect(((await (await fetch(new URL(status_url, url))).json()) as GenerationRequest).status).toBe("pending");

    await broker.start();
    const done = await eventually(
      async () => {
        const body = (await (await fetch(new URL(status_url, url))).json()) as GenerationRequest;
        return body.status === "completed" ? body : undefined;
      },
      120_000,
      "request completed after the broker returned",
    );
    expect(done).toMatchObject({ generated_count: 5, failed_count: 0 });
    expect(await problemCount(t.database, request_id)).toBe(5);
    expect(await reader.value("outbox.pending")).toBe(0);
    expect(logs.lines.some((l) => l.msg === "outbox relay publishing again")).toBe(true);
  } finally {
    await stopWithin(service, 30_000);
  }
}, 360_000);
