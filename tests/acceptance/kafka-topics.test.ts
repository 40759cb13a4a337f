import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import type { Admin } from "kafkajs";
import { ensureKafkaTopics, kafkaLag } from "../../src/queue/kafka";
import { topicNames, topicSpecs } from "../../src/queue/topics";
import { type Broker, kafkaBroker, startLocalBroker, testKafka, uniqueName } from "../support/kafka";

let broker: Broker;
let admin: Admin;
beforeAll(async () => {
  broker = await kafkaBroker();
  admin = testKafka(broker.bootstrap).admin();
  await admin.connect();
}, 120_000);
afterAll(() => admin?.disconnect());

const partitionsOf = async (topic: string) =>
  (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions.length;

describe("declarative topics", () => {
  test("creates the requests, retry and DLQ topics with their partitions and a 7-day retention", async () => {
    const prefix = `${uniqueName("topics")}.`;
    const names = topicNames(prefix);
    const changes = await ensureKafkaTopics(admin, topicSpecs(4, prefix));
    expect(changes).toEqual({ created: [names.requests, names.retry, names.dlq], grown: [], unchanged: [] });
    expect(await partitionsOf(names.requests)).toBe(4);
    expect(await partitionsOf(names.dlq)).toBe(1);
    const [config] = (
      await admin.describeConfigs({ resources: [{ type: 2, name: names.requests }], includeSynonyms: false })
    ).resources;
    expect(config?.configEntries.find((e) => e.configName === "retention.ms")?.configValue).toBe(
      String(7 * 24 * 3600 * 1000),
    );
  });

  test("running it again changes nothing", async () => {
    const prefix = `${uniqueName("again")}.`;
    await ensureKafkaTopics(admin, topicSpecs(2, prefix));
    const names = topicNames(prefix);
    expect(await ensureKafkaTopics(admin, topicSpecs(2, prefix))).toEqual({
      created: [],
      grown: [],
      unchanged: [names.requests, names.retry, names.dlq],
    });
  });

  test("grows partitions when the spec asks for more, never shrinks, and the grown topic is usable at once", async () => {
    const prefix = `${uniqueName("grow")}.`;
    const names = topicNames(prefix);
    await ensureKafkaTopics(admin, topicSpecs(2, prefix));
    const grown = await ensureKafkaTopics(admin, topicSpecs(5, prefix));
    expect(grown.grown).toEqual([
      { topic: names.requests, from: 2, to: 5 },
      { topic: names.retry, from: 2, to: 5 },
    ]);
    expect(await partitionsOf(names.requests)).toBe(5);
    expect((await kafkaLag(admin, "nobody", names.requests)).map((p) => p.partition).sort()).toEqual([0, 1, 2, 3, 4]);
    const shrink = await ensureKafkaTopics(admin, topicSpecs(3, prefix));
    expect(shrink.grown).toEqual([]);
    expect(await partitionsOf(names.requests)).toBe(5);
  });

  test("several instances ensuring the same topics at once all succeed", async () => {
    const prefix = `${uniqueName("race")}.`;
    const results = await Promise.all(Array.from({ length: 3 }, () => ensureKafkaTopics(admin, topicSpecs(3, prefix))));
    expect(results.every((r) => r.created.length + r.unchanged.length === 3)).toBe(true);
    expect(await partitionsOf(topicNames(prefix).requests)).toBe(3);
  });
});

describe("a consumed message's committed offset is readable", () => {
  test("produce, consume in a group with a manual commit, read the committed offset and the lag back", async () => {
    const prefix = `${uniqueName("commit")}.`;
    const topic = topicNames(prefix).requests;
    await ensureKafkaTopics(admin, topicSpecs(1, prefix));
    const kafka = testKafka(broker.bootstrap);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: "k", value: "v1" },
        { key: "k", value: "v2" },
      ],
    });
    await producer.disconnect();
    const groupId = uniqueName("group");
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
    const seen: string[] = [];
    const done = Promise.withResolvers<void>();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        seen.push(message.value?.toString() ?? "");
        await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        if (seen.length === 2) done.resolve();
      },
    });
    await done.promise;
    await consumer.disconnect();
    expect(seen).toEqual(["v1", "v2"]);
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(offsets?.partitions).toEqual([{ partition: 0, offset: "2", metadata: null }]);
    expect(await kafkaLag(admin, groupId, topic)).toEqual([{ topic, partition: 0, lag: 0 }]);
  }, 60_000);
});

/** Alive and not a zombie (an exited child that nobody reaped yet still answers kill(pid, 0)). */
function running(pid: number): boolean {
  // node:fs, not Bun.file: /proc files report size 0, which Bun.file takes at its word.
  if (!existsSync(`/proc/${pid}/status`)) return false;
  return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
}

describe("broker provisioning", () => {
  test("stops what it started: the local broker's process is gone after stop, and stop again is a no-op", async () => {
    const port = Number(process.env.KAFKA_PROVISION_TEST_PORT ?? 19292);
    const local = await startLocalBroker(port);
    const pid = Number(await Bun.file(`${local.dataDir}/kafka.pid`).text());
    expect(running(pid)).toBe(true);
    await local.stop();
    expect(running(pid)).toBe(false);
    await local.destroy(); // stopping a stopped broker is fine
  }, 120_000);
});
