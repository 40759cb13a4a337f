import type { IMetricReader } from "@opentelemetry/sdk-metrics";
import pkg from "../package.json" with { type: "json" };
import { authenticator } from "./access/authenticator";
import type { Config } from "./config";
import { createDatabase, type Database } from "./db/client";
import { createDatabaseHealth, type DatabaseHealth } from "./db/health";
import { apiKeysRepository } from "./db/repositories/api-keys";
import { generationRequestsRepository } from "./db/repositories/generation-requests";
import { problemsRepository } from "./db/repositories/problems";
import { usageWindowsRepository } from "./db/repositories/usage-windows";
import { startExpirySweeper } from "./generation/expiry";
import { registerGenerationMetrics } from "./generation/metrics";
import { poolKeeper } from "./generation/pool";
import { seedPool } from "./generation/seed";
import { generationSubmitter } from "./generation/submit";
import type { HealthCheck } from "./health";
import { createApp } from "./http/app";
import { createGenerator } from "./problems/generators";
import { createTemplateGenerator } from "./problems/generators/template";
import { DEFAULT_STATEMENTS } from "./problems/types";
import { createKafkaTransport } from "./queue/kafka";
import { createMemoryTransport } from "./queue/memory";
import { traceparentFor } from "./queue/messages";
import { topicNames, topicSpecs } from "./queue/topics";
import type { Publisher, Transport } from "./queue/transport";
import { pickCoalescer } from "./serving/pick-coalescer";
import type { Logger } from "./telemetry/logger";
import { createTelemetry, type Telemetry } from "./telemetry/metrics";
import { generatorCircuit } from "./worker/circuit";
import { workerConfig } from "./worker/config";
import { handlerRegistry } from "./worker/handlers";
import { problemGenerationHandler } from "./worker/handlers/problem-generation";
import { testHandler } from "./worker/handlers/test-handler";
import { startWorker, type WorkerHandle } from "./worker/index";

/**
 * The composition root's wiring: which parts the service has and how they connect. Nothing here decides when a part
 * starts or stops; that is the lifecycle's (service.ts).
 */

/** A broker that has not acknowledged a publish by then is treated as down (the API answers 503). */
const PUBLISH_TIMEOUT_MS = 5000;
const SEED_TIMEOUT_MS = 5 * 60 * 1000;

export function serviceTelemetry(config: Config, readers?: IMetricReader[]): Telemetry {
  return createTelemetry({
    otlpEndpoint: config.telemetry.otlpEndpoint,
    exportIntervalMs: config.telemetry.exportIntervalMs,
    serviceName: config.telemetry.serviceName,
    serviceVersion: pkg.version,
    resourceAttributes: config.telemetry.resourceAttributes,
    readers,
    prometheus: config.telemetry.prometheus,
    instanceId: config.telemetry.instanceId,
  });
}

/** The database and what the process knows about its health. Nothing connects before the first query. */
export function openDatabase(config: Config, logger: Logger) {
  const database = createDatabase({
    url: config.database.url,
    pgliteDataDir: config.database.pgliteDataDir,
    poolMax: config.database.poolMax,
  });
  return { database, health: createDatabaseHealth({ database, logger }) };
}

/**
 * Production migrates once in the release step; dev, tests and the embedded database migrate at start. A first
 * start of a development pool (SEED_ON_EMPTY) then fills it so `/api/v1/problems/random` has something to serve,
 * always with the offline template generator: seeding must not depend on (or pay for) an LLM endpoint.
 */
export async function prepareDatabase(config: Config, database: Database, logger: Logger) {
  if (config.env !== "production" || database.kind === "pglite") await database.migrate();
  const count = config.generation.seedOnEmpty;
  const problems = problemsRepository(database);
  if (count === 0 || (await problems.poolStats()).total > 0) return;
  const startedAt = performance.now();
  await seedPool({
    problems,
    generator: createTemplateGenerator(),
    count,
    signal: AbortSignal.timeout(SEED_TIMEOUT_MS),
  });
  logger.info({ count, ms: Math.round(performance.now() - startedAt) }, "empty pool seeded with %d problems", count);
}

/** Kafka when brokers are configured, else the in-process queue (development only). */
export function openTransport(config: Config, logger: Logger): Transport {
  return config.kafka.brokers
    ? createKafkaTransport({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger })
    : createMemoryTransport(topicSpecs(config.kafka.requestPartitions, config.kafka.topicPrefix));
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

export interface OpenedParts {
  config: Config;
  logger: Logger;
  telemetry: Telemetry;
  database: Database;
  databaseHealth: DatabaseHealth;
  transport: Transport;
}

/** Connects the opened parts into the HTTP app, the background loops and the worker, each ready to start. */
export function wireParts(parts: OpenedParts) {
  const { config, logger, telemetry, transport } = parts;
  const deps = appDeps({ database: parts.database, publisher: transport.publisher, config, logger });
  registerGenerationMetrics(telemetry.meter("generation"), deps);
  const healthChecks: HealthCheck[] = [parts.databaseHealth.check];
  const workerSettings = workerConfig(config);
  // Declared before the app so the pipeline route sees the worker once it has started.
  let worker: WorkerHandle | undefined;
  const app = createApp({
    ...deps,
    pipeline: {
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
    },
    meter: telemetry.meter("http"),
    scrapeMetrics: telemetry.scrape,
    healthChecks,
    logger,
    version: pkg.version,
    databaseHealth: parts.databaseHealth,
    requestTimeoutMs: config.http.requestTimeoutMs,
  });

  return {
    app,
    /** Starts the loops that run beside HTTP until `signal` aborts; the function returned waits until all are done. */
    startBackgroundLoops(signal: AbortSignal): () => Promise<unknown> {
      const loops = [
        startExpirySweeper({ requests: deps.requests, ttlMs: config.generation.requestTtlMs, logger, signal }),
      ];
      // The pool check a /random call started may still be publishing: wait for it too.
      // Usage counts still in memory are written before the database closes.
      return () => Promise.all([...loops, deps.pool.idle(), deps.access.authenticator.stop()]);
    },
    /** Starts the worker without blocking: with Kafka down, HTTP serves and readiness says why. */
    startWorker(signal: AbortSignal): WorkerHandle {
      const circuit = generatorCircuit({ ...config.worker.breaker, logger });
      const handlers = [
        ...(config.worker.testMessages ? [testHandler] : []),
        problemGenerationHandler({
          requests: deps.requests,
          generator: circuit.guard(createGenerator(config.generator, telemetry.meter("llm"))),
        }),
      ];
      const started = startWorker(
        {
          transport,
          handlers: handlerRegistry(handlers),
          meter: telemetry.meter("worker"),
          logger,
          config: workerSettings,
          circuit,
        },
        signal,
      );
      worker = started;
      healthChecks.push({ name: "worker", check: async () => started.health() });
      return started;
    },
  };
}
