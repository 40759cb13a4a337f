import type { Meter } from "@opentelemetry/api";
import { createKafkaTransport } from "../../src/queue/kafka";
import { topicNames } from "../../src/queue/topics";
import type { Transport } from "../../src/queue/transport";
import type { Logger } from "../../src/telemetry/logger";
import { startWorker, type WorkerHandle } from "../../src/worker";
import type { WorkerConfig } from "../../src/worker/config";
import { handlerRegistry, type MessageHandler } from "../../src/worker/handlers";
import { testHandler } from "../../src/worker/handlers/test-handler";
import { createWorkerMetrics } from "../../src/worker/metrics";
import { createMessageProcessor } from "../../src/worker/processor";
import { silentLogger } from "./app";
import { testTelemetry } from "./metrics";

/** The real message processor around `handlers`, with its metrics readable and no consumer behind it. */
export function testProcessor(handlers: MessageHandler[], maxAttempts: number, logger: Logger = silentLogger) {
  const { reader, telemetry } = testTelemetry();
  const processor = createMessageProcessor({
    handlers: handlerRegistry(handlers),
    metrics: createWorkerMetrics(telemetry.meter("worker"), "g", {
      lag: async () => [],
      activeTasks: () => 0,
      inFlightLimit: 1,
      commitLag: () => [],
    }),
    logger,
    maxMessageBytes: 64 * 1024,
    maxAttempts,
    signal: new AbortController().signal,
  });
  return { process: processor.process, reader };
}

export interface TestWorkerOptions {
  bootstrap: string;
  prefix: string;
  groupId: string;
  logger: Logger;
  meter: Meter;
  handlers?: MessageHandler[];
  shutdownTimeoutMs?: number;
  partitions?: number;
  /** Messages in flight at once (WORKER_CONCURRENCY). Default 3. */
  concurrency?: number;
  /** WORKER_READY_TTL_MS. Default 30 s. */
  readyTtlMs?: number;
}

/** A worker on its own Kafka transport, with a per-test topic prefix and group. Stop both with `close()`. */
export function startTestWorker(options: TestWorkerOptions): {
  worker: WorkerHandle;
  transport: Transport;
  topic: string;
  close(): Promise<void>;
} {
  const transport = createKafkaTransport({
    brokers: [options.bootstrap],
    clientId: "lqs-test-worker",
    logger: options.logger,
  });
  const topic = topicNames(options.prefix).requests;
  const config: WorkerConfig = {
    groupId: options.groupId,
    topics: [topic],
    topicPrefix: options.prefix,
    requestPartitions: options.partitions ?? 3,
    concurrency: options.concurrency ?? 3,
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 1000,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5000,
    readyTtlMs: options.readyTtlMs ?? 30_000,
    maxMessageBytes: 64 * 1024,
    maxAttempts: 2,
  };
  const controller = new AbortController();
  const worker = startWorker(
    {
      transport,
      handlers: handlerRegistry([testHandler, ...(options.handlers ?? [])]),
      meter: options.meter,
      logger: options.logger,
      config,
    },
    controller.signal,
  );
  return {
    worker,
    transport,
    topic,
    async close() {
      await worker.stop();
      await transport.close();
    },
  };
}
