/**
 * How long the partitions of a worker killed with `kill -9` wait for the survivor: two service processes
 * (`bun src/main.ts`, template generator, the default WORKER_SESSION_TIMEOUT_MS of 10 s unless set) share a group on
 * 6 partitions; mid-run one is SIGKILLed (no leaveGroup, so the coordinator waits out its session).
 *
 * Per run, from the kill (wall clock, compared with the processes' own log timestamps):
 * - rejoin_ms: to the survivor's next "joined consumer group" (the rebalance that hands it the orphans);
 * - takeover_ms: to the survivor's first "problem generated" on a partition the dead one owned;
 * - survivor_gap_ms: the survivor's longest pause between two problems from the kill until takeover (the stall of
 *   the whole group, survivor included, while the coordinator waits);
 * and then that every request completed with exactly the requested problems (lag 0, no duplicate).
 * Prints each run and the median.
 *
 * Run: KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 bun run bench/worker-takeover.ts [--runs 3]
 */
import { parseArgs } from "node:util";
import { topicNames } from "../src/queue/topics";
import { settledViolations } from "../tests/support/invariants";
import { createTestDatabase } from "../tests/support/postgres";
import { type ServiceProcess, spawnService } from "../tests/support/service-process";
import { BOOTSTRAP, median, uniquePrefix } from "./support";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const RUNS = Number(values.runs);
const REQUESTS = 12;
const PER_REQUEST = 100;

type Line = Record<string, unknown>;
const at = (line: Line) => new Date(String(line.time)).getTime();
const generated = (l: Line) => l.msg === "problem generated";
const joined = (l: Line) => l.msg === "joined consumer group";

async function run(label: string): Promise<Record<string, number>> {
  const t = await createTestDatabase(`bench_takeover_${label}`);
  const prefix = uniquePrefix(`takeover-${label}`);
  const topic = topicNames(prefix).requests;
  const env = {
    DATABASE_URL: t.url,
    KAFKA_BOOTSTRAP_SERVERS: BOOTSTRAP,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_TOPIC_PARTITIONS: "6",
    ENABLE_WORKER: "true",
    GENERATOR: "template",
    // Slow enough that both processes still have work on every partition when one dies.
    WORKER_CONCURRENCY: "2",
    POOL_MIN_UNSERVED: "0",
    GENERATION_QUOTA_GLOBAL_PER_HOUR: "10000000",
  };
  const processes: ServiceProcess[] = [];
  try {
    const start = async () => {
      const p = spawnService(env);
      processes.push(p);
      const url = await p.listening();
      while (!(await fetch(new URL("/health/ready", url)).catch(() => undefined))?.ok) await Bun.sleep(100);
      return { p, url };
    };
    const first = await start();
    const second = await start();
    for (let i = 0; i < REQUESTS; i++) {
      const res = await fetch(new URL("/api/v1/problems/generate", first.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ count: PER_REQUEST, statement_count: 2 }),
      });
      if (res.status !== 202) throw new Error(`POST generate answered ${res.status}`);
    }
    // Both working, each on its own share of the partitions.
    const working = (p: ServiceProcess) => p.waitForLog(generated, 120_000, "a problem generated");
    await Promise.all([working(first.p), working(second.p)]);
    const assignment = (p: ServiceProcess) =>
      ((p.lines.filter(joined).at(-1)?.assignment ?? {}) as Record<string, number[]>)[topic] ?? [];
    const orphans = new Set(assignment(second.p));
    if (!orphans.size || !assignment(first.p).length) throw new Error("both processes need partitions");

    const killedAt = Date.now();
    second.p.child.kill("SIGKILL");
    await second.p.child.exited;
    const takeover = await first.p.waitForLog(
      (l) => generated(l) && at(l) >= killedAt && orphans.has(Number(l.partition)),
      120_000,
      "the survivor on an orphaned partition",
    );
    const rejoin = first.p.lines.find((l) => joined(l) && at(l) >= killedAt);
    const times = [
      killedAt,
      ...first.p.lines.filter((l) => generated(l) && at(l) >= killedAt && at(l) <= at(takeover)).map(at),
    ];
    const gap = Math.max(...times.slice(1).map((x, i) => x - (times[i] as number)));

    const violations = await settledViolations(
      { database: t.database, bootstrap: BOOTSTRAP, groupId: `${prefix}problem-generator-workers`, topics: [topic] },
      300_000,
    );
    if (violations.length) throw new Error(`invariants broken: ${violations.join("; ")}`);
    return {
      rejoin_ms: rejoin ? at(rejoin) - killedAt : Number.NaN,
      takeover_ms: at(takeover) - killedAt,
      survivor_gap_ms: gap,
      orphaned_partitions: orphans.size,
    };
  } finally {
    await Promise.all(processes.map((p) => p.kill()));
    await t.drop();
  }
}

const results: Record<string, number>[] = [];
for (let i = 0; i < RUNS; i++) {
  const result = await run(String(i));
  console.log(`run ${i + 1}: ${JSON.stringify(result)}`);
  results.push(result);
}
console.log(`runs: ${RUNS}; session timeout ${process.env.WORKER_SESSION_TIMEOUT_MS ?? "10000 (default)"} ms`);
for (const key of Object.keys(results[0] ?? {}))
  console.log(`${key.padEnd(20)} median ${median(results.map((r) => r[key] ?? Number.NaN))}`);
