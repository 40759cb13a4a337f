import type { Meter } from "@opentelemetry/api";
import { createDatabase, type Database } from "../../src/db/client";
import { deadLettersRepository } from "../../src/db/repositories/dead-letters";
import { createKafkaTransport } from "../../src/queue/kafka";
import { topicNames } from "../../src/queue/topics";
import type { PublishedMessage, Publisher, Transport } from "../../src/queue/transport";
import type { Logger } from "../../src/telemetry/logger";
import { startWorker, type WorkerHandle } from "../../src/worker";
import type { WorkerConfig } from "../../src/worker/config";
import { createDlqGuard, type DlqGuardSettings } from "../../src/worker/dlq-guard";
import { createFailureRouter } from "../../src/worker/failure-routing";
import { handlerRegistry, type MessageHandler } from "../../src/worker/handlers";
import { testHandler } from "../../src/worker/handlers/test-handler";
import { createWorkerMetrics } from "../../src/worker/metrics";
import { createMessageProcessor } from "../../src/worker/processor";
import { silentLogger } from "./app";
import { testTelemetry } from "./metrics";

/** A guard that never trips in tests that are not about it. */
export const LENIENT_GUARD: DlqGuardSettings = { window: 100, maxRatio: 1, maxConsecutive: 100_000 };

/**
 * A database nothing listens on, for workers in tests that never dead-letter: a dead-letter there would fail to be
 * recorded and stay uncommitted, so such a test would see it. Close it after the test.
 */
export const unreachableDatabase = () => createDatabase({ url: "postgres://postgres@127.0.0.1:1/none", poolMax: 1 });

export interface TestProcessorOptions {
  /** Where dead letters are copied. */
  database: Database;
  maxAttempts?: number;
  logger?: Logger;
  guard?: DlqGuardSettings;
}

/**
 * The real message processor and failure routing around `handlers`, with its metrics readable, no consumer behind
 * it, and the messages it publishes to the retry and dead-letter topics kept in `published`.
 */
export function testProcessor(handlers: MessageHandler[], options: TestProcessorOptions) {
  const { reader, telemetry } = testTelemetry();
  const logger = options.logger ?? silentLogger;
  const published: { topic: string; message: PublishedMessage }[] = [];
  const publisher: Publisher = {
    publish: async (topic, messages) => void published.push(...messages.map((message) => ({ topic, message }))),
  };
  const metrics = createWorkerMetrics(telemetry.meter("worker"), "g", {
    lag: async () => [],
    activeTasks: () => 0,
    inFlightLimit: 1,
    commitLag: () => [],
  });
  const guard = createDlqGuard(options.guard ?? LENIENT_GUARD);
  const names = topicNames("t-");
  const router = createFailureRouter({
    publisher,
    topics: { retry: names.retry, dlq: names.dlq },
    groupId: "g",
    maxAttempts: options.maxAttempts ?? 3,
    backoff: { baseMs: 10, maxMs: 100 },
    deadLetters: deadLettersRepository(options.database),
    guard,
    metrics,
    logger,
    stopping: new AbortController().signal,
  });
  const processor = createMessageProcessor({
    handlers: handlerRegistry(handlers),
    metrics,
    logger,
    maxMessageBytes: 64 * 1024,
    router,
    guard,
    signal: new AbortController().signal,
  });
  return { process: processor.process, reader, published, names, guard };
}

export interface TestWorkerOptions {
  bootstrap: string;
  prefix: string;
  groupId: string;
  /** Default: silent. */
  logger?: Logger;
  /** Default: a meter of its own, read by nobody. */
  meter?: Meter;
  handlers?: MessageHandler[];
  shutdownTimeoutMs?: number;
  partitions?: number;
  /** Messages in flight at once (WORKER_CONCURRENCY). Default 3. */
  concurrency?: number;
  /** WORKER_READY_TTL_MS. Default 30 s. */
  readyTtlMs?: number;
  /** Where dead letters are copied; default: nowhere reachable (see unreachableDatabase). */
  database?: Database;
  /** MAX_ATTEMPTS, the retry backoff and the DLQ guard; default: 2 attempts, 50 ms backoff, a lenient guard. */
  failures?: Partial<WorkerConfig["failures"]>;
}

/** A worker on its own Kafka transport, with a per-test topic prefix and group. Stop both with `close()`. */
export function startTestWorker(options: TestWorkerOptions): {
  worker: WorkerHandle;
  transport: Transport;
  topic: string;
  close(): Promise<void>;
} {
  const logger = options.logger ?? silentLogger;
  const transport = createKafkaTransport({ brokers: [options.bootstrap], clientId: "lqs-test-worker", logger });
  const names = topicNames(options.prefix);
  const config: WorkerConfig = {
    groupId: options.groupId,
    topics: [names.requests, names.retry],
    retryTopic: names.retry,
    dlqTopic: names.dlq,
    topicPrefix: options.prefix,
    requestPartitions: options.partitions ?? 3,
    concurrency: options.concurrency ?? 3,
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 1000,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5000,
    readyTtlMs: options.readyTtlMs ?? 30_000,
    maxMessageBytes: 64 * 1024,
    failures: { maxAttempts: 2, backoffBaseMs: 50, backoffMaxMs: 50, guard: LENIENT_GUARD, ...options.failures },
  };
  const ownDatabase = options.database ? undefined : unreachableDatabase();
  const deadLetters = deadLettersRepository(options.database ?? (ownDatabase as Database));
  const controller = new AbortController();
  const worker = startWorker(
    {
      transport,
      handlers: handlerRegistry([testHandler, ...(options.handlers ?? [])]),
      meter: options.meter ?? testTelemetry().telemetry.meter("worker"),
      logger,
      config,
      deadLetters,
    },
    controller.signal,
  );
  return {
    worker,
    transport,
    topic: names.requests,
    async close() {
      await worker.stop();
      await transport.close();
      await ownDatabase?.close();
    },
  };
}
