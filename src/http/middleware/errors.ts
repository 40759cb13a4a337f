import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError, LimitExceededError } from "../../errors";
import type { Logger } from "../../telemetry/logger";
import { statusOf } from "../error-statuses";

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/**
 * Maps anything thrown by a route to `{error: {code, message}}`. A 500 says nothing about the internals.
 * `observe` sees every error first (the database health opens its breaker on a lost database).
 */
export function errorHandler(logger: Logger, observe?: (error: unknown) => void) {
  return (error: Error, c: Context) => {
    observe?.(error);
    if (error instanceof AppError) {
      const status = statusOf(error);
      // Expected and classified: the code says what happened, a stack would only bury it (the access log has the
      // request line; the outage itself is logged once by the database health).
      if (status >= 500)
        logger.info(
          { code: error.code, path: c.req.path, request_id: c.get("requestId"), cause: causeOf(error) },
          "request refused: %s",
          error.code,
        );
      if (error instanceof LimitExceededError) c.header("Retry-After", String(error.retryAfterSeconds));
      return c.json(errorBody(error.code, error.message), status);
    }
    if (error instanceof HTTPException) {
      const code = /malformed json/i.test(error.message)
        ? "invalid_json"
        : error.status < 500
          ? "bad_request"
          : "internal_error";
      return c.json(errorBody(code, error.message || "request rejected"), error.status);
    }
    // A client that hangs up mid-body makes reading it throw: that is the client's doing, not a server error.
    if (c.req.raw.signal.aborted) {
      logger.info({ path: c.req.path, request_id: c.get("requestId") }, "client aborted the request");
      return c.json(errorBody("client_closed_request", "the client closed the request"), 499 as ContentfulStatusCode);
    }
    logger.error({ err: error, path: c.req.path, request_id: c.get("requestId") }, "unhandled error");
    return c.json(errorBody("internal_error", "an unexpected error occurred"), 500);
  };
}

function causeOf(error: Error): string | undefined {
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  if (!cause) return undefined;
  return typeof cause.code === "string" ? cause.code : String(cause.message);
}

export function notFoundHandler(c: Context) {
  return c.json(errorBody("not_found", `no route for ${c.req.method} ${c.req.path}`), 404);
}

/** zod-openapi validation hook: a 400 that names the part of the request and the field at fault. */
export function validationHook(
  result: { success: boolean; target: string; error?: { issues: { path: PropertyKey[]; message: string }[] } },
  c: Context,
) {
  if (result.success) return;
  const issues = result.error?.issues ?? [];
  const message = issues.map((i) => `${[result.target, ...i.path.map(String)].join(".")}: ${i.message}`).join("; ");
  return c.json(errorBody("validation_error", message || `invalid ${result.target}`), 400);
}
