import { afterAll, beforeAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { createDatabase, type Database } from "../../src/db/client";
import { convertingOutages, DatabaseUnavailableError } from "../../src/db/errors";
import { createDatabaseHealth, type DatabaseHealth } from "../../src/db/health";
import { apiKeysRepository } from "../../src/db/repositories/api-keys";
import { generationRequestsRepository } from "../../src/db/repositories/generation-requests";
import { problemsRepository } from "../../src/db/repositories/problems";
import { usageWindowsRepository } from "../../src/db/repositories/usage-windows";
import { createApp } from "../../src/http/app";
import { appDeps } from "../../src/wiring";
import { capturingLogger, eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { sampleProblem } from "../support/problems";
import { testConfig } from "../support/service";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";

// The database "goes away" behind a TCP proxy this test controls; the shared server itself never stops.
let t: TestDatabase;
let proxy: TcpProxy;
const opened: { database: Database; health: DatabaseHealth }[] = [];

beforeAll(async () => {
  t = await createTestDatabase("outage");
  await problemsRepository(t.database).insertMany([1, 2, 3].map((n) => ({ problem: sampleProblem(n) })));
  const target = new URL(t.url);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
});
afterAll(async () => {
  for (const { database, health } of opened) {
    health.close();
    await database.close();
  }
  await proxy?.close();
  await t?.drop();
}, 30_000);

/** The app as the service wires it, over the proxied database. */
function outageApp(probeIntervalMs: number) {
  const logs = capturingLogger();
  const logger = logs.logger;
  const database = createDatabase({ url: proxy.urlFor(t.url), poolMax: 4 });
  const health = createDatabaseHealth({ database, logger, probeIntervalMs, pingTimeoutMs: 2000 });
  opened.push({ database, health });
  const config = testConfig({ POOL_MIN_UNSERVED: "0" });
  const deps = appDeps({ database, config, logger });
  const app = createApp({
    ...deps,
    healthChecks: [health.check],
    logger,
    version: "test",
    databaseHealth: health,
    requestTimeoutMs: 5000,
  });
  return { app, health, logs };
}

async function errorCode(res: Response) {
  return ((await res.json()) as { error?: { code?: string } }).error?.code;
}

test("repositories reject a lost database with DatabaseUnavailableError, on every query path, and nothing else", async () => {
  const database = createDatabase({ url: proxy.urlFor(t.url), poolMax: 2 });
  opened.push({ database, health: createDatabaseHealth({ database, logger: capturingLogger().logger }) });
  const problems = problemsRepository(database);
  expect(await problems.pickLeastRecentlyServed()).toHaveLength(1);
  await proxy.cut();
  try {
    const outcomes = await Promise.allSettled([
      problems.pickLeastRecentlyServed(), // a prepared raw statement
      apiKeysRepository(database).list(), // a drizzle query
      generationRequestsRepository(database).create({ requestedCount: 1 }), // a transaction
      usageWindowsRepository(database).hit("outage-test", 60), // a raw statement
    ]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe("rejected");
      const reason = (outcome as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(DatabaseUnavailableError);
      expect(reason).toMatchObject({ code: "database_unavailable", retryable: true });
    }
    // An error that is not about the connection passes unchanged.
    await expect(problems.pickLeastRecentlyServed(0)).rejects.toBeInstanceOf(RangeError);
  } finally {
    await proxy.restore();
  }
}, 30_000);

test("while the database is known down, API and readiness answer 503 without touching it", async () => {
  // No probe during this test: every connection attempt seen is one a request made.
  const { app, health } = outageApp(600_000);
  expect((await app.request("/api/v1/problems/random")).status).toBe(200);
  await proxy.cut();
  try {
    const first = await app.request("/api/v1/problems/random");
    expect(first.status).toBe(503);
    expect(await errorCode(first)).toBe("database_unavailable");
    expect(health.down).toBe(true);

    const attemptsBefore = proxy.attempts;
    for (let i = 0; i < 20; i++) {
      const res = await app.request(i % 2 ? "/api/v1/problems/random" : "/api/v1/pool");
      expect(res.status).toBe(503);
      expect(await errorCode(res)).toBe("database_unavailable");
    }
    const ready = await app.request("/health/ready");
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { components: { database: { ready: boolean } } }).components.database.ready).toBe(
      false,
    );
    expect(proxy.attempts).toBe(attemptsBefore);
  } finally {
    await proxy.restore();
  }
}, 30_000);

test("the background probe notices the database's return: readiness and the API recover by themselves", async () => {
  const { app, health, logs } = outageApp(200);
  await proxy.cut();
  try {
    for (let i = 0; i < 10; i++) expect((await app.request("/api/v1/problems/random")).status).toBe(503);
    expect((await app.request("/health/ready")).status).toBe(503);
  } finally {
    await proxy.restore();
  }
  // No request is needed to close the breaker: the probe does it.
  await eventually(() => !health.down, 20_000, "the probe to see the database again");
  expect((await app.request("/health/ready")).status).toBe(200);
  expect((await app.request("/api/v1/problems/random")).status).toBe(200);

  // One line per transition, not one per refused request; no stack on an expected 503.
  const lines = logs.lines;
  const transitions = lines.filter((l) => l.component === "database").map((l) => l.msg);
  expect(transitions).toEqual([
    "database unavailable: answering 503 and probing until it returns",
    expect.stringMatching(/^database available again after \d+ ms$/),
  ]);
  expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  expect(lines.some((l) => "err" in l)).toBe(false);
}, 30_000);

test("transactions queued for a connection when the database goes away fail during a 10 s outage, not at its end", async () => {
  // The worker's writes are transactions; queued behind a pool of 2, they wait for a connection when the cut comes.
  const database = createDatabase({ url: proxy.urlFor(t.url), poolMax: 2 });
  try {
    await Promise.all([1, 2].map(() => database.rows(sql`SELECT 1`)));
    // Through the same conversion the repositories use, so a lost database reads as DatabaseUnavailableError.
    const work = convertingOutages({
      sleep: (i: number) =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`SELECT pg_sleep(0.3), ${i}::int`);
        }),
    });
    const outcomes = Promise.allSettled(Array.from({ length: 12 }, (_, i) => work.sleep(i)));
    await eventually(
      async () =>
        (
          await t.database.rows<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%pg_sleep(0.3)%' AND state = 'active'
                AND pid <> pg_backend_pid()`,
          )
        )[0]?.n === 2,
      10_000,
      "both connections busy, ten transactions queued",
    );
    // A 10 s outage. With the driver's default reconnect backoff (growing to 10-20 s) some of them were still
    // waiting at the restore and then ran; none may: each must fail while the database is away.
    await proxy.cut();
    const restore = setTimeout(() => void proxy.restore(), 10_000);
    const settled = await outcomes;
    clearTimeout(restore);
    expect(settled.map((o) => o.status)).toEqual(Array(12).fill("rejected"));
    for (const o of settled) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(DatabaseUnavailableError);
  } finally {
    await proxy.restore();
    await database.close();
  }
}, 60_000);
