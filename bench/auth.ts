/**
 * The cost of API keys on the serving call: GET /api/v1/problems/random against two service processes on one
 * database, one with REQUIRE_AUTH=false and one with REQUIRE_AUTH=true and a key (every request then looks the key
 * up by prefix, compares its keyed SHA-256 in constant time, counts its usage in memory for the batched write, and
 * takes one hit from the per-minute window in Postgres). Runs alternate between the two, `--runs` times at each
 * concurrency; the table prints the median run (by throughput) of each and the ratio auth on / auth off.
 *
 * Run: bun run bench/auth.ts [--problems 10000] [--seconds 4] [--runs 3]
 * Needs the Postgres of DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); creates and drops its own
 * database there.
 */
import { parseArgs } from "node:util";
import { createKey } from "../tests/support/auth";
import { insertGeneratedProblems } from "../tests/support/generated-problems";
import { createTestDatabase } from "../tests/support/postgres";
import { type ServiceProcess, spawnService } from "../tests/support/service-process";
import { interleaved, measure, type Result } from "./closed-loop";

const CONCURRENCIES = [1, 16];

async function main() {
  const { values } = parseArgs({
    options: {
      problems: { type: "string", default: "10000" },
      seconds: { type: "string", default: "4" },
      runs: { type: "string", default: "3" },
    },
  });
  const [problems, seconds, runs] = [Number(values.problems), Number(values.seconds), Number(values.runs)];
  console.log(`# bench/auth.ts  problems=${problems} seconds=${seconds} runs=${runs}`);
  console.log(`# load average at start: ${(await Bun.file("/proc/loadavg").text()).trim()}`);
  const db = await createTestDatabase("bench_auth");
  const services: ServiceProcess[] = [];
  try {
    await insertGeneratedProblems(db.database, problems);
    const { key } = await createKey(db.database, ["read"], { name: "bench" });
    const common = {
      DATABASE_URL: db.url,
      KAFKA_BOOTSTRAP_SERVERS: "",
      LOG_LEVEL: "warn",
      POOL_MIN_UNSERVED: "0",
      DATABASE_POOL_MAX: "10",
      // The limit is not what is measured: its check is, so it must never refuse.
      RATE_LIMIT_PER_MINUTE: "1000000",
    };
    const start = async (requireAuth: string) => {
      const probe = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
      const port = String(probe.port);
      probe.stop(true);
      const service = spawnService({ ...common, PORT: port, REQUIRE_AUTH: requireAuth });
      services.push(service);
      // LOG_LEVEL=warn keeps the access log out of the measurement, and the "listening" line with it: poll instead.
      const base = new URL(`http://127.0.0.1:${port}`);
      const live = () =>
        fetch(new URL("/health/live", base)).then(
          (r) => r.ok,
          () => false,
        );
      for (let attempt = 0; !(await live()); attempt++) {
        if (attempt > 600) throw new Error(`the service did not start: ${await service.stderr()}`);
        await Bun.sleep(100);
      }
      return base;
    };
    const [off, on] = [await start("false"), await start("true")];
    const get = (base: URL | undefined, headers: Record<string, string>) => async () => {
      const res = await fetch(new URL("/api/v1/problems/random", base), { headers });
      if (res.status !== 200) throw new Error(`random answered ${res.status}`);
      await res.arrayBuffer();
    };
    const fmt = (r: Result) => `${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors}`;
    console.log("\n| c | auth | req/s | p50 ms | p99 ms | errors | req/s on / off |\n|---|---|---|---|---|---|---|");
    for (const c of CONCURRENCIES) {
      const [withoutKey, withKey] = (await interleaved(runs, [
        () => measure(c, seconds, get(off, {})),
        () => measure(c, seconds, get(on, { authorization: `Bearer ${key}` })),
      ])) as [Result, Result];
      console.log(`| ${c} | off | ${fmt(withoutKey)} | 1.00 |`);
      console.log(`| ${c} | on | ${fmt(withKey)} | ${(withKey.rps / withoutKey.rps).toFixed(2)} |`);
    }
  } finally {
    await Promise.all(services.map((s) => s.kill()));
    await db.drop();
  }
  console.log(`# load average at end: ${(await Bun.file("/proc/loadavg").text()).trim()}`);
}

await main();
