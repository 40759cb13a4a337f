/**
 * Answer times while the database is away, as an operator would see them: the service's HTTP app (database health
 * breaker, REQUEST_TIMEOUT_MS 5 s, probe every 1 s: the service's defaults) over a database behind a TCP proxy
 * this script cuts and restores (the Postgres server itself never stops).
 *
 * Per run: 200 GET /random before the cut (baseline), 16 concurrent GET /random at the cut, 200 more while the
 * database is known down, then the time from restoring the proxy to /health/ready answering 200 again.
 * Prints the median over `--runs` of each figure.
 *
 * Run: bun run bench/database-outage.ts [--runs 3]
 * Needs the Postgres of DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); creates and drops its own
 * database there.
 */
import { parseArgs } from "node:util";
import { createDatabase } from "../src/db/client";
import { createDatabaseHealth } from "../src/db/health";
import { problemsRepository } from "../src/db/repositories/problems";
import { createApp } from "../src/http/app";
import { createMemoryTransport } from "../src/queue/memory";
import { topicSpecs } from "../src/queue/topics";
import { appDeps } from "../src/wiring";
import { silentLogger } from "../tests/support/app";
import { createTestDatabase } from "../tests/support/postgres";
import { sampleProblem } from "../tests/support/problems";
import { testConfig } from "../tests/support/service";
import { startTcpProxy } from "../tests/support/tcp-proxy";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const runs = Number(values.runs);

const t = await createTestDatabase("bench_outage");
await problemsRepository(t.database).insertMany([1, 2, 3, 4, 5].map((n) => ({ problem: sampleProblem(n) })));
const target = new URL(t.url);
const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;

async function timed(app: ReturnType<typeof createApp>, path: string) {
  const startedAt = performance.now();
  const res = await app.request(path);
  await res.arrayBuffer();
  return { ms: performance.now() - startedAt, status: res.status };
}

const results: Record<string, number>[] = [];
for (let run = 0; run < runs; run++) {
  const database = createDatabase({ url: proxy.urlFor(t.url), poolMax: 10 });
  const health = createDatabaseHealth({ database, logger: silentLogger });
  const deps = appDeps({
    database,
    publisher: createMemoryTransport(topicSpecs(1, "")).publisher,
    config: testConfig({ POOL_MIN_UNSERVED: "0" }),
    logger: silentLogger,
  });
  const app = createApp({
    ...deps,
    healthChecks: [health.check],
    logger: silentLogger,
    version: "bench",
    databaseHealth: health,
    requestTimeoutMs: 5000,
  });
  const before: number[] = [];
  for (let i = 0; i < 200; i++) before.push((await timed(app, "/api/v1/problems/random")).ms);
  await proxy.cut();
  const atCut = await Promise.all(Array.from({ length: 16 }, () => timed(app, "/api/v1/problems/random")));
  const down: number[] = [];
  for (let i = 0; i < 200; i++) {
    const r = await timed(app, "/api/v1/problems/random");
    if (r.status !== 503) throw new Error(`expected 503 while down, got ${r.status}`);
    down.push(r.ms);
  }
  const ready = await timed(app, "/health/ready");
  await proxy.restore();
  const restoredAt = performance.now();
  while ((await app.request("/health/ready")).status !== 200) await Bun.sleep(20);
  results.push({
    before_p50: pct(before, 0.5),
    at_cut_max: Math.max(...atCut.map((r) => r.ms)),
    at_cut_503: atCut.filter((r) => r.status === 503).length,
    down_p50: pct(down, 0.5),
    down_p99: pct(down, 0.99),
    ready_503_ms: ready.ms,
    recovered_ms: performance.now() - restoredAt,
  });
  health.close();
  await database.close();
}
await proxy.close();
await t.drop();

console.log(`runs: ${runs}; median over runs (ms unless noted)`);
for (const key of Object.keys(results[0] ?? {}))
  console.log(
    `${key.padEnd(14)} ${median(results.map((r) => r[key] ?? Number.NaN)).toFixed(1)}   runs: ${results.map((r) => (r[key] ?? 0).toFixed(1)).join(", ")}`,
  );
