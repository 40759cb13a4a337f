import { UnavailableError } from "../errors";
import type { HealthCheck } from "../health";
import type { Logger } from "../telemetry/logger";
import type { Database } from "./client";
import { DatabaseUnavailableError } from "./errors";

/**
 * What the process knows about its database, shared by the routes and readiness. A breaker: the first query that
 * fails for a connection reason marks the database down; from then on requests are refused at once (503
 * `database_unavailable`) instead of queueing behind connection attempts, and a background probe pings the
 * database until it answers, which marks it up again. One log line per transition, not one per failed request.
 */
export interface DatabaseHealth {
  readonly down: boolean;
  /** Marks the database down when `error` says a query lost it (DatabaseUnavailableError); ignores anything else. */
  observe(error: unknown): void;
  /** Throws the 503 while the database is known to be down. */
  assertUp(): void;
  /** Readiness: not ready at once while down, otherwise a ping that marks the database down when it fails. */
  readonly check: HealthCheck;
  /** Stops the background probe. */
  close(): void;
}

export interface DatabaseHealthOptions {
  database: Pick<Database, "kind" | "ping">;
  logger: Logger;
  /** Pause between two probes while down. */
  probeIntervalMs?: number;
  /** A probe or readiness ping slower than this counts as a failure. */
  pingTimeoutMs?: number;
}

export function createDatabaseHealth(options: DatabaseHealthOptions): DatabaseHealth {
  const { database } = options;
  const logger = options.logger.child({ component: "database" });
  const probeIntervalMs = options.probeIntervalMs ?? 1000;
  const pingTimeoutMs = options.pingTimeoutMs ?? 2000;
  let downSince: number | undefined;
  let probe: Timer | undefined;
  let closed = false;

  const unavailable = () => new UnavailableError("database_unavailable", "the database is not reachable");

  function markDown(cause: unknown) {
    if (downSince !== undefined || closed) return;
    downSince = performance.now();
    logger.warn({ reason: reasonOf(cause) }, "database unavailable: answering 503 and probing until it returns");
    scheduleProbe();
  }

  function scheduleProbe() {
    probe = setTimeout(async () => {
      try {
        await database.ping(pingTimeoutMs);
      } catch {
        if (!closed) scheduleProbe();
        return;
      }
      const downMs = Math.round(performance.now() - (downSince ?? performance.now()));
      downSince = probe = undefined;
      logger.info({ down_ms: downMs }, "database available again after %d ms", downMs);
    }, probeIntervalMs);
    // The probe must never keep a finished process alive.
    probe.unref();
  }

  return {
    get down() {
      return downSince !== undefined;
    },
    observe(error) {
      if (error instanceof DatabaseUnavailableError) markDown(error.cause);
    },
    assertUp() {
      if (downSince !== undefined) throw unavailable();
    },
    check: {
      name: "database",
      async check() {
        if (downSince !== undefined) {
          const seconds = Math.round((performance.now() - downSince) / 1000);
          return { ready: false, detail: `database is not answering (for ${seconds} s)` };
        }
        try {
          await database.ping(pingTimeoutMs);
          return { ready: true, detail: database.kind };
        } catch (error) {
          markDown(error);
          return { ready: false, detail: "database is not answering" };
        }
      },
    },
    close() {
      closed = true;
      clearTimeout(probe);
      probe = undefined;
    },
  };
}

/** The driver's code (e.g. ECONNREFUSED, CONNECT_TIMEOUT) is enough to say why; its message may name hosts. */
function reasonOf(error: unknown): string {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code !== "database_unavailable") return code;
  }
  return error instanceof Error ? error.name : "unknown";
}
