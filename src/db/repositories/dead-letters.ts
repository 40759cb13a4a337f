import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { convertingOutages } from "../errors";
import { type DeadLetterRow, deadLetters } from "../schema";

export type NewDeadLetter = Omit<typeof deadLetters.$inferInsert, "id" | "deadLetteredAt" | "replayedAt">;

export interface DeadLetterCounts {
  /** Dead-lettered and not replayed since. */
  pending: number;
  replayed: number;
  /** Pending ones by error code, most frequent first. */
  byReason: { reason: string; count: number }[];
}

export interface DeadLetterFilter {
  /** Only this generation request's messages. */
  requestId?: string;
}

/** The database copy of the dead-letter topic (see `deadLetters` in schema.ts for why it exists). */
export function deadLettersRepository(database: Database) {
  const { db } = database;
  const pendingOf = (filter: DeadLetterFilter) =>
    and(
      isNull(deadLetters.replayedAt),
      filter.requestId ? eq(deadLetters.generationRequestId, filter.requestId) : undefined,
    );

  return convertingOutages({
    /** Idempotent per original position: false when that message had been recorded already. */
    async record(letter: NewDeadLetter): Promise<boolean> {
      const rows = await db.insert(deadLetters).values(letter).onConflictDoNothing().returning({ id: deadLetters.id });
      return rows.length > 0;
    },

    async counts(filter: DeadLetterFilter = {}): Promise<DeadLetterCounts> {
      const scope = filter.requestId ? eq(deadLetters.generationRequestId, filter.requestId) : undefined;
      const [totals] = await db
        .select({
          pending: sql<number>`count(*) FILTER (WHERE ${deadLetters.replayedAt} IS NULL)::int`,
          replayed: sql<number>`count(*) FILTER (WHERE ${deadLetters.replayedAt} IS NOT NULL)::int`,
        })
        .from(deadLetters)
        .where(scope);
      const byReason = await db
        .select({ reason: deadLetters.errorCode, count: sql<number>`count(*)::int` })
        .from(deadLetters)
        .where(pendingOf(filter))
        .groupBy(deadLetters.errorCode)
        .orderBy(desc(sql`count(*)`), deadLetters.errorCode);
      return { pending: totals?.pending ?? 0, replayed: totals?.replayed ?? 0, byReason };
    },

    /** Pending ones, newest first. */
    async listPending(filter: DeadLetterFilter & { limit: number }): Promise<DeadLetterRow[]> {
      return db
        .select()
        .from(deadLetters)
        .where(pendingOf(filter))
        .orderBy(desc(deadLetters.deadLetteredAt), desc(deadLetters.id))
        .limit(filter.limit);
    },

    /** Every pending one in the order it was dead-lettered: what a replay sends. */
    async pending(filter: DeadLetterFilter = {}): Promise<DeadLetterRow[]> {
      return db.select().from(deadLetters).where(pendingOf(filter)).orderBy(deadLetters.deadLetteredAt, deadLetters.id);
    },

    async markReplayed(ids: readonly string[]): Promise<void> {
      if (!ids.length) return;
      await db
        .update(deadLetters)
        .set({ replayedAt: sql`now()` })
        .where(inArray(deadLetters.id, [...ids]));
    },
  });
}

export type DeadLettersRepository = ReturnType<typeof deadLettersRepository>;
