import type { ProblemsRepository } from "../db/repositories/problems";
import type { Allowance } from "../db/repositories/usage-windows";
import { LimitExceededError } from "../errors";
import { LEVELS } from "../problems/types";
import type { Logger } from "../telemetry/logger";
import type { GenerationInput, GenerationSubmitter } from "./submit";

/** After a refill could not be recorded (outbox backlog full, database down), checks pause this long. */
const FAILED_REFILL_PAUSE_MS = 60_000;

export interface PoolKeeperOptions {
  problems: ProblemsRepository;
  submitter: GenerationSubmitter;
  logger: Logger;
  minUnserved: number;
  refillCount: number;
  statementCount: number;
  /** Checks no more often than this per instance; the one-open-refill rule itself is the database's. */
  checkIntervalMs?: number;
  newTraceparent: () => string;
  /** Problems refills may ask for per window, across every instance. */
  ceiling?: Allowance;
}

/**
 * Keeps the pool of never-served problems above a floor. `check()` never blocks its caller: the random endpoint
 * calls it after answering, and at most one check runs at a time in this instance.
 */
export function poolKeeper(options: PoolKeeperOptions) {
  const intervalMs = options.checkIntervalMs ?? 2000;
  let nextCheckAt = 0;
  let running: Promise<void> | undefined;

  // Each level keeps at least its share of the floor, so a learner asking for one level finds fresh problems even
  // when the others fill the pool.
  const levelFloor = Math.ceil(options.minUnserved / LEVELS.length);

  async function refillIfLow(): Promise<void> {
    const { total: unserved, levels } = await options.problems.unservedUpTo(options.minUnserved, levelFloor);
    const scarcest = LEVELS.reduce((a, b) => (levels[b] < levels[a] ? b : a));
    if (unserved >= options.minUnserved && levels[scarcest] >= levelFloor) return;
    // One refill is open at a time, so it goes to the level with the fewest fresh problems.
    const input: GenerationInput = {
      count: options.refillCount,
      statementCount: options.statementCount,
      constraints: { level: scarcest },
      traceparent: options.newTraceparent(),
    };
    let row: Awaited<ReturnType<GenerationSubmitter["submitRefill"]>>;
    try {
      row = await options.submitter.submitRefill(input, options.ceiling);
    } catch (error) {
      if (error instanceof LimitExceededError) {
        nextCheckAt = performance.now() + error.retryAfterSeconds * 1000;
        options.logger.warn(
          { unserved, retry_after_s: error.retryAfterSeconds },
          "pool low but refill ceiling reached",
        );
        return;
      }
      // The outbox is full (the broker has been down for long) or the database is down: without a pause every
      // /random would try again.
      nextCheckAt = performance.now() + FAILED_REFILL_PAUSE_MS;
      throw error;
    }
    if (row)
      options.logger.info(
        { unserved, level: scarcest, minUnserved: options.minUnserved, generation_request_id: row.id },
        "pool low: refill requested",
      );
  }

  return {
    /** Resolves when no check is running (shutdown waits for it before closing the producer). */
    idle: (): Promise<void> => running ?? Promise.resolve(),
    /** Fire and forget. Returns the running check so tests can await it. */
    check(): Promise<void> {
      if (options.minUnserved <= 0 || running || performance.now() < nextCheckAt) return running ?? Promise.resolve();
      nextCheckAt = performance.now() + intervalMs;
      running = refillIfLow()
        .catch((error) => options.logger.warn({ err: error }, "pool check failed"))
        .finally(() => {
          running = undefined;
        });
      return running;
    },
  };
}

export type PoolKeeper = ReturnType<typeof poolKeeper>;
