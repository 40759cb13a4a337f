import type { MiddlewareHandler } from "hono";
import { DeadlineExceededError, withDeadline } from "../../deadline";
import { UnavailableError } from "../../errors";

/**
 * Every request gets an answer within `ms`, whatever a dependency does: a query stuck behind a dead connection or a
 * broker that never acknowledges turns into a 503 `request_timeout` instead of a client waiting until its own
 * timeout (or the server's idle timeout cuts the connection with no answer at all). The handler's work runs on; its
 * late result is dropped.
 */
export function requestTimeout(ms: number): MiddlewareHandler {
  return async (_c, next) => {
    try {
      await withDeadline(next(), ms, "request");
    } catch (error) {
      if (!(error instanceof DeadlineExceededError)) throw error;
      throw new UnavailableError("request_timeout", `no answer within ${ms} ms; try again later`);
    }
  };
}
