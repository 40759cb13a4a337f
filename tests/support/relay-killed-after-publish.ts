/**
 * A relay process that dies the hard way between publishing a batch and marking it sent: it runs the service's
 * relay against DATABASE_URL and KAFKA_BOOTSTRAP_SERVERS, and SIGKILLs itself as soon as the broker has
 * acknowledged the first batch, before the claiming transaction commits. What a crash at the worst moment leaves.
 */
import { createDatabase } from "../../src/db/client";
import { outboxRepository } from "../../src/db/repositories/outbox";
import { outboxDoorbell, startOutboxRelay } from "../../src/generation/outbox-relay";
import { createKafkaTransport } from "../../src/queue/kafka";
import { createLogger } from "../../src/telemetry/logger";

const logger = createLogger({ level: "warn", pretty: false });
const database = createDatabase({ url: process.env.DATABASE_URL, poolMax: 2 });
const transport = createKafkaTransport({
  brokers: [process.env.KAFKA_BOOTSTRAP_SERVERS ?? "127.0.0.1:9092"],
  clientId: "relay-killed-after-publish",
  logger,
});
await startOutboxRelay({
  outbox: outboxRepository(database),
  doorbell: outboxDoorbell(),
  publisher: {
    async publish(topic, messages) {
      await transport.publisher.publish(topic, messages);
      process.kill(process.pid, "SIGKILL");
    },
  },
  logger,
  signal: new AbortController().signal,
});
