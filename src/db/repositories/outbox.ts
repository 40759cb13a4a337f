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

/** Messages waiting in the outbox, counted up to `cap` (the count stops there: it is only compared with it). */
async function pendingUpTo(tx: Db, cap: number): Promise<number> {
  const waiting = tx
    .select({ one: sql<number>`1`.as("one") })
    .from(outbox)
    .limit(cap)
    .as("waiting");
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(waiting);
  return row?.n ?? 0;
}

/**
 * Writes a request's messages inside the caller's transaction. The backlog bound is checked in the same
 * transaction, so a refused request rolls back whole. Two requests checking at once may both pass: the bound can be
 * overshot by the messages of the requests being submitted at that moment, never more.
 */
export async function enqueueMessages(tx: Db, requestId: string, entry: OutboxEntry): Promise<void> {
  const messages = entry.messages(requestId);
  const pending = await pendingUpTo(tx, entry.maxPending);
  if (pending + messages.length > entry.maxPending)
    throw new UnavailableError(
      "queue_backlog_full",
      `the generation queue is unreachable and ${pending} messages are already waiting to be sent; try again later`,
    );
  if (!messages.length) return;
  await tx.insert(outbox).values(
    messages.map((m) => ({
      generationRequestId: requestId,
      topic: entry.topic,
      key: m.key,
      value: m.value,
      headers: m.headers ?? {},
    })),
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
