import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { createDatabase, type Database } from "../../src/db/client";
import { generationRequestsRepository } from "../../src/db/repositories/generation-requests";
import { generationSubmitter } from "../../src/generation/submit";
import { createKafkaTransport } from "../../src/queue/kafka";
import { traceparentFor } from "../../src/queue/messages";
import { topicNames, topicSpecs } from "../../src/queue/topics";
import type { Transport } from "../../src/queue/transport";
import type { Service } from "../../src/service";
import { silentLogger } from "../support/app";
import { outboxMessages } from "../support/generation";
import { type Broker, kafkaBroker, testKafka, uniqueName } from "../support/kafka";
import { eventually } from "../support/logs";
import { startTestRelay } from "../support/outbox";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { startTestService, stopWithin } from "../support/service";

let broker: Broker;
let t: TestDatabase;
const opened: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  broker = await kafkaBroker();
  t = await createTestDatabase("outbox_relay");
}, 120_000);
afterAll(async () => {
  for (const part of opened.reverse()) await part.close().catch(() => {});
  await t?.drop();
}, 60_000);

/** A Kafka transport (one producer, like one instance) with the topics of `prefix` created. */
async function kafkaFor(prefix: string): Promise<Transport> {
  const transport = createKafkaTransport({
    brokers: [broker.bootstrap],
    clientId: "outbox-test",
    logger: silentLogger,
  });
  opened.push(transport);
  await transport.ensureTopics(topicSpecs(3, prefix));
  return transport;
}

/** Writes `count` messages per request into the outbox, as POST generate does, with no relay running. */
async function submitRequests(topic: string, counts: number[]): Promise<string[]> {
  const submitter = generationSubmitter({
    requests: generationRequestsRepository(t.database),
    logger: silentLogger,
    topic,
    maxPending: 100_000,
    onEnqueued: () => {},
  });
  const ids: string[] = [];
  for (const count of counts)
    ids.push(
      (await submitter.submit({ count, statementCount: 4, traceparent: traceparentFor() }, { allowances: [] })).row.id,
    );
  return ids;
}

/** Every message on `topic`, read from the beginning with a consumer of its own, as message ids. */
async function messageIdsOn(topic: string, expected: number): Promise<string[]> {
  const consumer = testKafka(broker.bootstrap).consumer({ groupId: uniqueName("count") });
  const ids: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        ids.push((JSON.parse(message.value?.toString() ?? "{}") as { message_id: string }).message_id);
      },
    });
    await eventually(() => ids.length >= expected, 60_000, `${expected} messages read from ${topic}`);
  } finally {
    await consumer.disconnect();
  }
  return ids;
}

/** Messages the topic holds in all, from its end offsets (what landed, whoever reads it). */
async function landed(topic: string): Promise<number> {
  const admin = testKafka(broker.bootstrap).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

const pendingIn = async (database: Database) =>
  (await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM outbox`))[0]?.n ?? 0;

test("two relays on one database publish each outbox row exactly once", async () => {
  const prefix = `${uniqueName("two-relays")}.`;
  const topic = topicNames(prefix).requests;
  const [a, b] = [await kafkaFor(prefix), await kafkaFor(prefix)];
  await submitRequests(topic, [100, 100, 100, 100, 100]);
  const written = (await outboxMessages(t.database)).map((m) => m.value.message_id);
  expect(written).toHaveLength(500);
  // Two instances: each its own connection pool and its own producer; small batches so they interleave.
  const databases = [createDatabase({ url: t.url, poolMax: 2 }), createDatabase({ url: t.url, poolMax: 2 })];
  for (const d of databases) opened.push(d);
  const relays = [
    startTestRelay(databases[0] as Database, a.publisher, { batchSize: 20 }),
    startTestRelay(databases[1] as Database, b.publisher, { batchSize: 20 }),
  ];
  try {
    await eventually(async () => (await pendingIn(t.database)) === 0, 60_000, "outbox drained");
  } finally {
    for (const relay of relays) await relay.stop();
  }
  expect(await landed(topic)).toBe(500);
  const read = await messageIdsOn(topic, 500);
  expect(read.toSorted()).toEqual(written.toSorted());
}, 180_000);

test("a relay killed between publishing and marking: the batch is published again, and stored once", async () => {
  const prefix = `${uniqueName("killed-relay")}.`;
  const topic = topicNames(prefix).requests;
  await kafkaFor(prefix);
  const [requestId] = await submitRequests(topic, [6]);
  const child = Bun.spawn(["bun", join(import.meta.dir, "../support/relay-killed-after-publish.ts")], {
    env: { ...process.env, DATABASE_URL: t.url, KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap },
    stdout: "inherit",
    stderr: "inherit",
  });
  await child.exited;
  expect(child.signalCode).toBe("SIGKILL");
  // Published, yet still pending: the claim never committed.
  expect(await landed(topic)).toBe(6);
  expect(await outboxMessages(t.database, requestId)).toHaveLength(6);

  // A whole service on the same database and topics: its relay sends the batch again, its worker handles both copies.
  let service: Service | undefined;
  try {
    service = await startTestService({
      DATABASE_URL: t.url,
      KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap,
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_TOPIC_PARTITIONS: "3",
      ENABLE_WORKER: "true",
      POOL_MIN_UNSERVED: "0",
    });
    const requests = generationRequestsRepository(t.database);
    const done = await eventually(
      async () => {
        const row = await requests.get(requestId as string);
        return row?.status === "completed" ? row : undefined;
      },
      90_000,
      "request completed",
    );
    expect(done).toMatchObject({ generatedCount: 6, failedCount: 0 });
    // Both copies landed and the worker has consumed every one of them: the duplicates were handled, not missed.
    const consumedAll = async () => {
      const partitions = (await service?.transport.lag(`${prefix}problem-generator-workers`, topic)) ?? [];
      return partitions.length === 3 && partitions.every((p) => p.lag === 0);
    };
    await eventually(
      async () => (await pendingIn(t.database)) === 0 && (await landed(topic)) === 12 && (await consumedAll()),
      60_000,
      "both copies published and consumed",
    );
    const [stored] = await t.database.rows<{ n: number; distinct_messages: number }>(sql`
      SELECT count(*)::int AS n, count(DISTINCT source_message_id)::int AS distinct_messages
      FROM problems WHERE generation_request_id = ${requestId}`);
    expect(stored).toEqual({ n: 6, distinct_messages: 6 });
    const [ledger] = await t.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM generation_items WHERE generation_request_id = ${requestId}`,
    );
    expect(ledger?.n).toBe(6);
  } finally {
    await stopWithin(service, 30_000);
  }
}, 240_000);
