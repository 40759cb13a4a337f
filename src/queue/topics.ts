import type { TopicSpec } from "./transport";

/** The topic that carries one message per problem to generate (DESIGN.md section 8). */
export const REQUESTS_TOPIC = "problem-generation-requests";
export const RETRY_TOPIC = `${REQUESTS_TOPIC}.retry`;
export const DLQ_TOPIC = `${REQUESTS_TOPIC}.dlq`;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The declared topics. Partitions of the work topics follow configuration; the DLQ keeps messages longer for inspection. */
export function topicSpecs(requestPartitions: number): TopicSpec[] {
  const retention = (days: number) => ({ "retention.ms": String(days * DAY_MS), "cleanup.policy": "delete" });
  return [
    { name: REQUESTS_TOPIC, partitions: requestPartitions, config: retention(7) },
    { name: RETRY_TOPIC, partitions: requestPartitions, config: retention(7) },
    { name: DLQ_TOPIC, partitions: 1, config: retention(30) },
  ];
}
