import type { IMetricReader } from "@opentelemetry/sdk-metrics";
import type { Server } from "bun";
import pkg from "../package.json" with { type: "json" };
import { authenticator } from "./access/authenticator";
import type { Config } from "./config";
import { createDatabase, type Database } from "./db/client";
import { createDatabaseHealth } from "./db/health";
import { apiKeysRepository } from "./db/repositories/api-keys";
import { generationRequestsRepository } from "./db/repositories/generation-requests";
import { problemsRepository } from "./db/repositories/problems";
import { usageWindowsRepository } from "./db/repositories/usage-windows";
import { DeadlineExceededError, withDeadline } from "./deadline";
import { startExpirySweeper } from "./generation/expiry";
import { registerGenerationMetrics } from "./generation/metrics";
import { poolKeeper } from "./generation/pool";
import { seedPool } from "./generation/seed";
import { generationSubmitter } from "./generation/submit";
import type { HealthCheck } from "./health";
import { createApp } from "./http/app";
import { requireHost, serverErrorHandler } from "./http/middleware/host";
import type { PipelineSource } from "./http/routes/pipeline";
import { createGenerator } from "./problems/generators";
import { createTemplateGenerator } from "./problems/generators/template";
import { DEFAULT_STATEMENTS } from "./problems/types";
import { createKafkaTransport } from "./queue/kafka";
import { createMemoryTransport } from "./queue/memory";
import { traceparentFor } from "./queue/messages";
import { topicNames, topicSpecs } from "./queue/topics";
import type { Publisher, Transport } from "./queue/transport";
import { pickCoalescer } from "./serving/pick-coalescer";
import { createLogger, type Logger } from "./telemetry/logger";
import { createTelemetry } from "./telemetry/metrics";
import { generatorCircuit } from "./worker/circuit";
import { workerConfig } from "./worker/config";
import { handlerRegistry } from "./worker/handlers";
import { problemGenerationHandler } from "./worker/handlers/problem-generation";
import { testHandler } from "./worker/handlers/test-handler";
import { startWorker, type WorkerHandle } from "./worker/index";

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

/** Repositories and generation services the HTTP app needs, built the same way in the service and in tests. */
export function appDeps(parts: { database: Database; publisher: Publisher; config: Config; logger: Logger }) {
  const problems = problemsRepository(parts.database);
  const requests = generationRequestsRepository(parts.database);
  const submitter = generationSubmitter({
    requests,
    publisher: parts.publisher,
    logger: parts.logger,
    publishTimeoutMs: PUBLISH_TIMEOUT_MS,
    topic: topicNames(parts.config.kafka.topicPrefix).requests,
  });
  const { poolMinUnserved, poolRefillCount } = parts.config.generation;
  const pool = poolKeeper({
    problems,
    submitter,
    logger: parts.logger,
    minUnserved: poolMinUnserved,
    refillCount: poolRefillCount,
    statementCount: DEFAULT_STATEMENTS,
    newTraceparent: () => traceparentFor(),
    ceiling: { bucket: "pool_refill:problems", limit: parts.config.access.refillMaxPerHour, windowSeconds: 3600 },
  });
  const picker = pickCoalescer({
    pick: problems.pickLeastRecentlyServed,
    maxBatch: parts.config.serving.pickBatchMax,
    maxInFlight: parts.config.serving.pickInFlight,
    pickTimeoutMs: parts.config.http.requestTimeoutMs,
  });
  const { access } = parts.config;
  const keys = apiKeysRepository(parts.database);
  const usage = usageWindowsRepository(parts.database);
  return {
    problems,
    picker,
    requests,
    submitter,
    pool,
    minUnserved: poolMinUnserved,
    access: {
      required: access.requireAuth,
      authenticator: authenticator({ keys, usage, logger: parts.logger, flushMs: access.usageFlushMs }),
      keys,
      usage,
      rateLimitPerMinute: access.rateLimitPerMinute,
      quotas: { perKeyPerHour: access.quotaPerKeyPerHour, globalPerHour: access.quotaGlobalPerHour },
      clientIpHeader: access.clientIpHeader,
      metricsToken: access.metricsToken,
      corsOrigins: access.corsOrigins,
      production: parts.config.env === "production",
    },
  };
}

/** Kept from the shutdown budget for closing the producer, flushing metrics and closing the database. */
const CLOSE_RESERVE_MS = 3000;
/** Every shutdown step gets at least this long, even when the budget is spent. */
const MIN_STEP_MS = 500;

/** A broker that has not acknowledged a publish by then is treated as down (the API answers 503). */
const PUBLISH_TIMEOUT_MS = 5000;

/** Shutdown steps in the order they run; a step is registered once its part has started. */
const SHUTDOWN_ORDER = [
  "drain http",
  "stop worker",
  "signal background loops",
  "stop background loops",
  "close queue producer",
  "flush metrics",
  "close database",
] as const;
type ShutdownStep = (typeof SHUTDOWN_ORDER)[number];

/**
 * Starts the service under one AbortController: telemetry, database, HTTP, then the worker without blocking.
 * Shutdown runs the steps in reverse order of start: drain HTTP, stop the worker,
 * close the producer, flush metrics, close the database.
 */
export async function runService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const controller = new AbortController();
  const logger = options.logger ?? createLogger({ level: config.logLevel, pretty: config.env === "development" });
  const steps = new Map<ShutdownStep, () => unknown>();
  logger.info({ pid: process.pid }, "language-quiz-service starting");
  // One budget for the whole shutdown: the drains share SHUTDOWN_TIMEOUT_MS minus a reserve for closing clients.
  // It is set when a shutdown begins, a failed start included: until then there is no deadline to measure from.
  let deadlineAt = Number.POSITIVE_INFINITY;
  const left = (reserveMs = 0) => Math.max(MIN_STEP_MS, deadlineAt - reserveMs - performance.now());
  steps.set("signal background loops", () => controller.abort(new Error("shutting down")));
  // Each step in its own try/catch, so one failure never skips the rest.
  const runSteps = async () => {
    for (const name of SHUTDOWN_ORDER) {
      const step = steps.get(name);
      if (!step) continue;
      try {
        await step();
        logger.debug({ step: name }, "shutdown step done");
      } catch (error) {
        logger.error({ err: error, step: name }, "shutdown step failed");
      }
    }
  };
  const shutDown = () => {
    deadlineAt = performance.now() + config.shutdownTimeoutMs;
    return runSteps();
  };

  const telemetry = createTelemetry({
    otlpEndpoint: config.telemetry.otlpEndpoint,
    exportIntervalMs: config.telemetry.exportIntervalMs,
    serviceName: config.telemetry.serviceName,
    serviceVersion: pkg.version,
    resourceAttributes: config.telemetry.resourceAttributes,
    readers: options.metricReaders,
    prometheus: config.telemetry.prometheus,
    instanceId: config.telemetry.instanceId,
  });
  steps.set("flush metrics", () => telemetry.shutdown(Math.min(3000, left())));

  const database = createDatabase({
    url: config.database.url,
    pgliteDataDir: config.database.pgliteDataDir,
    poolMax: config.database.poolMax,
  });
  const databaseHealth = createDatabaseHealth({ database, logger });
  steps.set("close database", () => {
    databaseHealth.close();
    return withDeadline(database.close(), left(), "database close");
  });
  try {
    // Production migrates once in the release step; dev, tests and the embedded database migrate at start.
    if (config.env !== "production" || database.kind === "pglite") await database.migrate();
  } catch (error) {
    await shutDown();
    throw error;
  }

  if (config.generation.seedOnEmpty > 0) {
    try {
      await seedIfEmpty(database, config.generation.seedOnEmpty, logger);
    } catch (error) {
      await shutDown();
      throw error;
    }
  }

  const transport: Transport = config.kafka.brokers
    ? createKafkaTransport({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger })
    : createMemoryTransport(topicSpecs(config.kafka.requestPartitions, config.kafka.topicPrefix));
  steps.set("close queue producer", () => withDeadline(transport.close(), left(), "queue close"));

  const deps = appDeps({ database, publisher: transport.publisher, config, logger });
  registerGenerationMetrics(telemetry.meter("generation"), deps);
  const expiry = startExpirySweeper({
    requests: deps.requests,
    ttlMs: config.generation.requestTtlMs,
    logger,
    signal: controller.signal,
  });
  // The pool check a /random call started may still be publishing: wait for it too.
  // Usage counts still in memory are written before the database closes.
  steps.set("stop background loops", () =>
    withDeadline(Promise.all([expiry, deps.pool.idle(), deps.access.authenticator.stop()]), left(), "background loops"),
  );
  const healthChecks: HealthCheck[] = [databaseHealth.check];

  // Declared before the app so the pipeline route sees the worker once it has started.
  let worker: WorkerHandle | undefined;
  const workerSettings = workerConfig(config);
  const pipeline: PipelineSource = {
    worker: () =>
      worker && {
        ...worker.health(),
        state: worker.state,
        inFlight: worker.inFlight,
        commitLag: worker.commitLag,
        transport: transport.kind,
      },
    lag: async () =>
      (await Promise.all(workerSettings.topics.map((t) => transport.lag(workerSettings.groupId, t)))).flat(),
  };
  const app = createApp({
    ...deps,
    pipeline,
    meter: telemetry.meter("http"),
    scrapeMetrics: telemetry.scrape,
    healthChecks,
    logger,
    version: pkg.version,
    databaseHealth,
    requestTimeoutMs: config.http.requestTimeoutMs,
  });
  let server: Server<undefined>;
  try {
    server = Bun.serve({
      port: config.http.port,
      hostname: config.http.host,
      fetch: requireHost(app.fetch),
      error: serverErrorHandler(logger),
      // Longer than the request timeout, so a slow request is answered (503) before its connection is cut.
      idleTimeout: Math.min(255, Math.ceil(config.http.requestTimeoutMs / 1000) + 5),
    });
  } catch (error) {
    await shutDown();
    throw error;
  }
  // HTTP drains first: in-flight requests may still publish or read the database.
  steps.set("drain http", () => drainHttp(server, left(CLOSE_RESERVE_MS), logger));

  // The worker starts last and never blocks: with Kafka down, HTTP serves and readiness says why.
  if (config.worker.enabled) {
    const circuit = generatorCircuit({ ...config.worker.breaker, logger });
    worker = startWorker(
      {
        transport,
        handlers: handlerRegistry([
          ...(config.worker.testMessages ? [testHandler] : []),
          problemGenerationHandler({
            requests: deps.requests,
            generator: circuit.guard(createGenerator(config.generator, telemetry.meter("llm"))),
          }),
        ]),
        meter: telemetry.meter("worker"),
        logger,
        config: workerSettings,
        circuit,
      },
      controller.signal,
    );
    const started = worker;
    steps.set("stop worker", () => started.stop(left(CLOSE_RESERVE_MS)));
    healthChecks.push({ name: "worker", check: async () => started.health() });
  }

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
        await shutDown();
        logger.info("shutdown complete");
      })();
      return stopping;
    },
  };
}

/**
 * First start of a development pool: fill it at once so `/api/v1/problems/random` has something to serve. Always
 * with the offline template generator: seeding must not depend on (or pay for) an LLM endpoint.
 */
async function seedIfEmpty(database: Database, count: number, logger: Logger) {
  const problems = problemsRepository(database);
  if ((await problems.poolStats()).total > 0) return;
  const startedAt = performance.now();
  await seedPool({
    problems,
    generator: createTemplateGenerator(),
    count,
    signal: AbortSignal.timeout(SEED_TIMEOUT_MS),
  });
  logger.info({ count, ms: Math.round(performance.now() - startedAt) }, "empty pool seeded with %d problems", count);
}

const SEED_TIMEOUT_MS = 5 * 60 * 1000;

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
