import { afterAll, beforeAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { type Broker, kafkaBroker, testKafka, uniqueName } from "../support/kafka";
import { eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { type ServiceProcess, spawnService } from "../support/service-process";

let t: TestDatabase;
let broker: Broker;
const prefix = `${uniqueName("two")}.`;
const workers: ServiceProcess[] = [];
const bases: URL[] = [];

beforeAll(async () => {
  broker = await kafkaBroker();
  t = await createTestDatabase("two_workers");
  for (let i = 0; i < 2; i++) {
    workers.push(
      spawnService({
        DATABASE_URL: t.url,
        KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap,
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_TOPIC_PARTITIONS: "10",
        ENABLE_WORKER: "true",
        WORKER_CONCURRENCY: "5",
        POOL_MIN_UNSERVED: "0",
      }),
    );
  }
  for (const worker of workers) {
    const base = await worker.listening();
    bases.push(base);
    await eventually(async () => (await fetch(new URL("/health/ready", base))).ok, 90_000, `worker on ${base} ready`);
  }
}, 180_000);

afterAll(async () => {
  for (const w of workers) w.child.kill("SIGTERM");
  await Promise.all(workers.map((w) => Promise.race([w.child.exited, Bun.sleep(30_000)]).then(() => w.kill())));
  await t?.drop();
}, 60_000);

test("two worker processes in one group on 10 partitions: 200 problems over 10 requests, all completed, no duplicates", async () => {
  // Both processes are group members before any work is published.
  const admin = testKafka(broker.bootstrap).admin();
  await admin.connect();
  await eventually(
    async () => (await admin.describeGroups([`${prefix}problem-generator-workers`])).groups[0]?.members.length === 2,
    60_000,
    "two members",
  );
  await admin.disconnect();

  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const res = await fetch(new URL("/api/v1/problems/generate", bases[i % 2]), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count: 20 }),
    });
    expect(res.status).toBe(202);
    ids.push(((await res.json()) as { request_id: string }).request_id);
  }
  await eventually(
    async () => {
      const rows = await t.database.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM generation_requests WHERE status = 'completed'`,
      );
      return rows[0]?.n === 10;
    },
    120_000,
    "all ten requests completed",
  );
  const [totals] = await t.database.rows<{ problems: number; messages: number; generated: number; failed: number }>(sql`
    SELECT (SELECT count(*)::int FROM problems) AS problems,
           (SELECT count(DISTINCT source_message_id)::int FROM problems) AS messages,
           (SELECT sum(generated_count)::int FROM generation_requests) AS generated,
           (SELECT sum(failed_count)::int FROM generation_requests) AS failed`);
  expect(totals).toEqual({ problems: 200, messages: 200, generated: 200, failed: 0 });
  const perRequest = await t.database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM problems GROUP BY generation_request_id`,
  );
  expect(perRequest.map((r) => r.n)).toEqual(Array(10).fill(20));
}, 240_000);
