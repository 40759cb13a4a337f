import { UnavailableError } from "../errors";

/** Socket-level codes (node/postgres.js) and SQLSTATE classes that mean "the database is not reachable". */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "57014", // query_canceled: our statement_timeout fired, the server is stuck
]);

function isConnectionFailure(error: unknown): boolean {
  // Drizzle wraps driver errors (DrizzleQueryError); the driver's code sits somewhere down the cause chain.
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08"))) return true;
  }
  return false;
}

/**
 * A query failed because the database is not reachable (503, retryable). Its own class, so the database health
 * can tell a lost connection (which opens its breaker) from a slow answer that callers also report as
 * `database_unavailable`.
 */
export class DatabaseUnavailableError extends UnavailableError {
  constructor(cause: unknown) {
    super("database_unavailable", "the database is not reachable", { cause });
  }
}

/** Turns a lost-database error into a DatabaseUnavailableError; returns anything else unchanged. */
function asDatabaseUnavailable(error: unknown): unknown {
  return isConnectionFailure(error) && !(error instanceof DatabaseUnavailableError)
    ? new DatabaseUnavailableError(error)
    : error;
}

type Methods = Record<string, (...args: never[]) => Promise<unknown>>;

/**
 * Every repository passes through here: a method that fails because the database is gone rejects with
 * DatabaseUnavailableError, whichever driver ran it and whether or not in a transaction, so callers (routes, the
 * worker) check the error's class and never the driver's codes. Other errors pass unchanged.
 */
export function convertingOutages<T extends Methods>(repository: T): T {
  const converted: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repository)) {
    converted[name] = async (...args: never[]) => {
      try {
        return await method.apply(repository, args);
      } catch (error) {
        throw asDatabaseUnavailable(error);
      }
    };
  }
  return converted as T;
}
