/**
 * LLM-bound generation: the `openai` generator against the project's Chat Completions test server answering every
 * call after a fixed 2 s, through the whole service in one process (HTTP, Kafka, worker, Postgres).
 *
 * Scenarios: one request of count 100, and ten requests of count 10, each problem of 2 statements (written at
 * once). WORKER_CONCURRENCY 1, 10 and 100; LLM_MAX_CONCURRENCY is twice that, so the worker's width is what is
 * measured. Problems/s is the median of 3 runs, from the first POST to the last request completed.
 *
 * Baselines, same run: the ideal (in-flight ÷ 2 s), and a bare loop: the same generator called directly by as many
 * lanes as WORKER_CONCURRENCY (no HTTP API, no Kafka, no database).
 *
 * At WORKER_CONCURRENCY 1 each scenario is ten times smaller (1×10 and 10×1), or a run would take 200 s. At 100 a
 * third scenario, ten requests of 100 (ten waves), shows the steady state beside the single-wave ones.
 *
 * Run: KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 bun run bench/llm-bound.ts [width ...] (default 1 10 100)
 */
import { createOpenAIGenerator } from "../src/problems/generators/openai";
import { planProblem } from "../src/problems/planner/plan-problem";
import { startFakeOpenAI } from "../tests/support/fake-openai";
import { benchService, median } from "./support";

const LATENCY_MS = 2000;
const RUNS = 3;
const STATEMENTS = 2;
const API_KEY = "sk-bench";

const llm = startFakeOpenAI({ apiKey: API_KEY, respond: () => ({ kind: "success", delayMs: LATENCY_MS }) });

/** The same generator called directly by `lanes` loops: no HTTP API, no Kafka, no database. */
async function bareBaseline(lanes: number, problems: number): Promise<number> {
  const generator = createOpenAIGenerator({
    baseUrl: llm.url,
    apiKey: API_KEY,
    model: "gpt-4o-mini",
    timeoutMs: 30_000,
    planProblem,
    maxConcurrency: lanes * STATEMENTS,
  });
  const signal = new AbortController().signal;
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(lanes, problems) }, async () => {
      while (next++ < problems) await generator.generate({ statement_count: STATEMENTS }, { signal });
    }),
  );
  return problems / ((performance.now() - startedAt) / 1000);
}

// Widths to run, e.g. `bun run bench/llm-bound.ts 100` for a short re-run of the widest case only.
const widths = process.argv.slice(2).map(Number);
if (widths.some((w) => !Number.isInteger(w) || w < 1)) throw new Error("usage: bench/llm-bound.ts [width ...]");

const rows: string[] = [];
for (const concurrency of widths.length > 0 ? widths : [1, 10, 100]) {
  const scale = concurrency === 1 ? 10 : 1;
  const scenarios = [
    { name: `1 × ${100 / scale}`, counts: [100 / scale] },
    { name: `10 × ${10 / scale}`, counts: Array<number>(10).fill(10 / scale) },
    // At width 100 the two scenarios above are one 2 s wave, where the pipeline's fixed latency (POST, outbox,
    // fetch, write) weighs most; ten waves show the steady state.
    ...(concurrency >= 100 ? [{ name: "10 × 100", counts: Array<number>(10).fill(100) }] : []),
  ];
  const bench = await benchService(`llm${concurrency}`, {
    GENERATOR: "openai",
    OPENAI_API_KEY: API_KEY,
    OPENAI_BASE_URL: llm.url,
    WORKER_CONCURRENCY: String(concurrency),
    LLM_MAX_CONCURRENCY: String(concurrency * STATEMENTS),
  });
  try {
    for (const scenario of scenarios) {
      const total = scenario.counts.reduce((a, b) => a + b, 0);
      const measured: number[] = [];
      const bare: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        measured.push(total / (await bench.generate(scenario.counts, STATEMENTS)));
        bare.push(await bareBaseline(concurrency, total));
      }
      const ideal = Math.min(concurrency, total) / (LATENCY_MS / 1000);
      const m = median(measured);
      const b = median(bare);
      const line = `| ${concurrency} | ${scenario.name} | ${m.toFixed(2)} (${measured.map((v) => v.toFixed(2)).join(" · ")}) | ${ideal.toFixed(2)} | ${(m / ideal).toFixed(2)} | ${b.toFixed(2)} | ${(m / b).toFixed(2)} |`;
      rows.push(line);
      console.log(line);
    }
  } finally {
    await bench.close();
  }
}
console.log(
  "\n| WORKER_CONCURRENCY | requests × count | problems/s median (runs) | ideal | ratio to ideal | bare loop | ratio to bare |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const row of rows) console.log(row);
await llm.stop();
process.exit(0);
