import type { Logger } from "./telemetry/logger";

/** Every stop step gets at least this long, even when the budget is spent. */
const MIN_STEP_MS = 500;

export interface ShutdownStack {
  /** Registers how to stop a part that has just started. Steps run in reverse order: the last started stops first. */
  push(name: string, stop: () => unknown): void;
  /**
   * What is left of the budget for the step that asks, minus `reserveMs` kept for the steps after it; never below
   * MIN_STEP_MS. Measured from the start of `run()`, the whole budget before it.
   */
  left(reserveMs?: number): number;
  /** Runs every step once, each in its own try/catch so one failure never skips the rest; idempotent. */
  run(): Promise<void>;
}

/**
 * The service's shutdown, shaped as pg-boss and graphile-worker shape theirs: each part pushes its stop step once it
 * has started, so a start that fails halfway stops exactly what it started, in the right order, within the same
 * `budgetMs` as a normal stop (SHUTDOWN_TIMEOUT_MS).
 */
export function shutdownStack(logger: Logger, budgetMs: number): ShutdownStack {
  const steps: { name: string; stop: () => unknown }[] = [];
  let deadlineAt: number | undefined;
  let running: Promise<void> | undefined;
  return {
    push(name, stop) {
      steps.push({ name, stop });
    },
    left(reserveMs = 0) {
      const remaining = deadlineAt === undefined ? budgetMs : deadlineAt - performance.now();
      return Math.max(MIN_STEP_MS, remaining - reserveMs);
    },
    run() {
      running ??= (async () => {
        deadlineAt = performance.now() + budgetMs;
        for (const { name, stop } of steps.toReversed()) {
          try {
            await stop();
            logger.debug({ step: name }, "shutdown step done");
          } catch (error) {
            logger.error({ err: error, step: name }, "shutdown step failed");
          }
        }
      })();
      return running;
    },
  };
}
