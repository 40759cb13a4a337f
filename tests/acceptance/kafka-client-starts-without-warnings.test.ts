import { expect, test } from "bun:test";
import { createKafkaTransport } from "../../src/queue/kafka";
import { topicNames, topicSpecs } from "../../src/queue/topics";
import { kafkaBroker, uniqueName } from "../support/kafka";
import { capturingLogger } from "../support/logs";

// Regression: every start printed kafkajs' notice about its default partitioner, a warning about the producer's
// deliberately limited retries, and a TimeoutNegativeWarning (a timestamp used as a delay in kafkajs' request queue).
test("creating topics, publishing and closing prints no warning from the Kafka client or the runtime", async () => {
  const broker = await kafkaBroker();
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on("warning", onWarning);
  const logs = capturingLogger("info");
  const prefix = `${uniqueName("quiet")}.`;
  const transport = createKafkaTransport({ brokers: [broker.bootstrap], clientId: "quiet-test", logger: logs.logger });
  try {
    await transport.ensureTopics(topicSpecs(1, prefix));
    await transport.publisher.publish(topicNames(prefix).requests, [{ key: "k", value: "{}" }]);
  } finally {
    await transport.close();
    process.off("warning", onWarning);
  }
  expect(warnings).toEqual([]);
  expect(logs.lines.filter((l) => Number(l.level) >= 40).map((l) => l.msg)).toEqual([]);
});
