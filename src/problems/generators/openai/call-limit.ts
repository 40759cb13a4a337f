/**
 * At most `limit` calls running at once, for everything that shares this object: the whole process when the
 * generator is built once. Waiters start in arrival order; one whose signal aborts leaves the queue at once.
 */
export function createCallLimit(limit: number) {
  let running = 0;
  const waiting: { start: () => void; signal: AbortSignal }[] = [];

  const release = () => {
    running -= 1;
    for (let next = waiting.shift(); next; next = waiting.shift()) {
      if (next.signal.aborted) continue;
      running += 1;
      next.start();
      return;
    }
  };

  return {
    async run<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
      signal.throwIfAborted();
      if (running < limit) running += 1;
      else {
        const turn = Promise.withResolvers<void>();
        const entry = { start: turn.resolve, signal };
        const onAbort = () => {
          const at = waiting.indexOf(entry);
          if (at >= 0) waiting.splice(at, 1);
          turn.reject(signal.reason);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        waiting.push(entry);
        try {
          await turn.promise;
        } finally {
          signal.removeEventListener("abort", onAbort);
        }
      }
      try {
        return await call();
      } finally {
        release();
      }
    },
    /** Calls running now. */
    running: () => running,
  };
}
