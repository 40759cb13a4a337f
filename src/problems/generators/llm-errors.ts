import { AppError } from "../../errors";

/** Stable codes of every failure an LLM-backed generator raises. The worker keys retry vs dead-letter on them. */
export const LLM_ERROR_CODES = [
  "llm_timeout",
  "llm_rate_limited",
  "llm_unavailable",
  "llm_auth",
  "llm_request_rejected",
  "llm_invalid_output",
] as const;
export type LlmErrorCode = (typeof LLM_ERROR_CODES)[number];

/** Base class of LLM failures. `retryable` is what the worker obeys; the code says which upstream trouble it was. */
export abstract class LlmError extends AppError {
  declare readonly code: LlmErrorCode;

  protected constructor(code: LlmErrorCode, message: string, retryable: boolean, options?: ErrorOptions) {
    super(code, message, retryable, options);
  }
}

/** No complete answer within the per-request timeout (or the endpoint said 408). Another attempt may be faster. */
export class LlmTimeoutError extends LlmError {
  constructor(
    message: string,
    /** Our own deadline when it was ours that fired; undefined when the endpoint reported the timeout (HTTP 408). */
    readonly timeoutMs?: number,
  ) {
    super("llm_timeout", message, true);
  }
}

/** HTTP 429. `retryAfterMs` is the endpoint's Retry-After hint when it sent one; the worker's backoff should honour it. */
export class LlmRateLimitedError extends LlmError {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super("llm_rate_limited", message, true);
  }
}

/** 5xx, 409, or no HTTP answer at all (refused, reset, DNS). */
export class LlmUnavailableError extends LlmError {
  constructor(
    message: string,
    readonly httpStatus?: number,
    readonly retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super("llm_unavailable", message, true, options);
  }
}

/** 401/403: the key is wrong, revoked or lacks access. Retrying cannot fix configuration. */
export class LlmAuthError extends LlmError {
  constructor(
    message: string,
    readonly httpStatus: number,
  ) {
    super("llm_auth", message, false);
  }
}

/**
 * Any other 4xx: unknown model, a parameter the endpoint does not support (e.g. no json_schema output), a prompt too
 * large. The same request would be refused again, so it is not retryable.
 */
export class LlmRequestRejectedError extends LlmError {
  constructor(
    message: string,
    readonly httpStatus: number,
  ) {
    super("llm_request_rejected", message, false);
  }
}

/** Why an answer was unusable; kept on the error so logs and metrics (`llm.validation.rejected`) can tell them apart. */
export const INVALID_OUTPUT_REASONS = [
  "malformed_body", // the HTTP body is not a Chat Completions object
  "non_json_content", // the message content is not JSON
  "schema_mismatch", // JSON, but not the shape we asked for
  "verb_phrase_missing", // the sentence does not contain the planned verb phrase
  "verb_phrase_repeated", // ... or contains it more than once
  "subject_changed", // the verb phrase does not follow the planned subject (a wrong form may read right elsewhere)
  "extra_verb_form", // the sentence adds a second form of the tested verb
  "wrong_equals_correct", // a wrong statement reads the same as the correct one
  "bad_length", // a sentence or note far longer or shorter than asked
  "bad_characters", // markup, control characters, another script
  "refusal", // the model refused
  "truncated", // finish_reason "length" or "content_filter": the content was cut off
  "invalid_problem", // each statement looked fine, but the assembled problem failed validateProblem
  "judge_rejected", // the judge model (LLM_JUDGE) found the problem unnatural or nonsensical
] as const;
export type InvalidOutputReason = (typeof INVALID_OUTPUT_REASONS)[number];

/**
 * The endpoint answered, but not with something usable.
 *
 * Not retryable on purpose, even though sampling means a second call might well succeed: a retry here would re-run
 * every statement of the problem (tokens paid again) for an error that is usually systematic (a model or endpoint
 * that ignores json_schema, a prompt the model keeps refusing). Such failures should reach the dead-letter topic
 * quickly, where they are visible, instead of burning quota in the retry topic.
 */
export class LlmInvalidOutputError extends LlmError {
  constructor(
    message: string,
    readonly reason: InvalidOutputReason,
    options?: ErrorOptions,
  ) {
    super("llm_invalid_output", message, false, options);
  }
}

/**
 * Reads a Retry-After value (delay in seconds, or an HTTP-date) as milliseconds from `nowMs`. Returns undefined
 * when the header is absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfterMs(value: string | null | undefined, nowMs = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only accept things that look like dates: Date.parse also reads bare numbers such as "-5" or "12".
  if (!/[a-z]/i.test(text)) return undefined;
  const atMs = Date.parse(text);
  return Number.isNaN(atMs) ? undefined : Math.max(0, atMs - nowMs);
}
