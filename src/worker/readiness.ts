/**
 * Whether the broker is answering this worker, from what the consumer reports: each completed fetch proves it
 * (an idle consumer completes one at least every fetch wait), and a lost connection, a timed-out request or a
 * failed heartbeat disproves it at once, until the next completed fetch. A handler still running counts as a live
 * loop: a long LLM call means no fetch for a while, not a lost broker.
 */
export function brokerLiveness(ttlMs: number, activeTasks: () => number) {
  let lastFetchAt = 0;
  let lost: string | undefined;
  return {
    fetched() {
      lastFetchAt = Date.now();
      lost = undefined;
    },
    brokerLost(why: string) {
      lost = why;
    },
    /** Why the broker does not count as answering, or undefined when it does. */
    problem(): string | undefined {
      if (lost) return lost;
      if (activeTasks() > 0 || Date.now() - lastFetchAt < ttlMs) return undefined;
      return `no fetch from the broker for ${ttlMs} ms`;
    },
  };
}
