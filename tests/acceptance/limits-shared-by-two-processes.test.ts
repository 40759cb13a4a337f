import { afterAll, beforeAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { topicNames } from "../../src/queue/topics";
import { createKey } from "../support/auth";
import { type Broker, kafkaBroker, testKafka, uniqueName } from "../support/kafka";
import { eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { type ServiceProcess, spawnService } from "../support/service-process";

/**
 * Two service processes on one database and one broker: the per-minute budget and the hourly quota are one budget,
 * not two, and a refused request publishes nothing to the real topic.
 */

let t: TestDatabase;
let broker: Broker;
const prefix = `${uniqueName("limits")}.`;
const topic = topicNames(prefix).requests;
const services: ServiceProcess[] = [];
let urls: URL[] = [];

beforeAll(async () => {
  t = await createTestDatabase("limits_two_processes");
  broker = await kafkaBroker();
  const admin = testKafka(broker.bootstrap).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  for (let i = 0; i < 2; i++)
    services.push(
      spawnService({
        DATABASE_URL: t.url,
        KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap,
        KAFKA_TOPIC_PREFIX: prefix,
        REQUIRE_AUTH: "true",
        RATE_LIMIT_PER_MINUTE: "4",
        GENERATION_QUOTA_PER_KEY_PER_HOUR: "5",
        POOL_MIN_UNSERVED: "0",
        LOG_LEVEL: "info",
      }),
    );
  urls = await Promise.all(services.map((s) => s.listening()));
}, 120_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.kill()));
  await t?.drop();
});

/** Fixed windows: start well inside one, so no boundary falls between the calls of a test. */
const insideWindows = () =>
  eventually(async () => {
    const [row] = await t.database.rows<{ s: number; m: number }>(
      sql`SELECT extract(second FROM now())::int AS s, extract(minute FROM now())::int AS m`,
    );
    return (row?.s ?? 60) < 40 && (row?.m ?? 60) < 59;
  }, 90_000);

test("the per-minute budget is shared: two calls on each process, then the fifth is a 429 on either", async () => {
  const { headers } = await createKey(t.database, ["read"]);
  await insideWindows();
  const statuses: number[] = [];
  for (const url of [urls[0], urls[1], urls[0], urls[1]])
    statuses.push((await fetch(new URL("/api/v1/pool", url), { headers })).status);
  expect(statuses).toEqual([200, 200, 200, 200]);
  const refused = await fetch(new URL("/api/v1/pool", urls[1]), { headers });
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  expect((await fetch(new URL("/api/v1/pool", urls[0]), { headers })).status).toBe(429);
}, 150_000); // waiting for the start of a window can take most of a minute

test("the generation quota is shared: over-quota POSTs on the other process write and publish nothing", async () => {
  const { headers } = await createKey(t.database, ["generate"]);
  await insideWindows();
  const post = (url: URL | undefined, count: number) =>
    fetch(new URL("/api/v1/problems/generate", url), {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ count }),
    });
  expect((await post(urls[0], 3)).status).toBe(202);
  const count = async () =>
    (await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM generation_requests`))[0]?.n;
  const onTopic = async () => {
    const admin = testKafka(broker.bootstrap).admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
    } finally {
      await admin.disconnect();
    }
  };
  // Accepted messages reach the topic through the outbox relay: wait until it has published them.
  const published = (n: number) =>
    eventually(async () => (await onTopic()) === n, 30_000, `${n} messages on the topic`);
  const waiting = async () => (await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM outbox`))[0]?.n;
  await published(3);
  const refused = await post(urls[1], 3);
  expect(refused.status).toBe(429);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("generation_quota_exceeded");
  expect(await count()).toBe(1);
  // Refused: nothing written, so nothing waits to be published and the topic stays as it was.
  expect(await waiting()).toBe(0);
  expect(await onTopic()).toBe(3);
  expect((await post(urls[1], 2)).status).toBe(202);
  expect(await count()).toBe(2);
  await published(5);
}, 150_000);
