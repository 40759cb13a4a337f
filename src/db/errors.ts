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

/** Turns a lost-database error into an UnavailableError (503, retryable); returns anything else unchanged. */
export function asDatabaseUnavailable(error: unknown): unknown {
  return isConnectionFailure(error)
    ? new UnavailableError("database_unavailable", "the database is not reachable", { cause: error })
    : error;
}
