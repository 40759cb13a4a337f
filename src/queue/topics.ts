import type { TopicSpec } from "./transport";

/** The topic that carries one message per problem to generate. */
const REQUESTS_TOPIC = "problem-generation-requests";

/**
 * The topic names, optionally prefixed (`KAFKA_TOPIC_PREFIX`) so several environments, or test files, can share
 * one cluster without reading each other's messages.
 */
export function topicNames(prefix = "") {
  const requests = `${prefix}${REQUESTS_TOPIC}`;
  return { requests, retry: `${requests}.retry`, dlq: `${requests}.dlq` };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The declared topics. Partitions of the work topics follow configuration; the DLQ keeps messages longer for inspection. */
export function topicSpecs(requestPartitions: number, prefix = ""): TopicSpec[] {
  const names = topicNames(prefix);
  const retention = (days: number) => ({ "retention.ms": String(days * DAY_MS), "cleanup.policy": "delete" });
  return [
    { name: names.requests, partitions: requestPartitions, config: retention(7) },
    { name: names.retry, partitions: requestPartitions, config: retention(7) },
    { name: names.dlq, partitions: 1, config: retention(30) },
  ];
}
