/**
 * Serving benchmark: GET /api/v1/problems/random at 1k, 100k and 1M problems, beside two baselines in the same run.
 *
 * For each pool size (rows generated in SQL, then VACUUM ANALYZE) and each concurrency (1, 16, 64), three targets
 * are loaded in turn, `--runs` times, interleaved so every run sees the same machine state:
 *   - direct:  the pick statement (LIMIT 1, prepared) run through postgres.js, pool of 10, no HTTP;
 *   - bare:    a bare Bun.serve + postgres.js server running that statement per request (separate process);
 *   - service: the real service (`bun src/main.ts`, separate process, pool of 10, coalescing on, LOG_LEVEL=warn,
 *     REQUIRE_AUTH=false).
 * Load is closed-loop: `c` workers each send the next request when the previous answer arrived, for `--seconds`
 * after a one-second warm-up; the table prints the median run (by throughput) with its p50 and p99.
 *
 * Also: EXPLAIN (ANALYZE, BUFFERS) of the pick per size; at 1M the pick filtered by a tag 100 rows carry; at 100k
 * the statement prepared vs not; and at 100k, direct throughput on the fresh table vs after 1,000,000 more serves.
 *
 * Run: bun run bench/random.ts [--sizes 1000,100000,1000000] [--seconds 4] [--runs 3]
 * Needs the Postgres of DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); creates and drops its own
 * databases there.
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { createDatabase, type Database } from "../src/db/client";
import { type PickFilter, pickStatement } from "../src/db/repositories/problems";
import { insertGeneratedProblems, RARE_TAG } from "../tests/support/generated-problems";
import { interleaved, measure, median, type Result } from "./closed-loop";

const BASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const POOL_MAX = 10;
const CONCURRENCIES = [1, 16, 64];
const dialect = new PgDialect();
const statementText = (count: number, filter: PickFilter = {}) => dialect.sqlToQuery(pickStatement(count, filter));

async function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,100000,1000000" },
      seconds: { type: "string", default: "4" },
      runs: { type: "string", default: "3" },
    },
  });
  const sizes = values.sizes.split(",").map(Number);
  const seconds = Number(values.seconds);
  const runs = Number(values.runs);
  console.log(`# bench/random.ts  sizes=${sizes} seconds=${seconds} runs=${runs} pool=${POOL_MAX}`);
  console.log(`# load average at start: ${(await Bun.file("/proc/loadavg").text()).trim()}`);
  for (const size of sizes) await benchSize(size, seconds, runs);
  console.log(`# load average at end: ${(await Bun.file("/proc/loadavg").text()).trim()}`);
}

async function benchSize(size: number, seconds: number, runs: number) {
  const name = `lqs_bench_random_${size}`;
  const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  const database = createDatabase({ url: url.toString(), poolMax: 2 });
  const loadStart = performance.now();
  await database.migrate();
  await insertGeneratedProblems(database, size);
  await database.rows(sql`VACUUM ANALYZE problems`);
  console.log(
    `\n## ${size.toLocaleString("en")} problems (generated in ${((performance.now() - loadStart) / 1000).toFixed(1)} s)`,
  );
  await explain(database, pickStatement(1, {}), "pick, fresh table");

  const direct = postgres(url.toString(), { max: POOL_MAX, onnotice: () => {} });
  const pick = statementText(1);
  const directOnce = (prepare: boolean) => async () => {
    await direct.unsafe(pick.sql, pick.params as never[], { prepare });
  };
  const fresh = size === 100_000 ? await median(runs, () => measure(16, seconds, directOnce(true))) : undefined;

  const bare = await startProcess(["bun", "bench/random.ts", "--bare-server"], url.toString(), true);
  const service = await startProcess(["bun", "src/main.ts"], url.toString(), false);
  try {
    console.log("\n| concurrency | target | req/s | p50 ms | p99 ms | errors | ratio to direct |");
    console.log("|---|---|---|---|---|---|---|");
    for (const c of CONCURRENCIES) {
      const [baseline, bare1, service1] = (await interleaved(runs, [
        () => measure(c, seconds, directOnce(true)),
        () => measure(c, seconds, httpOnce(`${bare.base}/`)),
        () => measure(c, seconds, httpOnce(`${service.base}/api/v1/problems/random`)),
      ])) as [Result, Result, Result];
      row(c, "direct", baseline, baseline);
      row(c, "bare", bare1, baseline);
      row(c, "service", service1, baseline);
    }
    if (size === 1_000_000) {
      const rare = statementText(1, { tags: [RARE_TAG] });
      await explain(database, pickStatement(1, { tags: [RARE_TAG] }), `pick filtered by ${RARE_TAG} (100 rows)`);
      const [directRare, serviceRare] = (await interleaved(runs, [
        () =>
          measure(16, seconds, async () => {
            await direct.unsafe(rare.sql, rare.params as never[], { prepare: true });
          }),
        () => measure(16, seconds, httpOnce(`${service.base}/api/v1/problems/random?topic_tag=${RARE_TAG}`)),
      ])) as [Result, Result];
      console.log(`\nrare tag at c=16 | direct ${fmt(directRare)} | service ${fmt(serviceRare)}`);
    }
    if (size === 100_000) {
      // Interleaved, so both see the same machine state.
      const [prepared, unprepared] = (await interleaved(runs, [
        () => measure(16, seconds, directOnce(true)),
        () => measure(16, seconds, directOnce(false)),
      ])) as [Result, Result];
      console.log(`\nprepared vs not, direct c=16 | prepared ${fmt(prepared)} | unprepared ${fmt(unprepared)}`);
      console.log(`ratio prepared/unprepared: ${(prepared.rps / unprepared.rps).toFixed(2)}`);
    }
  } finally {
    bare.child.kill();
    service.child.kill();
    await Promise.all([bare.child.exited, service.child.exited]);
  }
  if (fresh) await afterManyServes(database, direct, fresh, seconds, runs, directOnce(true));
  await direct.end({ timeout: 5 });
  await database.close();
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end({ timeout: 5 });
}

/** Serves 1,000,000 more problems in batches of 100 (8 at a time), then measures the direct pick again. */
async function afterManyServes(
  database: Database,
  direct: postgres.Sql,
  fresh: Result,
  seconds: number,
  runs: number,
  once: () => Promise<void>,
) {
  const batch = statementText(100);
  const started = performance.now();
  const vacuums = await vacuumStandIn(database);
  let remaining = 1_000_000 / 100;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (remaining-- > 0) await direct.unsafe(batch.sql, batch.params as never[], { prepare: true });
    }),
  );
  console.log(`\n1,000,000 serves in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await explain(database, pickStatement(1, {}), "pick after 1,000,000 serves");
  const after = await median(runs, () => measure(16, seconds, once));
  console.log(`stand-in vacuums run by the bench: ${await vacuums.stop()}`);
  const [stats] = await database.rows<{ dead: string; size: string; vacuums: string }>(sql`
    SELECT n_dead_tup::text AS dead, pg_size_pretty(pg_total_relation_size('problems')) AS size,
           autovacuum_count::text AS vacuums FROM pg_stat_user_tables WHERE relname = 'problems'`);
  console.log(`direct c=16 | fresh ${fmt(fresh)} | after ${fmt(after)} | ratio ${(after.rps / fresh.rps).toFixed(2)}`);
  console.log(`table after: ${stats?.size} total, ${stats?.dead} dead rows, ${stats?.vacuums} autovacuums`);
}

/**
 * Autovacuum stand-in for a server that runs with `autovacuum = off` (as a shared test server may): every 2 s it
 * vacuums `problems` once its dead rows pass the threshold the table's own autovacuum settings give. With
 * autovacuum on it does nothing and the server's autovacuum does the work.
 */
async function vacuumStandIn(database: Database) {
  const [setting] = await database.rows<{ autovacuum: string }>(sql`SHOW autovacuum`);
  let count = 0;
  let running = setting?.autovacuum === "off";
  const loop = (async () => {
    while (running) {
      await Bun.sleep(2000);
      const [row] = await database.rows<{ due: boolean }>(sql`
        SELECT s.n_dead_tup > 1000 + 0.02 * c.reltuples AS due
        FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = 'problems'`);
      if (running && row?.due) {
        await database.rows(sql`VACUUM problems`);
        count++;
      }
    }
  })();
  console.log(`\nserver autovacuum: ${setting?.autovacuum}${running ? " (the bench vacuums in its place)" : ""}`);
  return {
    /** Stops the loop, waits for a vacuum in progress, and returns how many ran. */
    async stop() {
      running = false;
      await loop;
      return count;
    },
  };
}

async function explain(database: Database, query: ReturnType<typeof pickStatement>, label: string) {
  const plan = await database.rows<{ "QUERY PLAN": string }>(sql`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) `.append(query));
  console.log(`\n${label}:\n\`\`\`\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}\n\`\`\``);
}

const httpOnce = (target: string) => async () => {
  const response = await fetch(target);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`status ${response.status}`);
};

const fmt = (r: Result) => `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms`;

function row(c: number, target: string, r: Result, baseline: Result) {
  const cells = [c, target, r.rps.toFixed(0), r.p50.toFixed(2), r.p99.toFixed(2), r.errors];
  console.log(`| ${cells.join(" | ")} | ${(r.rps / baseline.rps).toFixed(2)} |`);
}

/** Starts a server process on a free port and waits until it answers. */
async function startProcess(command: string[], databaseUrl: string, bare: boolean) {
  const probe = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const port = probe.port as number;
  probe.stop(true);
  const child = Bun.spawn(bare ? [...command, String(port), databaseUrl] : command, {
    env: {
      ...process.env,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: String(POOL_MAX),
      LOG_LEVEL: "warn",
      POOL_MIN_UNSERVED: "0",
      ENABLE_WORKER: "false",
      // The serving path alone, as the baselines have no auth either; a key adds a lookup and a rate-limit upsert
      // per request, which bench/auth.ts measures on its own.
      REQUIRE_AUTH: "false",
    },
    stdout: "ignore",
    stderr: "inherit",
  });
  const base = `http://127.0.0.1:${port}`;
  const probeUrl = bare ? `${base}/` : `${base}/health/live`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(probeUrl)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    if (attempt > 300) throw new Error(`${command.join(" ")} did not start`);
    await Bun.sleep(100);
  }
}

// --- bare server mode: `bun bench/random.ts --bare-server <port> <url>` -----------------------------------------
if (process.argv[2] === "--bare-server") {
  const [port, url] = [Number(process.argv[3]), process.argv[4] as string];
  const client = postgres(url, { max: POOL_MAX, onnotice: () => {} });
  const { sql: text } = statementText(1);
  Bun.serve({
    hostname: "127.0.0.1",
    port,
    async fetch() {
      const [row] = await client.unsafe(text, [], { prepare: true });
      return row ? Response.json(row) : new Response("empty", { status: 404 });
    },
  });
  console.log("ready");
} else {
  await main();
}
