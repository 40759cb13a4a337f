import type { Meter } from "@opentelemetry/api";
import type { Database } from "../../src/db/client";
import type { HealthCheck } from "../../src/health";
import { createApp } from "../../src/http/app";
import { createMemoryTransport } from "../../src/queue/memory";
import { topicSpecs } from "../../src/queue/topics";
import type { Publisher } from "../../src/queue/transport";
import { createLogger, type Logger } from "../../src/telemetry/logger";
import { appDeps } from "../../src/wiring";
import { testConfig } from "./service";

export const silentLogger = createLogger({ level: "silent", pretty: false });

/** The HTTP app over a real database, wired exactly as the service wires it; no socket (use `app.request`). */
export function testApp(
  database: Database,
  options: {
    publisher?: Publisher;
    healthChecks?: HealthCheck[];
    env?: Record<string, string>;
    logger?: Logger;
    meter?: Meter;
  } = {},
) {
  const logger = options.logger ?? silentLogger;
  const config = testConfig({ POOL_MIN_UNSERVED: "0", ...options.env });
  const publisher = options.publisher ?? createMemoryTransport(topicSpecs(1, config.kafka.topicPrefix)).publisher;
  const deps = appDeps({ database, publisher, config, logger });
  return {
    app: createApp({
      ...deps,
      healthChecks: options.healthChecks ?? [],
      logger,
      meter: options.meter,
      version: "test",
    }),
    deps,
  };
}
