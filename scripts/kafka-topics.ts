/** `bun run kafka:topics`: creates or grows the declared topics on KAFKA_BOOTSTRAP_SERVERS and says what changed. */
import { ConfigError, loadConfig } from "../src/config";
import { createKafkaTransport } from "../src/queue/kafka";
import { topicSpecs } from "../src/queue/topics";
import { createLogger } from "../src/telemetry/logger";

try {
  const config = loadConfig();
  if (!config.kafka.brokers)
    throw new ConfigError(["KAFKA_BOOTSTRAP_SERVERS is not set: there is no broker to create topics on"]);
  const transport = createKafkaTransport({
    brokers: config.kafka.brokers,
    clientId: config.kafka.clientId,
    logger: createLogger({ level: "warn", pretty: false }),
  });
  try {
    const changes = await transport.ensureTopics(topicSpecs(config.kafka.requestPartitions, config.kafka.topicPrefix));
    console.log(JSON.stringify(changes));
  } finally {
    await transport.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `kafka:topics failed: ${(error as Error).message}`);
  process.exit(1);
}
