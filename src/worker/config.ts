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
  /** Where failed messages go, and when (retry topic, DLQ, DLQ guard). */
  failures: Config["worker"]["failures"];
  retryTopic: string;
  dlqTopic: string;
}

export function workerConfig(config: Config): WorkerConfig {
  const names = topicNames(config.kafka.topicPrefix);
  return {
    groupId: config.worker.groupId,
    // One subscription for both: a retry waits for its `not_before` on its own partition, the rest flows.
    topics: [names.requests, names.retry],
    retryTopic: names.retry,
    dlqTopic: names.dlq,
    topicPrefix: config.kafka.topicPrefix,
    requestPartitions: config.kafka.requestPartitions,
    concurrency: config.worker.concurrency,
    sessionTimeoutMs: config.worker.sessionTimeoutMs,
    heartbeatIntervalMs: config.worker.heartbeatIntervalMs,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    readyTtlMs: config.worker.readyTtlMs,
    maxMessageBytes: 64 * 1024,
    failures: config.worker.failures,
  };
}
