import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Producer } from "kafkajs";
import { z } from "zod";
import { loadConfig } from "../../src/config";
import { workerConfig } from "../../src/worker/config";
import { defineHandler } from "../../src/worker/handlers/handler";
import { type Broker, kafkaBroker, testKafka, uniqueName } from "../support/kafka";
import { eventually } from "../support/logs";
import { startTestWorker } from "../support/worker";

let broker: Broker;
let producer: Producer;
beforeAll(async () => {
  broker = await kafkaBroker();
  producer = testKafka(broker.bootstrap).producer();
  await producer.connect();
}, 120_000);
afterAll(async () => {
  await producer?.disconnect();
});

const probeSchema = z.object({ message_type: z.literal("probe"), message_id: z.string() });

/** A worker of one environment, with the group id the service derives from its topic prefix. */
async function environmentWorker(prefix: string) {
  const received: string[] = [];
  const { groupId } = workerConfig(loadConfig({ KAFKA_TOPIC_PREFIX: prefix }));
  const harness = startTestWorker({
    bootstrap: broker.bootstrap,
    prefix,
    groupId,
    handlers: [
      defineHandler({
        type: "probe",
        schema: probeSchema,
        async handle(message) {
          received.push(message.message_id);
        },
      }),
    ],
  });
  await eventually(() => harness.worker.ready, 60_000, `worker of ${prefix} ready`);
  return { harness, received, groupId };
}

test("two environments on one broker (two topic prefixes) never take each other's partitions", async () => {
  const stem = uniqueName("env");
  const a = await environmentWorker(`${stem}-a.`);
  const b = await environmentWorker(`${stem}-b.`);
  try {
    expect(a.groupId).not.toBe(b.groupId);
    const publish = async (topic: string, label: string) => {
      const ids = Array.from({ length: 30 }, (_, i) => `${label}-${i}`);
      await producer.send({
        topic,
        messages: ids.map((id) => ({ key: id, value: JSON.stringify({ message_type: "probe", message_id: id }) })),
      });
      return ids;
    };
    const sentA = await publish(a.harness.topic, "a");
    const sentB = await publish(b.harness.topic, "b");
    // Each worker owns every partition of its own topic, so each sees all of its messages and none of the other's.
    await eventually(() => a.received.length === 30 && b.received.length === 30, 60_000, "both environments served");
    expect(a.received.sort()).toEqual(sentA.sort());
    expect(b.received.sort()).toEqual(sentB.sort());
  } finally {
    await Promise.all([a.harness.close(), b.harness.close()]);
  }
}, 180_000);
