import { type PickFilter, poolBusy } from "../db/repositories/problems";
import type { ProblemRow } from "../db/schema";

export interface PickCoalescerOptions {
  /** Serves up to `count` rows for `filter` in one round trip, in serving order (the repository's pick). */
  pick: (count: number, filter: PickFilter) => Promise<ProblemRow[]>;
  /** Most requests one statement serves; 1 turns coalescing off. */
  maxBatch: number;
  /** Statements in flight at once per filter; requests arriving while all are busy wait and go out together. */
  maxInFlight: number;
}

interface Waiter {
  resolve: (row: ProblemRow | undefined) => void;
  reject: (error: unknown) => void;
}

/** The requests for one filter: those waiting for a statement, and how many statements are running. */
interface Lane {
  filter: PickFilter;
  waiting: Waiter[];
  inFlight: number;
}

/** One key per distinct filter, whatever the order or repetition of its tags. */
const laneKey = (filter: PickFilter) => [...new Set(filter.tags ?? [])].sort().join("\n");

/**
 * Serves concurrent requests for the same filter with as few statements as possible. A request goes out at once
 * while fewer than `maxInFlight` statements run for its filter; otherwise it waits, and when a statement returns,
 * everyone waiting (up to `maxBatch`) goes out in the next one. Under light load nothing waits; under heavy load
 * one round trip serves many requests. Rows are handed out in the order the requests arrived, so the earliest
 * request gets the least recently served problem.
 */
export function pickCoalescer(options: PickCoalescerOptions) {
  const lanes = new Map<string, Lane>();

  function send(key: string, lane: Lane) {
    while (lane.inFlight < options.maxInFlight && lane.waiting.length > 0) {
      const batch = lane.waiting.splice(0, options.maxBatch);
      lane.inFlight++;
      options
        .pick(batch.length, lane.filter)
        .then(
          (rows) => settle(batch, rows),
          (error) => {
            for (const waiter of batch) waiter.reject(error);
          },
        )
        .finally(() => {
          lane.inFlight--;
          if (lane.inFlight === 0 && lane.waiting.length === 0) lanes.delete(key);
          else send(key, lane);
        });
    }
  }

  return {
    /** The least recently served problem matching `filter`, stamped as served; undefined when none matches. */
    pickOne(filter: PickFilter = {}): Promise<ProblemRow | undefined> {
      const key = laneKey(filter);
      let lane = lanes.get(key);
      if (!lane) {
        lane = { filter, waiting: [], inFlight: 0 };
        lanes.set(key, lane);
      }
      const queued = new Promise<ProblemRow | undefined>((resolve, reject) => {
        lane.waiting.push({ resolve, reject });
      });
      send(key, lane);
      return queued;
    },
  };
}

/**
 * No rows: nothing matches, every waiter hears so. Some rows but fewer than waiters: the pick gave up on rows that
 * stayed locked by other callers, so the rest are told the pool is busy rather than that it is empty.
 */
function settle(batch: readonly Waiter[], rows: readonly ProblemRow[]) {
  batch.forEach((waiter, i) => {
    if (rows.length === 0 || i < rows.length) waiter.resolve(rows[i]);
    else waiter.reject(poolBusy());
  });
}

export type PickCoalescer = ReturnType<typeof pickCoalescer>;
