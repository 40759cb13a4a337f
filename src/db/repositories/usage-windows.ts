import { type SQL, sql } from "drizzle-orm";
import { LimitExceededError } from "../../errors";
import type { Database, Db } from "../client";
import { convertingOutages } from "../errors";

/** The start of the current fixed window of `seconds`, on the database's clock (the same for every instance). */
const windowStart = (seconds: number) => sql`to_timestamp(floor(extract(epoch FROM now()) / ${seconds}) * ${seconds})`;
const secondsLeft = (seconds: number) =>
  sql`ceil(${seconds} - (extract(epoch FROM now()) - floor(extract(epoch FROM now()) / ${seconds}) * ${seconds}))::int`;

export interface WindowCount {
  /** Units used in the current window, this one included. */
  used: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export interface Allowance {
  bucket: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in Postgres, so every instance shares one budget. An upsert is atomic per row: concurrent
 * callers queue on the row lock and each sees the count the previous one left.
 */
export function usageWindowsRepository(database: Database) {
  return convertingOutages({
    /** Counts one request and returns the count so far (refused requests count too: hammering does not pay). */
    async hit(bucket: string, windowSeconds: number): Promise<WindowCount> {
      const [row] = await database.rows<{ used: number; reset_s: number }>(sql`
        INSERT INTO usage_windows AS w (bucket, window_start, used) VALUES (${bucket}, ${windowStart(windowSeconds)}, 1)
        ON CONFLICT (bucket, window_start) DO UPDATE SET used = w.used + 1
        RETURNING w.used, ${secondsLeft(windowSeconds)} AS reset_s`);
      return { used: Number(row?.used ?? 1), resetSeconds: Math.max(1, Number(row?.reset_s ?? windowSeconds)) };
    },

    /** Deletes windows that ended more than a day ago. */
    async prune(): Promise<void> {
      await database.rows(sql`DELETE FROM usage_windows WHERE window_start < now() - interval '1 day'`);
    },
  });
}

/**
 * Takes `amount` from an allowance inside the caller's transaction, or returns the seconds until it resets when
 * the allowance cannot cover it (then nothing was taken; the caller rolls back what else it took).
 */
async function takeAllowance(
  run: (query: SQL) => Promise<Record<string, unknown>[]>,
  allowance: Allowance,
  amount: number,
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const { bucket, limit, windowSeconds } = allowance;
  if (amount <= limit) {
    const taken = await run(sql`
      INSERT INTO usage_windows AS w (bucket, window_start, used) VALUES (${bucket}, ${windowStart(windowSeconds)}, ${amount})
      ON CONFLICT (bucket, window_start) DO UPDATE SET used = w.used + ${amount} WHERE w.used + ${amount} <= ${limit}
      RETURNING w.used`);
    if (taken.length > 0) return { ok: true };
  }
  const [left] = await run(sql`SELECT ${secondsLeft(windowSeconds)} AS reset_s`);
  return { ok: false, retryAfterSeconds: Math.max(1, Number(left?.reset_s ?? windowSeconds)) };
}

/** postgres.js returns rows as an array, PGlite as `{ rows }`. */
const rowsOf = (result: unknown) =>
  (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];

/** Takes every allowance inside `tx`, or throws LimitExceededError (the caller's transaction then rolls back). */
export async function takeAllowances(tx: Db, allowances: readonly Allowance[], amount: number) {
  for (const allowance of allowances) {
    const taken = await takeAllowance(async (q: SQL) => rowsOf(await tx.execute(q)), allowance, amount);
    if (!taken.ok)
      throw new LimitExceededError(
        "generation_quota_exceeded",
        `the generation quota (${allowance.limit} problems per ${allowance.windowSeconds / 3600} h${allowance.bucket.startsWith("key:") ? " for this key" : " for the service"}) does not cover ${amount} more`,
        taken.retryAfterSeconds,
      );
  }
}

export type UsageWindowsRepository = ReturnType<typeof usageWindowsRepository>;
