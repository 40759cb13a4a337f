import { and, asc, inArray, sql } from "drizzle-orm";
import { UnavailableError } from "../../errors";
import { OPEN_STATUSES } from "../../problems/generation-requests";
import type { Database, Db } from "../client";
import { generationRequests, type OutboxRow, outbox } from "../schema";

/** One message to publish later, as the queue will send it. */
export interface OutboxMessage {
  key: string;
  value: string;
  headers?: Record<string, string>;
}

/** What a request writes into the outbox, in the transaction that records it. */
export interface OutboxEntry {
  topic: string;
  /** Refuses the request (writing nothing) when that many messages are already waiting. */
  maxPending: number;
  messages(requestId: string): OutboxMessage[];
}

/**
 * Writes a request's messages inside the caller's transaction, in one statement that also checks the backlog
 * bound (it is on the path of every POST: one round trip, not two). A refused request throws, so the caller's
 * transaction rolls back whole. Two requests checking at once may both pass: the bound can be overshot by the
 * messages of the requests being submitted at that moment, never more.
 */
export async function enqueueMessages(tx: Db, requestId: string, entry: OutboxEntry): Promise<void> {
  const messages = entry.messages(requestId).map((m) => ({ ...m, headers: m.headers ?? {} }));
  const cap = entry.maxPending;
  // The count stops at the bound: it is only compared with it, and a long backlog is not scanned on every POST.
  const result = await tx.execute(sql`
    WITH waiting AS (SELECT count(*)::int AS n FROM (SELECT 1 FROM ${outbox} LIMIT ${cap}) AS w),
    written AS (
      INSERT INTO ${outbox} (generation_request_id, topic, key, value, headers)
      SELECT ${requestId}::uuid, ${entry.topic}, m.key, m.value, m.headers
      FROM jsonb_to_recordset(${JSON.stringify(messages)}::jsonb) AS m(key text, value text, headers jsonb), waiting
      WHERE waiting.n + ${messages.length} <= ${cap}
      RETURNING 1)
    SELECT (SELECT n FROM waiting) AS pending, (SELECT count(*)::int FROM written) AS written`);
  // postgres.js returns the rows, PGlite `{ rows }`.
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as {
    pending: number;
    written: number;
  }[];
  const { pending = 0, written = 0 } = rows[0] ?? {};
  if (written < messages.length)
    throw new UnavailableError(
      "queue_backlog_full",
      `the generation queue is unreachable and ${pending} messages are already waiting to be sent; try again later`,
    );
}

export function outboxRepository(database: Database) {
  const { db } = database;
  return {
    /**
     * Claims up to `limit` of the oldest pending messages (rows another relay holds are skipped, not waited for),
     * hands them to `send`, and deletes them in the same transaction once `send` resolves. If `send` rejects, or
     * the process dies before the commit, the rows stay and are sent again later: a message may be published more
     * than once, never lost. The requests whose messages went out get `updated_at = now()`, so their expiry TTL
     * counts from when they reached the queue. Returns how many messages were sent.
     */
    async relayBatch(limit: number, send: (rows: readonly OutboxRow[]) => Promise<void>): Promise<number> {
      return db.transaction(async (tx) => {
        const rows = await tx
          .select()
          .from(outbox)
          .orderBy(asc(outbox.id))
          .limit(limit)
          .for("update", { skipLocked: true });
        if (!rows.length) return 0;
        await send(rows);
        await tx.delete(outbox).where(
          inArray(
            outbox.id,
            rows.map((r) => r.id),
          ),
        );
        // Sorted, like the worker's counter updates, so relays and workers touching the same requests cannot deadlock.
        const requestIds = [...new Set(rows.map((r) => r.generationRequestId))].sort();
        await tx
          .update(generationRequests)
          .set({ updatedAt: sql`now()` })
          .where(
            and(inArray(generationRequests.id, requestIds), inArray(generationRequests.status, [...OPEN_STATUSES])),
          );
        return rows.length;
      });
    },

    /** Messages waiting to be published (the `outbox.pending` gauge). */
    async pending(): Promise<number> {
      const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${outbox}`);
      return row?.n ?? 0;
    },
  };
}

export type OutboxRepository = ReturnType<typeof outboxRepository>;
