import { CommitTracker } from "./commit-tracker";
import type { Envelope } from "./transport";

export interface PartitionRef {
  topic: string;
  partition: number;
}

export interface CommitPoint extends PartitionRef {
  /** The next offset to read: every message below it is finished. */
  offset: number;
}

export interface InFlightOptions {
  /** Messages in flight at once, across every partition. */
  limit: number;
  /** The message's own signal fires when its partition is revoked and the revoke deadline passed. */
  handle(message: Envelope, signal: AbortSignal): Promise<void>;
  /** A partition has waiting messages and must not be fetched from until `resume`. */
  pause(partition: PartitionRef): void;
  resume(partition: PartitionRef): void;
  /** Before handing a rejected message to the handler again (the broker would redeliver it too). */
  retryDelayMs?: number;
  /** A message finished, failed or was abandoned: a slot is free and a commit point may have moved. */
  onSettled?(): void;
}

const REDELIVERY_DELAY_MS = 1000;

interface PartitionState extends PartitionRef {
  tracker: CommitTracker;
  waiting: Envelope[];
  paused: boolean;
  revoked: AbortController;
  committed: number | undefined;
}

const keyOf = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * The consumer core both transports share: messages of any partition run concurrently up to `limit`; what does not
 * fit waits in its partition's queue (at most one fetched batch: the partition is paused until the queue drains), so
 * memory stays bounded and no partition waits for another. Commit points advance only over finished messages.
 */
export function createInFlightPool(options: InFlightOptions) {
  const partitions = new Map<string, PartitionState>();
  /** Partitions with waiting messages, in the order they get the next free slot (round robin). */
  const ready: PartitionState[] = [];
  let active = 0;
  /**
   * The partitions the group gave this member, from its last join until a rebalance starts; nothing is taken or
   * committed for any other. Undefined (everything owned) for a transport without a group.
   */
  let owned: Set<string> | undefined;
  let closing = false;
  /** Consumption held (the generator's circuit is open): nothing new starts and every partition is paused. */
  let held = false;
  let settled = Promise.withResolvers<void>();

  const stateOf = (topic: string, partition: number) => {
    const key = keyOf(topic, partition);
    let state = partitions.get(key);
    if (!state) {
      state = {
        topic,
        partition,
        tracker: new CommitTracker(),
        waiting: [],
        paused: false,
        revoked: new AbortController(),
        committed: undefined,
      };
      partitions.set(key, state);
    }
    return state;
  };

  async function run(state: PartitionState, message: Envelope) {
    try {
      for (;;) {
        try {
          await options.handle(message, state.revoked.signal);
          state.tracker.finish(Number(message.offset));
          return;
        } catch {
          // Left unfinished: it holds the commit point back and is redelivered to whoever owns the partition next.
          if (closing || state.revoked.signal.aborted || partitions.get(keyOf(state.topic, state.partition)) !== state)
            return;
          await Bun.sleep(options.retryDelayMs ?? REDELIVERY_DELAY_MS);
          if (closing || partitions.get(keyOf(state.topic, state.partition)) !== state) return;
        }
      }
    } finally {
      active -= 1;
      // Whatever pump() meets, the slot is given back: close() and the transport's wake-up depend on it.
      try {
        pump();
      } finally {
        if (active === 0) settled.resolve();
        options.onSettled?.();
      }
    }
  }

  function pump() {
    while (!closing && !held && active < options.limit && ready.length) {
      const state = ready.shift() as PartitionState;
      const message = state.waiting.shift() as Envelope;
      if (state.waiting.length) ready.push(state);
      if (active === 0) settled = Promise.withResolvers<void>();
      active += 1;
      // Started before the resume: a message taken off `waiting` must run whatever the consumer says.
      void run(state, message);
      if (!state.waiting.length && state.paused) {
        state.paused = false;
        options.resume(state);
      }
    }
  }

  /** Pauses every owned partition (every known one without a group), whether or not it has messages waiting. */
  function pauseEverything() {
    for (const key of owned ?? partitions.keys()) {
      const [topic = "", partition = "0"] = key.split("\u0000");
      const state = stateOf(topic, Number(partition));
      if (!state.paused) {
        state.paused = true;
        options.pause(state);
      }
    }
  }

  return {
    /**
     * Takes a fetched batch of one partition (in offset order). Offsets seen before are skipped; what has no slot
     * yet waits, and the partition is paused until it drains.
     */
    offer(topic: string, partition: number, messages: readonly Envelope[]) {
      if (closing || (owned && !owned.has(keyOf(topic, partition)))) return;
      const state = stateOf(topic, partition);
      const hadWaiting = state.waiting.length > 0;
      for (const message of messages) if (state.tracker.accept(Number(message.offset))) state.waiting.push(message);
      if (state.waiting.length && !hadWaiting) ready.push(state);
      pump();
      if (state.waiting.length && !state.paused) {
        state.paused = true;
        options.pause(state);
      }
    },

    /**
     * Keeps only `assigned` partitions: the others start nothing more, their waiting messages are dropped, and their
     * in-flight ones are aborted once `deadlineMs` passed (they are redelivered to the new owner). A kept partition's
     * commit point is sent again: kafkajs drops a commit silently when it is not running, so one marked done may
     * never have reached the broker.
     */
    retain(assigned: readonly PartitionRef[], deadlineMs: number) {
      const keep = new Set(assigned.map((p) => keyOf(p.topic, p.partition)));
      owned = keep;
      for (const [key, state] of partitions) {
        if (keep.has(key)) {
          state.committed = undefined;
          continue;
        }
        partitions.delete(key);
        state.waiting.length = 0;
        const at = ready.indexOf(state);
        if (at >= 0) ready.splice(at, 1);
        if (state.paused) options.resume(state);
        setTimeout(() => state.revoked.abort(new Error("partition revoked")), deadlineMs).unref();
      }
    },

    /** A rebalance started: until the next join nothing is owned, so no commit lands on a partition given away. */
    disown() {
      owned = new Set();
    },

    /** Pauses again what waits in memory: a rebuilt or rejoined kafkajs consumer starts with nothing paused. */
    repause() {
      for (const state of partitions.values()) if (state.paused) options.pause(state);
      if (held) pauseEverything(); // partitions newly assigned while held
    },

    /**
     * Holds consumption: starts nothing more and pauses every partition, so fetching stops. Messages in flight go
     * on. A batch fetched before the pause took effect waits in memory, as with backpressure.
     */
    hold() {
      if (held || closing) return;
      held = true;
      pauseEverything();
    },

    /** Ends a hold: waiting messages start, and partitions with nothing waiting are fetched from again. */
    release() {
      if (!held) return;
      held = false;
      pump();
      for (const state of partitions.values()) {
        if (state.paused && !state.waiting.length) {
          state.paused = false;
          options.resume(state);
        }
      }
    },

    held: () => held,

    /** Partitions whose commit point moved since the last `committed()` call. */
    commitPoints(): CommitPoint[] {
      const points: CommitPoint[] = [];
      for (const [key, state] of partitions) {
        if (owned && !owned.has(key)) continue;
        const offset = state.tracker.committable();
        if (offset !== undefined && offset !== state.committed)
          points.push({ topic: state.topic, partition: state.partition, offset });
      }
      return points;
    },

    committed(points: readonly CommitPoint[]) {
      for (const point of points) {
        const state = partitions.get(keyOf(point.topic, point.partition));
        if (state) state.committed = point.offset;
      }
    },

    /** Finished messages held back, per owned partition, by an earlier unfinished one. */
    commitLag(): { topic: string; partition: number; lag: number }[] {
      return [...partitions.values()].map((s) => ({
        topic: s.topic,
        partition: s.partition,
        lag: s.tracker.finishedAhead(),
      }));
    },

    active: () => active,

    /** Starts nothing more; resolves once every in-flight message settled (the caller bounds the wait). */
    close(): Promise<void> {
      closing = true;
      ready.length = 0;
      for (const state of partitions.values()) state.waiting.length = 0;
      return active === 0 ? Promise.resolve() : settled.promise;
    },
  };
}

export type InFlightPool = ReturnType<typeof createInFlightPool>;
