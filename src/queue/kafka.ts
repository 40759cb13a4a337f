import { type Admin, Kafka, logLevel as KafkaLogLevel, Partitioners, type Producer } from "kafkajs";
import type { Logger } from "../telemetry/logger";
import { kafkaConsumer } from "./kafka-consumer";
import { kafkaLogCreator } from "./kafka-log";
import type { PartitionLag, TopicChanges, TopicSpec, Transport } from "./transport";

export interface KafkaTransportOptions {
  brokers: readonly string[];
  clientId: string;
  logger: Logger;
}

/** Creates missing topics and grows partitions; safe when several instances race to do it. */
export async function ensureKafkaTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<TopicChanges> {
  const changes: TopicChanges = { created: [], grown: [], unchanged: [] };
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(s.name));
  if (missing.length) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({
        topic: s.name,
        numPartitions: s.partitions,
        replicationFactor: -1, // the broker's default: 1 locally, whatever the cluster says elsewhere
        configEntries: Object.entries(s.config).map(([name, value]) => ({ name, value })),
      })),
    });
    changes.created.push(...missing.map((s) => s.name));
  }
  const present = specs.filter((s) => existing.has(s.name));
  if (present.length) {
    const { topics } = await admin.fetchTopicMetadata({ topics: present.map((s) => s.name) });
    for (const spec of present) {
      const current = topics.find((t) => t.name === spec.name)?.partitions.length ?? 0;
      if (current >= spec.partitions) {
        changes.unchanged.push(spec.name);
        continue;
      }
      try {
        await admin.createPartitions({ topicPartitions: [{ topic: spec.name, count: spec.partitions }] });
        await waitForLeaders(admin, spec.name, spec.partitions);
        changes.grown.push({ topic: spec.name, from: current, to: spec.partitions });
      } catch (error) {
        // Another instance grew it first: fine as long as it is now big enough.
        const { topics: after } = await admin.fetchTopicMetadata({ topics: [spec.name] });
        if ((after[0]?.partitions.length ?? 0) < spec.partitions) throw error;
        changes.unchanged.push(spec.name);
      }
    }
  }
  return changes;
}

/**
 * New partitions take a moment to get a leader; until then offset requests fail with NOT_LEADER_FOR_PARTITION.
 * Waits (bounded) until every partition has one, so callers can use the topic at once.
 */
async function waitForLeaders(admin: Admin, topic: string, partitions: number, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const led = topics[0]?.partitions.filter((p) => p.leader >= 0).length ?? 0;
    if (led >= partitions) return;
    await Bun.sleep(50);
  }
  throw new Error(`partitions of ${topic} have no leader after ${timeoutMs} ms`);
}

/** Lag per partition: end offset minus committed offset (a never-committed partition counts from its start). */
export async function kafkaLag(admin: Admin, groupId: string, topic: string): Promise<PartitionLag[]> {
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const committedByPartition = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  return ends.map(({ partition, high, low }) => {
    const done = committedByPartition.get(partition) ?? -1;
    const from = done >= 0 ? done : Number(low);
    return { topic, partition, lag: Math.max(0, Number(high) - from) };
  });
}

export function createKafkaTransport(options: KafkaTransportOptions): Transport {
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: KafkaLogLevel.WARN,
    logCreator: kafkaLogCreator(options.logger.child({ component: "kafkajs" })),
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 300, retries: 5 },
  });

  // Connections are opened on first use and kept; a failed connect is forgotten so the next call tries again.
  const lazy = <T extends { connect(): Promise<void> }>(client: T) => {
    let connected: Promise<T> | undefined;
    return () => {
      connected ??= client.connect().then(
        () => client,
        (error) => {
          connected = undefined;
          throw error;
        },
      );
      return connected;
    };
  };
  // Idempotent (acks from all in-sync replicas, one request in flight): a send retried after a lost acknowledgement
  // never writes the message twice. Retries end within about 2.5 s, inside the outbox relay's publish deadline (5 s),
  // so a batch the relay gave up on and will send again is rarely still being retried here; when it is, the copy
  // is harmless (the worker's ledger is keyed by message id).
  const producer: Producer = kafka.producer({
    // Named, so kafkajs does not print its notice about the default having changed in v2. Keys are message ids:
    // any partitioner spreads them; none is relied on for order.
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 1000 },
  });
  const connectedProducer = lazy(producer);
  const admin = kafka.admin();
  const connectedAdmin = lazy(admin);
  let closed = false;

  return {
    kind: "kafka",
    publisher: {
      async publish(topic, messages) {
        await (await connectedProducer()).send({ topic, messages: messages.map((m) => ({ ...m })) });
      },
    },
    consumer: (consumerOptions) => kafkaConsumer(kafka, consumerOptions, options.logger),
    // A short-lived admin of its own: kafkajs re-reads the metadata of every topic an admin ever asked about, and a lag
    // query for a topic not created yet (a metrics export racing the first start) can stay in that set once its
    // retries run out. Every later call of that admin then fails with UNKNOWN_TOPIC_OR_PARTITION, createTopics
    // included, so on a shared admin the topics could never be created. The lag admin heals once they exist.
    ensureTopics: async (specs) => {
      const topicAdmin = kafka.admin();
      await topicAdmin.connect();
      try {
        return await ensureKafkaTopics(topicAdmin, specs);
      } finally {
        await topicAdmin.disconnect();
      }
    },
    lag: async (groupId, topic) => {
      // The last metrics flush comes after close(): answer "no lag" rather than reopen a connection.
      if (closed) throw new Error("transport closed");
      return kafkaLag(await connectedAdmin(), groupId, topic);
    },
    async close() {
      closed = true;
      await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
    },
  };
}
