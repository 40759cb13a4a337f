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

const BATCH_SIZE = 50;

/**
 * Generates `count` problems and stores them directly (no queue): for filling an empty pool at once, e.g. the first
 * `bun run dev` or `bun run db:seed`. Every problem passes the same validation as the worker's.
 */
export async function seedPool(options: SeedOptions): Promise<number> {
  let stored = 0;
  while (stored < options.count) {
    const size = Math.min(BATCH_SIZE, options.count - stored);
    const batch = await Promise.all(
      Array.from({ length: size }, async () => {
        const { problem, trace } = await options.generator.generate(options.request ?? {}, { signal: options.signal });
        return { problem: validateProblem(problem), trace };
      }),
    );
    await options.problems.insertMany(batch);
    stored += size;
    options.onProgress?.(stored, options.count);
  }
  return stored;
}
