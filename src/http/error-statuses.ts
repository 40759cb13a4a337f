import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type AppError, LimitExceededError, NotFoundError, UnavailableError, ValidationError } from "../errors";
import type { LlmErrorCode } from "../problems/generators/llm-errors";

/**
 * The HTTP status of every error code the service raises. Errors carry a code and a class, not a status: this
 * table is the one place that knows what the edge answers for each.
 */
export const STATUS_BY_CODE = {
  validation_error: 400,
  unknown_verb: 400,
  insufficient_scope: 403,
  api_key_not_found: 404,
  generation_request_not_found: 404,
  no_problems_available: 404,
  problem_not_found: 404,
  unsupported_media_type: 415,
  idempotency_key_in_progress: 409,
  idempotency_key_reused: 422,
  invalid_problem: 422,
  generation_quota_exceeded: 429,
  database_unavailable: 503,
  pool_busy: 503,
  queue_backlog_full: 503,
  circuit_open: 503,
  request_timeout: 503,
  // Upstream trouble is a 502/503/504, never a 500, if a generation ever runs inside a request.
  llm_auth: 502,
  llm_request_rejected: 502,
  llm_invalid_output: 502,
  llm_rate_limited: 503,
  llm_unavailable: 503,
  llm_timeout: 504,
} as const satisfies Record<string, ContentfulStatusCode> & Record<LlmErrorCode, ContentfulStatusCode>;

/** A code the table does not know yet still answers what its class means; anything else is a 500. */
const STATUS_BY_CLASS: readonly [new (...args: never[]) => AppError, ContentfulStatusCode][] = [
  [ValidationError, 400],
  [NotFoundError, 404],
  [LimitExceededError, 429],
  [UnavailableError, 503],
];

export function statusOf(error: AppError): ContentfulStatusCode {
  const byCode: ContentfulStatusCode | undefined = (STATUS_BY_CODE as Record<string, ContentfulStatusCode>)[error.code];
  return byCode ?? STATUS_BY_CLASS.find(([type]) => error instanceof type)?.[1] ?? 500;
}
