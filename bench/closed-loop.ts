/** Closed-loop HTTP load shared by the serving benchmarks: throughput and latency percentiles, medians of runs. */

export interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Closed loop: `c` workers, each sending its next request when the last one answered. */
export async function measure(c: number, seconds: number, once: () => Promise<void>): Promise<Result> {
  const loop = async (until: number, latencies: number[] | undefined, errors: { n: number }) => {
    while (performance.now() < until) {
      const start = performance.now();
      try {
        await once();
      } catch {
        errors.n++;
      }
      latencies?.push(performance.now() - start);
    }
  };
  const warm = performance.now() + 1000;
  await Promise.all(Array.from({ length: c }, () => loop(warm, undefined, { n: 0 })));
  const latencies: number[] = [];
  const errors = { n: 0 };
  const start = performance.now();
  await Promise.all(Array.from({ length: c }, () => loop(start + seconds * 1000, latencies, errors)));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors: errors.n };
}

/** Runs each measurement `runs` times, round-robin, and returns the median of each. */
export async function interleaved(runs: number, measurements: (() => Promise<Result>)[]): Promise<Result[]> {
  const results = measurements.map((): Result[] => []);
  for (let run = 0; run < runs; run++) {
    for (const [i, measureOnce] of measurements.entries()) results[i]?.push(await measureOnce());
  }
  return results.map(pickMedian);
}

export async function median(runs: number, measureOnce: () => Promise<Result>): Promise<Result> {
  const results: Result[] = [];
  for (let i = 0; i < runs; i++) results.push(await measureOnce());
  return pickMedian(results);
}

const pickMedian = (results: Result[]) =>
  [...results].sort((a, b) => a.rps - b.rps)[Math.floor(results.length / 2)] as Result;
