import { afterAll, beforeAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import type { IHeaders } from "kafkajs";
import { topicNames } from "../../src/queue/topics";
import { kafkaBroker, testKafka, uniqueName } from "../support/kafka";
import { eventually } from "../support/logs";
import { promTotal } from "../support/metrics";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { type ServiceProcess, spawnService } from "../support/service-process";

// What an operator reads after redeliveries (a crash before the commit, a rebalance, a replay): the counters of the
// service's own /metrics, on a real broker, against the rows in the database.
let t: TestDatabase;
let service: ServiceProcess | undefined;
beforeAll(async () => {
  t = await createTestDatabase("replay_metrics");
});
afterAll(async () => {
  await service?.kill();
  await t?.drop();
}, 30_000);

test("10 handled messages produced again: processed equals stored, skipped equals the replays", async () => {
  const broker = await kafkaBroker();
  const prefix = `${uniqueName("replay")}.`;
  const topic = topicNames(prefix).requests;
  service = spawnService({
    DATABASE_URL: t.url,
    KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_TOPIC_PARTITIONS: "2",
    ENABLE_WORKER: "true",
    GENERATOR: "template",
    POOL_MIN_UNSERVED: "0",
    METRICS_PROMETHEUS: "true",
  });
  const base = await service.listening();
  await eventually(async () => (await fetch(new URL("/health/ready", base))).ok, 90_000, "service ready");
  const counters = async () => {
    const text = await (await fetch(new URL("/metrics", base))).text();
    return {
      processed: promTotal(text, "worker_messages_processed_total"),
      skipped: promTotal(text, "worker_messages_skipped_total"),
    };
  };
  const stored = async () =>
    (await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM problems`))[0]?.n ?? 0;

  const res = await fetch(new URL("/api/v1/problems/generate", base), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ count: 10, statement_count: 2 }),
  });
  expect(res.status).toBe(202);
  await eventually(async () => (await counters()).processed === 10, 60_000, "10 messages processed");

  // The very records the service published, read back from the topic and produced again unchanged.
  const kafka = testKafka(broker.bootstrap);
  const consumer = kafka.consumer({ groupId: uniqueName("replay-reader") });
  const records: { key: Buffer | null; value: Buffer | null; headers?: IHeaders }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void records.push(message) });
    await eventually(() => records.length === 10, 60_000, "the 10 published records read back");
  } finally {
    await consumer.disconnect();
  }
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: records });
  } finally {
    await producer.disconnect();
  }

  await eventually(async () => (await counters()).skipped === 10, 60_000, "the 10 replays skipped");
  expect(await counters()).toEqual({ processed: 10, skipped: 10 });
  expect(await stored()).toBe(10);
}, 180_000);
