import { type Config, loadConfig } from "../../src/config";
import { runService, type Service } from "../../src/service";
import { createLogger } from "../../src/telemetry/logger";
import { uniqueName } from "./kafka";
import { eventually } from "./logs";
import { createTestDatabase } from "./postgres";

/** Config for an in-test service: a free port, quiet logs, then whatever the test overrides. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    SHUTDOWN_TIMEOUT_MS: "5000",
    // Keys are the subject of tests/integration/auth-*.test.ts, which turn this on; elsewhere it is off on purpose.
    REQUIRE_AUTH: "false",
    ...env,
  });
}

export async function startTestService(env: Record<string, string> = {}): Promise<Service> {
  const config = testConfig(env);
  return runService(config, { logger: createLogger({ level: config.logLevel, pretty: false }) });
}

/**
 * A whole service whose worker consumes Kafka topics of its own (prefix from `label`), on the database and broker the
 * test names in `env`, returned once it reports ready.
 */
export async function startKafkaService(label: string, env: Record<string, string>): Promise<Service> {
  const service = await startTestService({
    KAFKA_TOPIC_PREFIX: `${uniqueName(label)}.`,
    KAFKA_TOPIC_PARTITIONS: "2",
    ENABLE_WORKER: "true",
    POOL_MIN_UNSERVED: "0",
    ...env,
  });
  try {
    await eventually(async () => (await fetch(new URL("/health/ready", service.url))).ok, 60_000, `${label} ready`);
  } catch (error) {
    await stopWithin(service, 30_000);
    throw error;
  }
  return service;
}

/** Stops a service but never lets a broken close path hang the test file. */
export async function stopWithin(service: Service | undefined, ms = 10_000): Promise<void> {
  if (!service) return;
  let timer: Timer | undefined;
  await Promise.race([
    service.stop("test finished"),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`service did not stop within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * A whole service over its own fresh Postgres database, with the worker on the in-process queue and a seeded pool:
 * what the console and CLI tests talk to. `stop()` stops the service, then drops the database.
 */
export async function startServiceWithOwnDatabase(label: string, env: Record<string, string> = {}) {
  const db = await createTestDatabase(label);
  const service = await startTestService({
    DATABASE_URL: db.url,
    ENABLE_WORKER: "true",
    POOL_MIN_UNSERVED: "0",
    ...env,
  }).catch(async (error) => {
    await db.drop();
    throw error;
  });
  return {
    db,
    service,
    async stop() {
      await stopWithin(service, 20_000);
      await db.drop();
    },
  };
}
