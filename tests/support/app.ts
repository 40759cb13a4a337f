import type { Meter } from "@opentelemetry/api";
import type { Database } from "../../src/db/client";
import type { HealthCheck } from "../../src/health";
import { createApp } from "../../src/http/app";
import { createLogger, type Logger } from "../../src/telemetry/logger";
import { appDeps } from "../../src/wiring";
import { testConfig } from "./service";

export const silentLogger = createLogger({ level: "silent", pretty: false });

/**
 * The HTTP app over a real database, wired exactly as the service wires it; no socket (use `app.request`). No relay
 * runs: generate requests leave their messages in the outbox, where the test can read them.
 */
export function testApp(
  database: Database,
  options: {
    healthChecks?: HealthCheck[];
    env?: Record<string, string>;
    logger?: Logger;
    meter?: Meter;
  } = {},
) {
  const logger = options.logger ?? silentLogger;
  const config = testConfig({ POOL_MIN_UNSERVED: "0", ...options.env });
  const deps = appDeps({ database, config, logger });
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
