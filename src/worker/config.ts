import type { Config } from "../config";
import { topicNames } from "../queue/topics";

/** The worker's settings, derived from the one central Config. */
export interface WorkerConfig {
  groupId: string;
  topics: readonly string[];
  topicPrefix: string;
  requestPartitions: number;
  concurrency: number;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  shutdownTimeoutMs: number;
  /** Not ready when no fetch completed for this long (a lost broker, or a stuck loop behind a live process). */
  readyTtlMs: number;
  maxMessageBytes: number;
  maxAttempts: number;
}

export function workerConfig(config: Config): WorkerConfig {
  return {
    groupId: config.worker.groupId,
    topics: [topicNames(config.kafka.topicPrefix).requests],
    topicPrefix: config.kafka.topicPrefix,
    requestPartitions: config.kafka.requestPartitions,
    concurrency: config.worker.concurrency,
    sessionTimeoutMs: config.worker.sessionTimeoutMs,
    heartbeatIntervalMs: config.worker.heartbeatIntervalMs,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    readyTtlMs: config.worker.readyTtlMs,
    maxMessageBytes: 64 * 1024,
    maxAttempts: 3,
  };
}
