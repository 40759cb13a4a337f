#!/usr/bin/env bun
/**
 * Sends N test messages to the problem-generation-requests topic with kafkajs (no Docker needed).
 * Called by scripts/test-kafka-traffic.sh; can also be run directly:
 *
 *   bun scripts/send-test-messages.ts [N=10]
 *
 * Environment:
 *   KAFKA_BOOTSTRAP_SERVERS  comma-separated brokers (default localhost:9092)
 *   KAFKA_TEST_TOPIC         topic to write to (default: the service's requests topic, KAFKA_TOPIC_PREFIX included)
 *
 * Each message value is JSON shaped like
 *   {"message_type":"test","message_id":"<uuid>","payload":{"text":"hello worker","n":<i>},"enqueued_at":"<iso>"}
 * keyed by its message_id. The topic is not created here: topics are declared by the application
 * (`bun run kafka:topics`), and the local broker refuses to auto-create them.
 */
import { type ICustomPartitioner, Kafka, logLevel, Partitioners } from "kafkajs";
import { topicNames } from "../src/queue/topics";

// kafkajs 2.2.4 sets a timer with a negative delay when nothing is throttled; the runtime then
// prints TimeoutNegativeWarning. It is harmless, so it is filtered out of the output.
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  if (warning.name !== "TimeoutNegativeWarning") console.error(warning);
});

const TOPIC = process.env.KAFKA_TEST_TOPIC ?? topicNames(process.env.KAFKA_TOPIC_PREFIX ?? "").requests;

class UsageOrSetupError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function fail(message: string, code = 1): never {
  throw new UsageOrSetupError(message, code);
}

function parseCount(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 100_000) {
    fail(`N must be an integer between 1 and 100000, got ${JSON.stringify(raw)}`, 64);
  }
  return value;
}

function parseBrokers(raw: string): string[] {
  const list = raw
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (list.length === 0) fail("KAFKA_BOOTSTRAP_SERVERS names no broker", 64);
  return list;
}

// The default partitioner, wrapped to remember where each message went (printed afterwards).
const chosenPartition = new Map<string, number>();
const recordingPartitioner: ICustomPartitioner = () => {
  const pick = Partitioners.DefaultPartitioner();
  return (args) => {
    const partition = pick(args);
    chosenPartition.set(String(args.message.key), partition);
    return partition;
  };
};

async function main(): Promise<void> {
  const count = parseCount(process.argv[2] ?? "10");
  const brokers = parseBrokers(process.env.KAFKA_BOOTSTRAP_SERVERS ?? "localhost:9092");

  const kafka = new Kafka({
    clientId: "lqs-test-traffic",
    brokers,
    // kafkajs would log every retry; the final error is printed below instead.
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { retries: 3 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: recordingPartitioner,
  });

  try {
    await admin.connect();
    const topics = await admin.listTopics();
    if (!topics.includes(TOPIC)) {
      fail(
        `topic "${TOPIC}" does not exist on ${brokers.join(",")}; create the declared topics first ` +
          "(bun run kafka:topics, or start the worker)",
        2,
      );
    }

    const messages = Array.from({ length: count }, (_, index) => {
      const value = {
        message_type: "test",
        message_id: crypto.randomUUID(),
        payload: { text: "hello worker", n: index + 1 },
        enqueued_at: new Date().toISOString(),
      };
      return { key: value.message_id, value: JSON.stringify(value) };
    });

    await producer.connect();
    const results = await producer.send({ topic: TOPIC, acks: -1, messages });

    // The broker answers with one base offset per partition; within a partition the messages of
    // one send keep their order, so each one's offset is the base plus its rank there.
    const nextOffset = new Map<number, bigint>();
    for (const r of results) nextOffset.set(r.partition, BigInt(r.baseOffset ?? "0"));

    console.log(`sent ${messages.length} message(s) to ${TOPIC} on ${brokers.join(",")}:`);
    for (const m of messages) {
      const partition = chosenPartition.get(m.key);
      let where = "partition ?";
      if (partition !== undefined) {
        const offset = nextOffset.get(partition);
        where = `partition ${partition} offset ${offset ?? "?"}`;
        if (offset !== undefined) nextOffset.set(partition, offset + 1n);
      }
      console.log(`  [${where}] key=${m.key} value=${m.value}`);
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

try {
  await main();
} catch (error) {
  const code = error instanceof UsageOrSetupError ? error.exitCode : 1;
  if (error instanceof UsageOrSetupError) {
    console.error(`send-test-messages: ${error.message}`);
  } else {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(
      `send-test-messages: ${text}\n  is a broker running there? (local one: bash scripts/kafka-local.sh start)`,
    );
  }
  process.exitCode = code;
}
