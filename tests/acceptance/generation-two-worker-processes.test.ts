import { afterAll, beforeAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { type Broker, kafkaBroker, testKafka, uniqueName } from "../support/kafka";
import { eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";

let t: TestDatabase;
let broker: Broker;
const prefix = `${uniqueName("two")}.`;
const workers: ReturnType<typeof Bun.spawn>[] = [];
const ports = [0, 1].map(() => 20000 + Math.floor(Math.random() * 20000));

beforeAll(async () => {
  broker = await kafkaBroker();
  t = await createTestDatabase("two_workers");
  for (const port of ports) {
    workers.push(
      Bun.spawn(["bun", "src/main.ts"], {
        env: {
          ...process.env,
          NODE_ENV: "test",
          REQUIRE_AUTH: "false", // not about keys
          PORT: String(port),
          HOST: "127.0.0.1",
          DATABASE_URL: t.url,
          KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap,
          KAFKA_TOPIC_PREFIX: prefix,
          KAFKA_TOPIC_PARTITIONS: "10",
          ENABLE_WORKER: "true",
          WORKER_CONCURRENCY: "5",
          POOL_MIN_UNSERVED: "0",
          LOG_LEVEL: "warn",
        },
        stdout: "inherit",
        stderr: "inherit",
      }),
    );
  }
  for (const port of ports) {
    await eventually(
      async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok,
      90_000,
      `worker on ${port} ready`,
    );
  }
}, 180_000);

afterAll(async () => {
  for (const w of workers) w.kill("SIGTERM");
  await Promise.all(workers.map((w) => Promise.race([w.exited, Bun.sleep(30_000).then(() => w.kill("SIGKILL"))])));
  await t?.drop();
}, 60_000);

test("two worker processes in one group on 10 partitions: 200 problems over 10 requests, all completed, no duplicates", async () => {
  // Both processes are group members before any work is published.
  const admin = testKafka(broker.bootstrap).admin();
  await admin.connect();
  await eventually(
    async () => (await admin.describeGroups(["problem-generator-workers"])).groups[0]?.members.length === 2,
    60_000,
    "two members",
  );
  await admin.disconnect();

  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const port = ports[i % 2] as number;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/problems/generate`, {
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
