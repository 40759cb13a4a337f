import { type PickFilter, poolBusy } from "../db/repositories/problems";
import type { ProblemRow } from "../db/schema";
import { DeadlineExceededError, withDeadline } from "../deadline";
import { UnavailableError } from "../errors";

export interface PickCoalescerOptions {
  /** Serves up to `count` rows for `filter` in one round trip, in serving order (the repository's pick). */
  pick: (count: number, filter: PickFilter) => Promise<ProblemRow[]>;
  /** Most requests one statement serves; 1 turns coalescing off. */
  maxBatch: number;
  /** Statements in flight at once per filter; requests arriving while all are busy wait and go out together. */
  maxInFlight: number;
  /**
   * A statement that has not answered by then (a connection frozen without a reset, where the server's own
   * statement timeout cannot fire) gives its lane slot back and its waiters a 503; its late rows are dropped.
   */
  pickTimeoutMs?: number;
  /** Requests that may wait per filter; past it a request hears `pool_busy` at once instead of queueing. */
  maxWaiting?: number;
}

interface Waiter {
  resolve: (row: ProblemRow | undefined) => void;
  reject: (error: unknown) => void;
  /** Stops listening for the caller's abort: from here on the waiter's row is being served. */
  detach: () => void;
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

  const maxWaiting = options.maxWaiting ?? options.maxBatch * options.maxInFlight * 4;

  function pickInTime(count: number, filter: PickFilter): Promise<ProblemRow[]> {
    const ms = options.pickTimeoutMs;
    if (ms === undefined) return options.pick(count, filter);
    return withDeadline(options.pick(count, filter), ms, "pick").catch((error: unknown) => {
      if (!(error instanceof DeadlineExceededError)) throw error;
      throw new UnavailableError("database_unavailable", "the database did not answer in time; try again later");
    });
  }

  function send(key: string, lane: Lane) {
    while (lane.inFlight < options.maxInFlight && lane.waiting.length > 0) {
      const batch = lane.waiting.splice(0, options.maxBatch);
      for (const waiter of batch) waiter.detach();
      lane.inFlight++;
      pickInTime(batch.length, lane.filter)
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
    /**
     * The least recently served problem matching `filter`, stamped as served; undefined when none matches. A caller
     * that aborts (`signal`: the client went away, or the request's deadline passed) while still waiting leaves the
     * queue, so no problem is stamped as served for an answer nobody reads.
     */
    pickOne(filter: PickFilter = {}, signal?: AbortSignal): Promise<ProblemRow | undefined> {
      signal?.throwIfAborted();
      const key = laneKey(filter);
      let lane = lanes.get(key);
      if (!lane) {
        lane = { filter, waiting: [], inFlight: 0 };
        lanes.set(key, lane);
      }
      if (lane.waiting.length >= maxWaiting) return Promise.reject(poolBusy());
      const queue = lane;
      const queued = new Promise<ProblemRow | undefined>((resolve, reject) => {
        const onAbort = () => {
          const at = queue.waiting.indexOf(waiter);
          if (at >= 0) queue.waiting.splice(at, 1);
          if (queue.inFlight === 0 && queue.waiting.length === 0) lanes.delete(key);
          reject(new UnavailableError("request_timeout", "the request ended before a problem was picked"));
        };
        const waiter: Waiter = { resolve, reject, detach: () => signal?.removeEventListener("abort", onAbort) };
        signal?.addEventListener("abort", onAbort, { once: true });
        queue.waiting.push(waiter);
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
