import { AppError } from "../errors";

/**
 * What a failure means for the message: `transient` (the LLM timed out, answered 5xx or 429, the connection
 * dropped) goes to the retry topic until MAX_ATTEMPTS; `permanent` (unknown request, output that stays invalid) and
 * `poison` (the message itself is unreadable) go to the dead-letter topic at once.
 */
export type FailureClass = "transient" | "permanent" | "poison";

export interface Failure {
  class: FailureClass;
  /** Stable: the DLQ's `error_code` header and the `reason` of worker.messages.dead_lettered. */
  code: string;
  message: string;
  /** The upstream asked not to be called again before this (a 429's Retry-After). */
  retryAfterMs?: number;
}

/** The code of an error nobody classified: a bug or a library's surprise, retried up to the limit like a transient. */
const UNCLASSIFIED_CODE = "internal_error";

/**
 * Classifies a handler's error. An AppError says itself whether another attempt may succeed (`retryable`); any other
 * error is unknown and treated as transient, so a one-off surprise gets its retries and a systematic one still ends
 * in the DLQ after MAX_ATTEMPTS, with its message.
 */
export function describeFailure(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  const asked = Number((error as { retryAfterMs?: unknown } | null)?.retryAfterMs);
  const retryAfterMs = Number.isFinite(asked) && asked > 0 ? asked : undefined;
  if (error instanceof AppError)
    return { class: error.retryable ? "transient" : "permanent", code: error.code, message, retryAfterMs };
  return { class: "transient", code: UNCLASSIFIED_CODE, message, retryAfterMs };
}
