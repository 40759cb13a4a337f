import type { Meter } from "@opentelemetry/api";
import { createKafkaTransport } from "../../src/queue/kafka";
import { topicNames } from "../../src/queue/topics";
import type { Transport } from "../../src/queue/transport";
import type { Logger } from "../../src/telemetry/logger";
import { startWorker, type WorkerHandle } from "../../src/worker";
import type { WorkerConfig } from "../../src/worker/config";
import { handlerRegistry, type MessageHandler } from "../../src/worker/handlers";

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
    pollTtlMs: 30_000,
    maxMessageBytes: 64 * 1024,
    maxAttempts: 2,
  };
  const controller = new AbortController();
  const worker = startWorker(
    { transport, handlers: handlerRegistry(options.handlers), meter: options.meter, logger: options.logger, config },
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
