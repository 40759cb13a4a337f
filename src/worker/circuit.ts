import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from "cockatiel";
import { AppError } from "../errors";
import type { GenerateOptions, ProblemGenerator } from "../problems/generators/generator";
import type { GenerationRequest } from "../problems/types";
import type { Logger } from "../telemetry/logger";

export type CircuitStateName = "closed" | "half_open" | "open";

/** The values of the `worker.circuit.state` gauge. */
export const CIRCUIT_STATE_VALUES: Readonly<Record<CircuitStateName, number>> = { closed: 0, half_open: 1, open: 2 };

export const CIRCUIT_OPEN_CODE = "circuit_open";

/**
 * A message was waiting for the circuit to close when the worker began to stop. The message is not at fault: the
 * processor leaves it uncommitted for redelivery, neither counted as an attempt nor failed.
 */
export class CircuitOpenError extends AppError {
  constructor() {
    super(CIRCUIT_OPEN_CODE, "the generator's circuit is open; the message is left for redelivery", true);
  }
}

export interface CircuitOptions {
  /** Consecutive transient failures that open the circuit (WORKER_BREAKER_THRESHOLD). */
  threshold: number;
  /** How long it stays open before one probe call may go through (WORKER_BREAKER_HALF_OPEN_MS). */
  halfOpenAfterMs: number;
  logger: Logger;
}

export interface GeneratorCircuit {
  state(): CircuitStateName;
  /** Generations waiting for the circuit, in flight but not calling the generator. */
  waiting(): number;
  /** The generator behind the circuit: a call waits while the circuit is open instead of failing. */
  guard(generator: ProblemGenerator): ProblemGenerator;
  /** Called on every change of state (the worker pauses and resumes consumption on it). */
  onChange(listener: (state: CircuitStateName) => void): void;
  /** Waiting calls give up with CircuitOpenError, and later ones no longer wait: the worker is stopping. */
  stopWaiting(): void;
}

const PROBE_CLOCK_SLACK_MS = 20;

/** Timeouts, 429s, 5xx, a lost connection: what says the upstream is in trouble, not that the input is bad. */
const isTransient = (error: unknown) => error instanceof AppError && error.retryable;

/**
 * A circuit breaker (cockatiel) around the generator that makes callers wait rather than fail. After `threshold`
 * consecutive transient failures it opens: calls wait, and the one whose failure opened it (or that failed while it
 * was open) waits too instead of reporting the failure, so an upstream outage uses up no message's attempts. After
 * `halfOpenAfterMs` the waiting calls are let go: cockatiel passes the first one through as the probe and holds the
 * others until it answers. The probe's success closes the circuit; its transient failure opens it again.
 */
export function generatorCircuit(options: CircuitOptions): GeneratorCircuit {
  const log = options.logger.child({ component: "circuit" });
  const breaker = circuitBreaker(handleWhen(isTransient), {
    halfOpenAfter: options.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.threshold),
  });
  let state: CircuitStateName = "closed";
  let waiting = 0;
  let stopped = false;
  let probeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Settled on every change of state (and at stop): the waiting calls look again. */
  let changed = Promise.withResolvers<void>();
  const listeners: ((state: CircuitStateName) => void)[] = [];

  const enter = (next: CircuitStateName) => {
    if (next === state) return;
    state = next;
    const woken = changed;
    changed = Promise.withResolvers<void>();
    woken.resolve();
    for (const listener of listeners) listener(next);
  };

  breaker.onBreak((reason) => {
    const error = "error" in reason ? reason.error : undefined;
    log.warn(
      { code: (error as AppError | undefined)?.code, retryInMs: options.halfOpenAfterMs, err: error },
      "circuit open: the generator keeps failing; consumption paused",
    );
    clearTimeout(probeTimer);
    // cockatiel only leaves Open when a call comes in: this timer lets the waiting calls come in.
    probeTimer = setTimeout(() => {
      if (state === "open") enter("half_open");
    }, options.halfOpenAfterMs);
    probeTimer.unref();
    enter("open");
  });
  breaker.onHalfOpen(() => log.info("circuit half-open: one probe call goes through"));
  breaker.onReset(() => {
    clearTimeout(probeTimer);
    log.info("circuit closed: the generator answers again; consumption resumed");
    enter("closed");
  });

  /** Resolves once a call may go to the breaker: the circuit is not open (or the probe time has come). */
  async function untilCallable(signal: AbortSignal) {
    while (state === "open") {
      if (stopped) throw new CircuitOpenError();
      signal.throwIfAborted();
      const aborted = Promise.withResolvers<void>();
      const onAbort = () => aborted.resolve();
      signal.addEventListener("abort", onAbort, { once: true });
      try {
        await Promise.race([changed.promise, aborted.promise]);
      } finally {
        signal.removeEventListener("abort", onAbort);
      }
    }
  }

  async function generate(generator: ProblemGenerator, request: GenerationRequest, opts: GenerateOptions) {
    for (;;) {
      waiting += 1;
      try {
        await untilCallable(opts.signal);
      } finally {
        waiting -= 1;
      }
      try {
        return await breaker.execute(() => generator.generate(request, opts), opts.signal);
      } catch (error) {
        if (opts.signal.aborted) throw error;
        if (error instanceof BrokenCircuitError) {
          // Opened by someone else meanwhile: wait like everyone else. Our half-open timer may fire a moment before
          // cockatiel's own clock agrees; a short pause then keeps this loop from spinning on the event loop.
          if (state !== "open") await Bun.sleep(PROBE_CLOCK_SLACK_MS);
          continue;
        }
        // This failure opened the circuit, or came while it was open or probing: the upstream is down, so it is
        // not this message's attempt that failed. Wait and call again.
        if (isTransient(error) && breaker.state !== CircuitState.Closed) continue;
        throw error;
      }
    }
  }

  return {
    state: () => state,
    waiting: () => waiting,
    guard(generator) {
      return { name: generator.name, generate: (request, opts) => generate(generator, request, opts) };
    },
    onChange(listener) {
      listeners.push(listener);
    },
    stopWaiting() {
      stopped = true;
      clearTimeout(probeTimer);
      const woken = changed;
      changed = Promise.withResolvers<void>();
      woken.resolve();
    },
  };
}
