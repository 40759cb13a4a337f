/** Thrown by `withDeadline` when the work did not finish in time. */
export class DeadlineExceededError extends Error {
  constructor(
    readonly label: string,
    readonly ms: number,
  ) {
    super(`${label} did not finish within ${ms} ms`);
    this.name = "DeadlineExceededError";
  }
}

/** Resolves or rejects like `work`, or rejects with DeadlineExceededError after `ms`. The timer never outlives the race. */
export async function withDeadline<T>(work: Promise<T>, ms: number, label: string): Promise<T> {
  // Bun fires setTimeout(Infinity) after 1 ms instead of never: a deadline that is not a finite number would cut the
  // work short at once.
  if (!Number.isFinite(ms)) throw new RangeError(`withDeadline(${label}): the deadline must be finite, got ${ms} ms`);
  let timer: Timer | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(label, ms)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Settles like `work`, or rejects with the signal's reason as soon as it aborts (the work itself runs on). */
export async function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
}
