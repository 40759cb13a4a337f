import { afterAll, beforeAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { problemsRepository } from "../../src/db/repositories/problems";
import { eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { sampleProblem } from "../support/problems";
import { spawnService } from "../support/service-process";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("shutdown");
  await problemsRepository(t.database).insert(sampleProblem(1));
});
afterAll(() => t?.drop());

/** Holds a lock the LRU pick needs, so a /random request stays in flight until `release()`. */
async function lockProblems(blocker: postgres.Sql) {
  const release = Promise.withResolvers<void>();
  const locked = Promise.withResolvers<void>();
  const held = blocker.begin(async (tx) => {
    await tx`LOCK TABLE problems IN ACCESS EXCLUSIVE MODE`;
    locked.resolve();
    await release.promise;
  });
  await locked.promise;
  return {
    /** Resolves once a query of the service waits on that lock, i.e. the request is really in flight. */
    waited: () =>
      eventually(
        async () => {
          const rows = await t.database.rows<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          return (rows[0]?.n ?? 0) > 0;
        },
        20_000,
        "the request waiting on the lock",
      ),
    release: async () => {
      release.resolve();
      await held;
    },
  };
}

const isShuttingDown = (l: Record<string, unknown>) => l.msg === "shutting down";

test("SIGTERM lets an in-flight request complete, then the process exits 0", async () => {
  const service = spawnService({
    DATABASE_URL: t.url,
    SHUTDOWN_TIMEOUT_MS: "20000",
    PLATFORM_KILL_TIMEOUT_MS: "30000",
  });
  const blocker = postgres(t.url, { max: 1, onnotice: () => {} });
  try {
    const base = await service.listening();
    const lock = await lockProblems(blocker);
    const inFlight = fetch(new URL("/api/v1/problems/random", base));
    await lock.waited();
    service.child.kill("SIGTERM");
    await service.waitForLog(isShuttingDown, 20_000, "shutting down");
    await lock.release();
    // Answered in full although the drain began while it waited: a cut connection would reject here.
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await service.child.exited).toBe(0);
    expect(service.lines.some((l) => l.msg === "shutdown complete")).toBe(true);
    // New connections are refused once draining is over.
    await expect(fetch(new URL("/health/live", base))).rejects.toThrow();
  } finally {
    await service.kill();
    await blocker.end({ timeout: 5 });
  }
}, 60_000);

test("a second signal forces the exit while the drain is still waiting", async () => {
  // A drain that would outlast the test: only the second signal can end the process with 130 in time.
  const service = spawnService({
    DATABASE_URL: t.url,
    SHUTDOWN_TIMEOUT_MS: "50000",
    PLATFORM_KILL_TIMEOUT_MS: "60000",
  });
  const blocker = postgres(t.url, { max: 1, onnotice: () => {} });
  try {
    const base = await service.listening();
    const lock = await lockProblems(blocker);
    const inFlight = fetch(new URL("/api/v1/problems/random", base)).catch(() => "cut");
    await lock.waited();
    service.child.kill("SIGTERM");
    await service.waitForLog(isShuttingDown, 20_000, "shutting down");
    service.child.kill("SIGINT");
    expect(await service.child.exited).toBe(130);
    await lock.release();
    await inFlight;
  } finally {
    await service.kill();
    await blocker.end({ timeout: 5 });
  }
}, 40_000);

test("SIGTERM while the service is still starting shuts it down cleanly once it is up (exit 0)", async () => {
  const service = spawnService({ PGLITE_DATA_DIR: "memory://", SEED_ON_EMPTY: "50" });
  try {
    // The first line the service writes comes after its signal handlers are in place, before migrating and seeding.
    await service.waitForLog((l) => l.msg === "language-quiz-service starting", 60_000, "starting");
    service.child.kill("SIGTERM");
    expect(await service.child.exited).toBe(0);
    expect(service.lines.some((l) => l.msg === "shutdown complete")).toBe(true);
  } finally {
    await service.kill();
  }
}, 90_000);
