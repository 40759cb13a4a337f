import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Admin, Producer } from "kafkajs";
import { z } from "zod";
import { defineHandler } from "../../src/worker/handlers/handler";
import { type Broker, kafkaBroker, testKafka, uniqueName } from "../support/kafka";
import { capturingLogger, eventually } from "../support/logs";
import { testTelemetry } from "../support/metrics";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { startTestWorker } from "../support/worker";

let broker: Broker;
let admin: Admin;
let producer: Producer;

beforeAll(async () => {
  broker = await kafkaBroker();
  const kafka = testKafka(broker.bootstrap);
  admin = kafka.admin();
  producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
}, 120_000);
afterAll(async () => {
  await Promise.allSettled([admin?.disconnect(), producer?.disconnect()]);
});

async function committedOffsets(groupId: string, topic: string): Promise<Map<number, number>> {
  const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return new Map((entry?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
}

const testMessage = (n: number) => ({
  message_type: "test",
  message_id: crypto.randomUUID(),
  payload: { text: "hello worker", n },
  enqueued_at: new Date().toISOString(),
});

describe("the worker on a real broker", () => {
  const logs = capturingLogger();
  const { reader, telemetry } = testTelemetry();
  const prefix = `${uniqueName("infra")}.`;
  const groupId = uniqueName("group");
  let harness: ReturnType<typeof startTestWorker>;
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase("infra");
    harness = startTestWorker({
      bootstrap: broker.bootstrap,
      prefix,
      groupId,
      logger: logs.logger,
      meter: telemetry.meter("worker"),
      database: t.database, // malformed messages are dead-lettered, and copied there
    });
    await eventually(() => harness.worker.ready, 60_000, "worker ready");
  }, 90_000);
  afterAll(async () => {
    await harness?.close();
    await t?.drop();
  });

  test("connects, joins the group and subscribes to the requests topic", async () => {
    expect(harness.worker.state).toBe("running");
    const { groups } = await admin.describeGroups([groupId]);
    expect(groups[0]?.state).toBe("Stable");
    expect(groups[0]?.members).toHaveLength(1);
    expect(harness.worker.health()).toMatchObject({ ready: true, state: "running", transport: "kafka" });
  });

  test("a produced message reaches the handler exactly once and unchanged, then its offset is committed", async () => {
    const message = testMessage(1);
    const [sent] = await producer.send({
      topic: harness.topic,
      messages: [{ key: "k1", value: JSON.stringify(message) }],
    });
    await eventually(
      () =>
        logs.lines.some((l) => l.msg === "Processed test message successfully" && l.message_id === message.message_id),
      20_000,
      "processed",
    );
    const received = logs.lines.filter((l) => l.msg === "Received test message" && l.message_id === message.message_id);
    expect(received).toHaveLength(1);
    expect(received[0]?.payload).toEqual(message.payload);
    const partition = sent?.partition as number;
    await eventually(
      async () => (await committedOffsets(groupId, harness.topic)).get(partition) === Number(sent?.baseOffset) + 1,
      10_000,
      "commit",
    );
    expect(await reader.value("worker.messages.processed", { topic: harness.topic })).toBeGreaterThanOrEqual(1);
  });

  test.each([
    ["not JSON", "{not json", "not_json"],
    ["schema-invalid", JSON.stringify({ message_type: "test", payload: 1 }), "schema_invalid"],
    ["of an unknown type", JSON.stringify({ message_type: "teleport" }), "unknown_type"],
    [
      "oversized",
      JSON.stringify({ message_type: "test", message_id: "x", payload: "x".repeat(70 * 1024) }),
      "oversized",
    ],
  ])(
    "a message %s is counted as malformed, logged with its position, dead-lettered, committed past, and the consumer lives on",
    async (_, value, reason) => {
      const [sent] = await producer.send({ topic: harness.topic, messages: [{ key: `bad-${reason}`, value }] });
      const offset = sent?.baseOffset as string;
      const partition = sent?.partition as number;
      const logged = await eventually(
        () =>
          logs.lines.find(
            (l) => l.msg === "malformed message dead-lettered" && l.offset === offset && l.partition === partition,
          ),
        20_000,
        "malformed log",
      );
      expect(logged).toMatchObject({ topic: harness.topic, reason });
      expect(await reader.value("worker.messages.malformed", { topic: harness.topic, reason })).toBeGreaterThanOrEqual(
        1,
      );
      await eventually(
        async () => (await committedOffsets(groupId, harness.topic)).get(partition) === Number(offset) + 1,
        10_000,
        "commit past",
      );
      // Still alive: a good message after it is processed.
      const next = testMessage(2);
      await producer.send({ topic: harness.topic, messages: [{ key: `bad-${reason}`, value: JSON.stringify(next) }] });
      await eventually(
        () =>
          logs.lines.some((l) => l.msg === "Processed test message successfully" && l.message_id === next.message_id),
        20_000,
        "next processed",
      );
      // Never re-read in a loop: exactly one log line for that offset.
      expect(
        logs.lines.filter(
          (l) => l.msg === "malformed message dead-lettered" && l.offset === offset && l.partition === partition,
        ),
      ).toHaveLength(1);
    },
  );

  test("the lag gauge equals produced minus committed", async () => {
    await harness.worker.stop();
    await producer.send({
      topic: harness.topic,
      messages: Array.from({ length: 7 }, (_, i) => ({ key: `lag-${i}`, value: JSON.stringify(testMessage(i)) })),
    });
    const committed = await committedOffsets(groupId, harness.topic);
    const ends = await admin.fetchTopicOffsets(harness.topic);
    const expected = ends.reduce(
      (sum, p) => sum + Number(p.high) - Math.max(committed.get(p.partition) ?? 0, Number(p.low)),
      0,
    );
    expect(expected).toBe(7);
    expect(await reader.value("worker.queue.length", { topic: harness.topic })).toBe(expected);
  });
});

describe("shutdown with a slow handler in flight", () => {
  const slowSchema = z.object({ message_type: z.literal("slow"), message_id: z.string(), sleep_ms: z.number() });

  async function scenario(sleepMs: number, shutdownTimeoutMs: number) {
    const logs = capturingLogger();
    const { telemetry } = testTelemetry();
    const prefix = `${uniqueName("slow")}.`;
    const groupId = uniqueName("group");
    const finished: string[] = [];
    const started = Promise.withResolvers<void>();
    const slow = defineHandler({
      type: "slow",
      schema: slowSchema,
      async handle(message, { signal }) {
        started.resolve();
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, message.sleep_ms);
          signal.addEventListener(
            "abort",
            () => {
              clearTimeout(timer);
              reject(signal.reason);
            },
            { once: true },
          );
        });
        finished.push(message.message_id);
      },
    });
    const first = startTestWorker({
      bootstrap: broker.bootstrap,
      prefix,
      groupId,
      logger: logs.logger,
      meter: telemetry.meter("w"),
      handlers: [slow],
      shutdownTimeoutMs,
    });
    await eventually(() => first.worker.ready, 60_000, "first worker ready");
    const id = crypto.randomUUID();
    const [sent] = await producer.send({
      topic: first.topic,
      messages: [{ key: "slow", value: JSON.stringify({ message_type: "slow", message_id: id, sleep_ms: sleepMs }) }],
    });
    await started.promise;
    await first.close(); // what SIGTERM does: stop() with the configured deadline
    const finishedByFirst = finished.includes(id);

    // The next consumer handles "slow" messages at once, so a redelivery shows up quickly.
    const quick = defineHandler({
      type: "slow",
      schema: slowSchema,
      handle: async (message) => void finished.push(message.message_id),
    });
    const second = startTestWorker({
      bootstrap: broker.bootstrap,
      prefix,
      groupId,
      logger: logs.logger,
      meter: telemetry.meter("w2"),
      handlers: [quick],
    });
    try {
      await eventually(() => second.worker.ready, 60_000, "second worker ready");
      if (!finishedByFirst) await eventually(() => finished.includes(id), 30_000, "redelivery to the next consumer");
      // Finished in time: the group's offset must already be past the message, so no consumer can get it again.
      else
        expect((await committedOffsets(groupId, first.topic)).get(sent?.partition ?? -1)).toBe(
          Number(sent?.baseOffset) + 1,
        );
    } finally {
      await second.close();
    }
    return { finishedByFirst, deliveries: finished.filter((f) => f === id).length };
  }

  test("a handler that ends before the deadline finishes and commits: the next consumer does not see it again", async () => {
    expect(await scenario(500, 10_000)).toEqual({ finishedByFirst: true, deliveries: 1 });
  }, 120_000);

  test("a handler still running at the deadline is abandoned uncommitted and redelivered to the next consumer", async () => {
    expect(await scenario(60_000, 1000)).toEqual({ finishedByFirst: false, deliveries: 1 });
  }, 120_000);

  test("messages finishing while shutdown drains are committed before the last one ends", async () => {
    const logs = capturingLogger();
    const { telemetry } = testTelemetry();
    const prefix = `${uniqueName("drain")}.`;
    const groupId = uniqueName("group");
    const gates = new Map<string, PromiseWithResolvers<void>>();
    const gate = (id: string) => gates.get(id) ?? gates.set(id, Promise.withResolvers<void>()).get(id);
    const started = new Set<string>();
    const held = defineHandler({
      type: "slow",
      schema: slowSchema,
      async handle(message) {
        started.add(message.message_id);
        await gate(message.message_id)?.promise;
      },
    });
    const worker = startTestWorker({
      bootstrap: broker.bootstrap,
      prefix,
      groupId,
      logger: logs.logger,
      meter: telemetry.meter("w"),
      handlers: [held],
      shutdownTimeoutMs: 60_000,
    });
    await eventually(() => worker.worker.ready, 60_000, "worker ready");
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    const [sent] = await producer.send({
      topic: worker.topic,
      messages: ids.map((id) => ({
        key: "drain",
        value: JSON.stringify({ message_type: "slow", message_id: id, sleep_ms: 0 }),
      })),
    });
    const partition = sent?.partition as number;
    const base = Number(sent?.baseOffset);
    await eventually(() => ids.every((id) => started.has(id)), 30_000, "both messages running");
    const closing = worker.close();
    gate(ids[0] as string)?.resolve();
    // The second message is still running, so stop() is still draining: the first one's commit must land now.
    await eventually(
      async () => (await committedOffsets(groupId, worker.topic)).get(partition) === base + 1,
      30_000,
      "first message committed during the drain",
    );
    gate(ids[1] as string)?.resolve();
    await closing;
    expect((await committedOffsets(groupId, worker.topic)).get(partition)).toBe(base + 2);
  }, 120_000);
});
