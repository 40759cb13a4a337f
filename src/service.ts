import type { Server } from "bun";
import pkg from "../package.json" with { type: "json" };
import type { Config } from "./config";
import { createDatabase, type Database } from "./db/client";
import { problemsRepository } from "./db/repositories/problems";
import { createApp } from "./http/app";
import type { HealthCheck } from "./http/routes/health";
import { createLogger, type Logger } from "./telemetry/logger";

export interface Service {
  readonly url: URL;
  readonly logger: Logger;
  readonly database: Database;
  /** Aborted when shutdown begins; everything long-running listens to it. */
  readonly signal: AbortSignal;
  /** Idempotent: every call returns the same in-flight shutdown. */
  stop(reason?: string): Promise<void>;
}

export interface ServiceOptions {
  logger?: Logger;
}

/** One step of an ordered shutdown. Each runs in its own try/catch so one failure never skips the rest. */
interface ShutdownStep {
  name: string;
  run(): Promise<unknown> | unknown;
}

/**
 * Starts the service: database, HTTP, and (later steps) the worker, all owned by one AbortController.
 * Shutdown order (DESIGN.md section 5): stop HTTP and drain, stop the worker, flush telemetry, close the database.
 */
export async function runService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const controller = new AbortController();
  const logger = options.logger ?? createLogger({ level: config.logLevel, pretty: config.env === "development" });
  const steps: ShutdownStep[] = [];

  const database = createDatabase({
    url: config.database.url,
    pgliteDataDir: config.database.pgliteDataDir,
    poolMax: config.database.poolMax,
  });
  steps.unshift({ name: "close database", run: () => database.close() });
  try {
    // Production migrates once in the release step; dev, tests and the embedded database migrate at start.
    if (config.env !== "production" || database.kind === "pglite") await database.migrate();
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }

  const problems = problemsRepository(database);
  const healthChecks: HealthCheck[] = [
    {
      name: "database",
      check: async () => {
        await database.ping();
        return { ready: true, detail: database.kind };
      },
    },
  ];
  const app = createApp({ problems, healthChecks, logger, version: pkg.version });

  const server: Server<undefined> = Bun.serve({ port: config.http.port, hostname: config.http.host, fetch: app.fetch });
  steps.unshift({ name: "drain http", run: () => drainHttp(server, config.shutdownTimeoutMs, logger) });
  const url = new URL(`http://${config.http.host === "0.0.0.0" ? "localhost" : config.http.host}:${server.port}`);
  logger.info(
    { url: url.toString(), database: database.kind },
    "language-quiz-service listening on %s",
    url.toString(),
  );

  let stopping: Promise<void> | undefined;
  return {
    url,
    logger,
    database,
    signal: controller.signal,
    stop(reason = "stop requested") {
      stopping ??= (async () => {
        logger.info({ reason }, "shutting down");
        controller.abort(new Error(reason));
        for (const step of steps) {
          try {
            await step.run();
          } catch (error) {
            logger.error({ err: error, step: step.name }, "shutdown step failed");
          }
        }
        logger.info("shutdown complete");
      })();
      return stopping;
    },
  };
}

/** Stops accepting connections and lets in-flight requests finish, up to the deadline; then cuts what is left. */
async function drainHttp(server: Server<undefined>, deadlineMs: number, logger: Logger) {
  let timer: Timer | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), deadlineMs);
  });
  const outcome = await Promise.race([server.stop(false).then(() => "drained" as const), timedOut]);
  clearTimeout(timer);
  if (outcome === "timeout") {
    logger.warn({ deadlineMs }, "in-flight requests did not finish in time; closing their connections");
    await server.stop(true);
  }
}
