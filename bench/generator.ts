/**
 * Throughput of the template generator: median of 5 runs of 10,000 problems, each run with fresh seeds.
 *
 * Baseline, measured in the same process on the same problems: `validateProblem` alone. Every generated problem
 * goes through that validation anyway, so the ratio says how many times more a whole generation costs than the
 * schema check it ends with.
 *
 * Run: bun run bench/generator.ts
 */
import { loadConjugationData } from "../src/problems/french";
import { templateGenerator } from "../src/problems/generators/template";
import type { NewProblem } from "../src/problems/types";
import { validateProblem } from "../src/problems/validation";

const RUNS = 5;
const PROBLEMS_PER_RUN = 10_000;
const WARMUP_PROBLEMS = 2_000;

const signal = new AbortController().signal;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function generateRun(firstSeed: number): Promise<{ perSecond: number; problems: NewProblem[] }> {
  const problems: NewProblem[] = [];
  const startedAt = performance.now();
  for (let seed = firstSeed; seed < firstSeed + PROBLEMS_PER_RUN; seed++) {
    problems.push((await templateGenerator.generate({}, { signal, seed })).problem);
  }
  return { perSecond: PROBLEMS_PER_RUN / ((performance.now() - startedAt) / 1000), problems };
}

function validateRun(problems: readonly NewProblem[]): number {
  const startedAt = performance.now();
  for (const problem of problems) validateProblem(problem);
  return problems.length / ((performance.now() - startedAt) / 1000);
}

// The first call parses the Lefff table; this process is fresh, so this is the cold cost a worker pays once.
const { load_ms, verbs } = loadConjugationData();
// Warm-up with seeds no measured run uses, so the JIT has settled before timing starts.
const warmupSeed = RUNS * PROBLEMS_PER_RUN;
for (let seed = warmupSeed; seed < warmupSeed + WARMUP_PROBLEMS; seed++)
  await templateGenerator.generate({}, { signal, seed });

const generated: number[] = [];
const validated: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const { perSecond, problems } = await generateRun(run * PROBLEMS_PER_RUN);
  generated.push(perSecond);
  validated.push(validateRun(problems));
}

const generateMedian = median(generated);
const validateMedian = median(validated);
const round = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(`conjugation data: ${verbs} verbs kept, cold load ${load_ms.toFixed(1)} ms`);
console.log(`template generator: ${generated.map(round).join(", ")} problems/s -> median ${round(generateMedian)}`);
console.log(
  `validateProblem alone (baseline): ${validated.map(round).join(", ")} problems/s -> median ${round(validateMedian)}`,
);
console.log(`ratio: a generation costs ${(validateMedian / generateMedian).toFixed(2)}x a validation`);
