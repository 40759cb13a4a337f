import type { ProblemsRepository } from "../db/repositories/problems";
import type { ProblemGenerator } from "../problems/generators/generator";
import type { GenerationRequest } from "../problems/types";
import { validateProblem } from "../problems/validation";

export interface SeedOptions {
  problems: ProblemsRepository;
  generator: ProblemGenerator;
  count: number;
  request?: GenerationRequest;
  signal: AbortSignal;
  /** Called after each batch with the number stored so far. */
  onProgress?: (stored: number, total: number) => void;
}

/** Problems per INSERT: one round trip per thousand rows, well under Postgres's 65,535 parameters per statement. */
const BATCH_SIZE = 1000;

/**
 * Generates `count` problems and stores them directly (no queue): for filling an empty pool at once, e.g. the first
 * `bun run dev` or `bun run db:seed`. Every problem passes the same validation as the worker's. Each batch is one
 * multi-row INSERT, and the next batch is generated while the previous one is being written.
 */
export async function seedPool(options: SeedOptions): Promise<number> {
  let stored = 0;
  let writing: Promise<void> = Promise.resolve();
  for (let generated = 0; generated < options.count; ) {
    const size = Math.min(BATCH_SIZE, options.count - generated);
    const batch = [];
    for (let i = 0; i < size; i++) {
      const { problem, trace } = await options.generator.generate(options.request ?? {}, { signal: options.signal });
      batch.push({ problem: validateProblem(problem), trace });
    }
    generated += size;
    await writing;
    writing = options.problems.insertMany(batch).then(() => {
      stored += size;
      options.onProgress?.(stored, options.count);
    });
    // A failed write surfaces at the next await; this keeps it from counting as unhandled while generating.
    writing.catch(() => {});
  }
  await writing;
  return stored;
}
