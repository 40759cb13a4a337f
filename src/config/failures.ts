import { z } from "zod";
import type { Variable } from "../config";
import { int } from "./parsers";

const ratio = z
  .string()
  .regex(/^(0(\.\d+)?|1(\.0+)?)$/, { message: "must be a number from 0 to 1" })
  .transform(Number);

/**
 * What the worker does when things fail: pause while the generator's breaker is open, retry a message later through
 * the retry topic, or dead-letter it (with a guard against dead-lettering everything).
 */
export const FAILURE_VARIABLES = {
  WORKER_BREAKER_THRESHOLD: {
    schema: int(1, 1000),
    default: "5",
    description:
      "consecutive transient generator failures (LLM timeout, 429, 5xx) that open the breaker and pause consumption",
  },
  WORKER_BREAKER_HALF_OPEN_MS: {
    schema: int(100, 3600000),
    default: "10000",
    description: "how long an open breaker waits before one probe message may call the LLM again",
  },
  MAX_ATTEMPTS: {
    schema: int(1, 100),
    default: "5",
    description:
      "deliveries of a message that keeps failing transiently (the first one included) before it is dead-lettered",
  },
  RETRY_BACKOFF_BASE_MS: {
    schema: int(1, 3600000),
    default: "1000",
    description:
      "retry topic backoff: the wait before attempt n is random in [0, base × 2^(n-2)] (full jitter), capped",
  },
  RETRY_BACKOFF_MAX_MS: {
    schema: int(1, 86400000),
    default: "300000",
    description: "retry topic backoff cap; an upstream `Retry-After` may still ask for longer",
  },
  DLQ_WINDOW: {
    schema: int(1, 100000),
    default: "100",
    description: "DLQ guard: the last messages of a partition it looks at",
  },
  DLQ_MAX_RATIO: {
    schema: ratio,
    default: "0.5",
    description: "DLQ guard: trips when more than this share of a full window was dead-lettered",
  },
  DLQ_MAX_CONSECUTIVE: {
    schema: int(1, 100000),
    default: "20",
    description: "DLQ guard: trips when more than this many messages of a partition in a row were dead-lettered",
  },
} satisfies Record<string, Variable>;

type FailureValues = { [K in keyof typeof FAILURE_VARIABLES]: z.output<(typeof FAILURE_VARIABLES)[K]["schema"]> };

export function failureSettings(v: FailureValues) {
  return {
    maxAttempts: v.MAX_ATTEMPTS,
    backoffBaseMs: v.RETRY_BACKOFF_BASE_MS,
    backoffMaxMs: v.RETRY_BACKOFF_MAX_MS,
    guard: { window: v.DLQ_WINDOW, maxRatio: v.DLQ_MAX_RATIO, maxConsecutive: v.DLQ_MAX_CONSECUTIVE },
  };
}
