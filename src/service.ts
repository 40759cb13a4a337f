import type { IMetricReader } from "@opentelemetry/sdk-metrics";
import type { Server } from "bun";
import type { Config } from "./config";
import type { Database } from "./db/client";
import { DeadlineExceededError, withDeadline } from "./deadline";
import type { App } from "./http/app";
import { serveHttp } from "./http/server";
import type { Transport } from "./queue/transport";
import { shutdownStack } from "./shutdown-stack";
import { createLogger, type Logger } from "./telemetry/logger";
import { openDatabase, openTransport, prepareDatabase, serviceTelemetry, wireParts } from "./wiring";
import type { WorkerHandle } from "./worker/index";

export interface Service {
  readonly url: URL;
  readonly logger: Logger;
  readonly database: Database;
  readonly transport: Transport;
  readonly worker: WorkerHandle | undefined;
  /** Aborted once HTTP has drained; every background loop listens to it. */
  readonly signal: AbortSignal;
  /** Idempotent: every call returns the same in-flight shutdown. */
  stop(reason?: string): Promise<void>;
}

export interface ServiceOptions {
  logger?: Logger;
  /** Extra metric readers, e.g. an in-memory one in tests. */
  metricReaders?: IMetricReader[];
}

/** Kept from the shutdown budget for closing the producer, flushing metrics and closing the database. */
const CLOSE_RESERVE_MS = 3000;

/**
 * The lifecycle: starts the parts that wiring.ts builds, in order, each pushing its stop step once started, so the
 * shutdown (a stop, or a start that fails halfway) runs in reverse: drain HTTP, stop the worker, stop the
 * background loops, close the producer, flush metrics, close the database. One budget (SHUTDOWN_TIMEOUT_MS) for
 * all of it.
 */
export async function runService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, pretty: config.env === "development" });
  logger.info({ pid: process.pid }, "language-quiz-service starting");
  const stack = shutdownStack(logger, config.shutdownTimeoutMs);
  const controller = new AbortController();
  try {
    const { database, health: databaseHealth } = openDatabase(config, logger);
    stack.push("close database", () => {
      databaseHealth.close();
      return withDeadline(database.close(), stack.left(), "database close");
    });
    // Flushed before the database closes: collecting the pool gauges reads it.
    const telemetry = serviceTelemetry(config, options.metricReaders);
    stack.push("flush metrics", () => telemetry.shutdown(Math.min(3000, stack.left())));
    await prepareDatabase(config, database, logger);
    const transport = openTransport(config, logger);
    stack.push("close queue producer", () => withDeadline(transport.close(), stack.left(), "queue close"));

    const parts = wireParts({ config, logger, telemetry, database, databaseHealth, transport });
    const loopsDone = parts.startBackgroundLoops(controller.signal);
    stack.push("stop background loops", () => withDeadline(loopsDone(), stack.left(), "background loops"));
    stack.push("signal background loops", () => controller.abort(new Error("shutting down")));
    const worker = config.worker.enabled ? parts.startWorker(controller.signal) : undefined;
    if (worker) stack.push("stop worker", () => worker.stop(stack.left(CLOSE_RESERVE_MS)));
    // HTTP drains first: in-flight requests may still publish or read the database.
    const server = listen(config, parts.app, logger);
    stack.push("drain http", () => drainHttp(server, stack.left(CLOSE_RESERVE_MS), logger));

    const url = new URL(`http://${config.http.host === "0.0.0.0" ? "localhost" : config.http.host}:${server.port}`);
    logger.info(
      { url: url.toString(), database: database.kind, queue: transport.kind, worker: config.worker.enabled },
      "language-quiz-service listening on %s",
      url.toString(),
    );
    let stopping: Promise<void> | undefined;
    return {
      url,
      logger,
      database,
      transport,
      worker,
      signal: controller.signal,
      stop(reason = "stop requested") {
        stopping ??= (async () => {
          logger.info({ reason }, "shutting down");
          await stack.run();
          logger.info("shutdown complete");
        })();
        return stopping;
      },
    };
  } catch (error) {
    // Whatever had started stops, in order, within the same budget as a normal stop.
    await stack.run();
    throw error;
  }
}

function listen(config: Config, app: App, logger: Logger): Server<undefined> {
  return serveHttp(app.fetch, {
    port: config.http.port,
    hostname: config.http.host,
    logger,
    // Longer than the request timeout, so a slow request is answered (503) before its connection is cut.
    idleTimeoutS: Math.min(255, Math.ceil(config.http.requestTimeoutMs / 1000) + 5),
  });
}

/** Stops accepting connections and lets in-flight requests finish, up to the deadline; then cuts what is left. */
async function drainHttp(server: Server<undefined>, deadlineMs: number, logger: Logger) {
  try {
    await withDeadline(server.stop(false), deadlineMs, "http drain");
  } catch (error) {
    if (!(error instanceof DeadlineExceededError)) throw error;
    logger.warn({ deadlineMs }, "in-flight requests did not finish in time; closing their connections");
    await server.stop(true);
  }
}
