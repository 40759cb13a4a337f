import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { type GenerationOrigin, type GenerationStatus, OPEN_STATUSES } from "../../problems/generation-requests";
import type { GenerationTrace, NewProblem } from "../../problems/types";
import type { Database, Db } from "../client";
import { convertingOutages } from "../errors";
import { type GenerationRequestRow, generationItems, generationRequests, outbox, problems } from "../schema";
import { countItems, storeGenerated } from "./item-counts";
import { enqueueMessages, type OutboxEntry } from "./outbox";
import { generatedRow } from "./problems";
import { recordRecovered } from "./recovered-items";
import { type Allowance, takeAllowances } from "./usage-windows";

export interface NewGenerationRequest {
  origin?: GenerationOrigin;
  requestedCount: number;
  constraints?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /** The caller's key; undefined while auth is off. */
  apiKeyId?: string;
  idempotencyKey?: string;
  idempotencyFingerprint?: string;
}

/** An Idempotency-Key given back: the next request with it is a new request. */
const RELEASED_KEY = {
  idempotencyKey: null,
  idempotencyFingerprint: null,
  idempotentStatus: null,
  idempotentBody: null,
} as const;

export interface ItemOutcome {
  /** False when this message had already been counted (a redelivery): nothing changed. */
  counted: boolean;
  problemId?: string;
}

/** Inserts the message's ledger row; false when the message already had an outcome. */
async function claimOutcome(
  tx: Db,
  item: {
    messageId: string;
    requestId: string;
    outcome: "generated" | "failed";
    errorCode?: string;
    errorMessage?: string;
  },
): Promise<boolean> {
  const [claimed] = await tx
    .insert(generationItems)
    .values({
      messageId: item.messageId,
      generationRequestId: item.requestId,
      outcome: item.outcome,
      errorCode: item.errorCode,
      errorMessage: item.errorMessage,
    })
    .onConflictDoNothing()
    .returning({ id: generationItems.messageId });
  return claimed !== undefined;
}

/** One generation message: its id and the request it belongs to. */
export interface ItemRef {
  requestId: string;
  messageId: string;
}

export type ItemState = "handled" | "failed" | "unknown" | "ready";

export interface GeneratedItem extends ItemRef {
  problem: NewProblem;
  trace: GenerationTrace;
}

export function generationRequestsRepository(database: Database) {
  const { db } = database;

  return convertingOutages({
    /**
     * Records a request and its messages (into the outbox) after taking its problems from every allowance, in one
     * transaction: an over-quota request, or one the outbox backlog refuses, writes nothing. Throws
     * LimitExceededError when an allowance cannot cover it, UnavailableError when the backlog is full. Without
     * `messages` only the request is written (its messages are delivered some other way, as tests of the worker do).
     */
    async create(
      request: NewGenerationRequest,
      allowances: readonly Allowance[] = [],
      messages?: OutboxEntry,
    ): Promise<GenerationRequestRow> {
      return db.transaction(async (tx) => {
        await takeAllowances(tx, allowances, request.requestedCount);
        const [row] = await tx
          .insert(generationRequests)
          .values({
            origin: request.origin ?? "api",
            requestedCount: request.requestedCount,
            constraints: request.constraints,
            metadata: request.metadata,
            apiKeyId: request.apiKeyId,
            idempotencyKey: request.idempotencyKey,
            idempotencyFingerprint: request.idempotencyFingerprint,
          })
          .returning();
        if (!row) throw new Error("insert returned no row");
        if (messages) await enqueueMessages(tx, row.id, messages);
        return row;
      });
    },

    /**
     * The request a caller made earlier with this Idempotency-Key, if any. A key older than `maxAgeMs` is released
     * first (its stored answer forgotten), so it may be used for a new request.
     */
    async findByIdempotencyKey(
      apiKeyId: string | undefined,
      key: string,
      maxAgeMs: number,
    ): Promise<GenerationRequestRow | undefined> {
      const sameKey = and(
        eq(generationRequests.idempotencyKey, key),
        apiKeyId ? eq(generationRequests.apiKeyId, apiKeyId) : isNull(generationRequests.apiKeyId),
      );
      await db
        .update(generationRequests)
        .set(RELEASED_KEY)
        .where(
          and(sameKey, sql`${generationRequests.requestedAt} < now() - make_interval(secs => ${maxAgeMs / 1000})`),
        );
      const [row] = await db.select().from(generationRequests).where(sameKey).limit(1);
      return row;
    },

    /** Keeps the first answer to a keyed request, to be replayed byte for byte for the same key. */
    async storeIdempotentAnswer(id: string, status: number, body: string): Promise<void> {
      await db
        .update(generationRequests)
        .set({ idempotentStatus: status, idempotentBody: body })
        .where(eq(generationRequests.id, id));
    },

    /**
     * Creates a pool refill request with its messages unless one is already open anywhere (the partial unique index
     * decides), the refill ceiling is used up (LimitExceededError) or the outbox backlog is full (UnavailableError).
     */
    async createRefillIfNoneOpen(
      requestedCount: number,
      ceiling?: Allowance,
      messages?: OutboxEntry,
    ): Promise<GenerationRequestRow | undefined> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(generationRequests)
          .values({ origin: "pool_refill", requestedCount, metadata: { reason: "pool below minimum" } })
          .onConflictDoNothing({
            target: generationRequests.origin,
            where: sql`origin = 'pool_refill' AND status IN ('pending', 'processing')`,
          })
          .returning();
        if (!row) return undefined;
        if (ceiling) await takeAllowances(tx, [ceiling], requestedCount);
        if (messages) await enqueueMessages(tx, row.id, messages);
        return row;
      });
    },

    async get(id: string): Promise<GenerationRequestRow | undefined> {
      const [row] = await db.select().from(generationRequests).where(eq(generationRequests.id, id)).limit(1);
      return row;
    },

    /** Newest first; `apiKeyId` narrows to one caller's requests. */
    async list(filter: {
      status?: GenerationStatus;
      limit: number;
      apiKeyId?: string;
    }): Promise<GenerationRequestRow[]> {
      return db
        .select()
        .from(generationRequests)
        .where(
          and(
            filter.status ? eq(generationRequests.status, filter.status) : undefined,
            filter.apiKeyId ? eq(generationRequests.apiKeyId, filter.apiKeyId) : undefined,
          ),
        )
        .orderBy(desc(generationRequests.requestedAt))
        .limit(filter.limit);
    },

    async countByStatus(): Promise<Partial<Record<GenerationStatus, number>>> {
      const rows = await db
        .select({ status: generationRequests.status, n: sql<number>`count(*)::int` })
        .from(generationRequests)
        .groupBy(generationRequests.status);
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    },

    async countOpen(): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(generationRequests)
        .where(inArray(generationRequests.status, [...OPEN_STATUSES]));
      return row?.n ?? 0;
    },

    /**
     * Before generating items, in one round trip for the usual case, one state per item: `handled` when the message
     * already produced its problem (a redelivery to skip), `failed` when it was counted failed (skipped too, unless
     * it is a replay), `unknown` when its request does not exist, else `ready`.
     * Pending requests become processing (only from pending: the UPDATE runs for a request's first items, not for
     * every item). The ids travel as one comma-joined text each, so the statement text is the same for any count.
     */
    async beginItems(items: readonly ItemRef[]): Promise<ItemState[]> {
      const rows = await database.preparedRows<{ outcome: string | null; status: GenerationStatus | null }>(sql`
        SELECT (SELECT ${generationItems.outcome} FROM ${generationItems} WHERE ${generationItems.messageId} = m.message_id) AS outcome,
               r.status
        FROM unnest(string_to_array(${items.map((i) => i.messageId).join(",")}, ',')::uuid[],
                    string_to_array(${items.map((i) => i.requestId).join(",")}, ',')::uuid[])
             WITH ORDINALITY AS m(message_id, request_id, position)
        LEFT JOIN ${generationRequests} r ON r.id = m.request_id
        ORDER BY m.position`);
      const states = rows.map((row): ItemState => {
        if (row.outcome === "generated") return "handled";
        if (row.outcome === "failed") return "failed";
        return row.status ? "ready" : "unknown";
      });
      const starting = [...new Set(items.filter((_, at) => rows[at]?.status === "pending").map((i) => i.requestId))];
      if (starting.length > 0) {
        await db
          .update(generationRequests)
          .set({ status: "processing", startedAt: sql`now()`, updatedAt: sql`now()` })
          .where(and(inArray(generationRequests.id, starting.sort()), eq(generationRequests.status, "pending")));
      }
      return states;
    },

    /**
     * Stores a generated problem and counts it, in one transaction. The ledger row goes first: if the message
     * already has an outcome (a redelivery, or a copy handled at the same time), nothing changes.
     */
    async recordGenerated(item: GeneratedItem): Promise<ItemOutcome> {
      return db.transaction(async (tx) => {
        if (!(await claimOutcome(tx, { messageId: item.messageId, requestId: item.requestId, outcome: "generated" })))
          return { counted: false };
        return storeGenerated(tx, item, 0);
      });
    },

    /**
     * `recordGenerated` for many items in one transaction, with multi-row statements: one ledger INSERT, one problem
     * INSERT for the items the ledger accepted, one counter UPDATE per request. Ledger rows and requests are
     * written in a fixed order so concurrent batches of several processes cannot deadlock.
     */
    async recordGeneratedMany(items: readonly GeneratedItem[]): Promise<ItemOutcome[]> {
      const sorted = [...items].sort((a, b) => (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0));
      return db.transaction(async (tx) => {
        const claimed = await tx
          .insert(generationItems)
          .values(
            sorted.map((i) => ({
              messageId: i.messageId,
              generationRequestId: i.requestId,
              outcome: "generated" as const,
            })),
          )
          .onConflictDoNothing()
          .returning({ messageId: generationItems.messageId });
        const won = new Set(claimed.map((c) => c.messageId));
        // A message twice in one batch (a redelivered copy finishing with the original) counts once.
        const fresh = sorted.filter((i, at) => won.has(i.messageId) && sorted[at - 1]?.messageId !== i.messageId);
        const inserted = fresh.length
          ? await tx
              .insert(problems)
              .values(fresh.map(generatedRow))
              .returning({ id: problems.id, messageId: problems.sourceMessageId })
          : [];
        const perRequest = new Map<string, number>();
        for (const i of fresh) perRequest.set(i.requestId, (perRequest.get(i.requestId) ?? 0) + 1);
        for (const requestId of [...perRequest.keys()].sort())
          await countItems(tx, requestId, perRequest.get(requestId) as number, 0);
        const ids = new Map(inserted.map((r) => [r.messageId, r.id]));
        return items.map((i) =>
          ids.has(i.messageId) && fresh.includes(i)
            ? { counted: true, problemId: ids.get(i.messageId) }
            : { counted: false },
        );
      });
    },

    /** See recovered-items.ts. */
    recordRecovered: (item: GeneratedItem) => recordRecovered(db, item),

    /** Counts a failed item exactly once per message id, and keeps its reason on the request. */
    async recordFailed(item: {
      requestId: string;
      messageId: string;
      errorCode: string;
      errorMessage: string;
    }): Promise<ItemOutcome> {
      const reason = `${item.errorCode}: ${item.errorMessage}`.slice(0, 2000);
      return db.transaction(async (tx) => {
        if (
          !(await claimOutcome(tx, {
            messageId: item.messageId,
            requestId: item.requestId,
            outcome: "failed",
            errorCode: item.errorCode,
            errorMessage: reason,
          }))
        ) {
          return { counted: false };
        }
        await countItems(tx, item.requestId, 0, 1, reason);
        return { counted: true };
      });
    },

    /**
     * Open requests without progress for `ttlMs` become expired. One statement: safe with many instances. A request
     * whose messages still wait in the outbox (the broker is down) is not stale: it has not reached the queue yet,
     * and the relay restarts its clock when it publishes them.
     */
    async expireStale(ttlMs: number): Promise<string[]> {
      const rows = await db
        .update(generationRequests)
        .set({ status: "expired", completedAt: sql`now()`, errorMessage: `expired: no progress for ${ttlMs} ms` })
        .where(
          and(
            inArray(generationRequests.status, [...OPEN_STATUSES]),
            sql`${generationRequests.updatedAt} < now() - make_interval(secs => ${ttlMs / 1000})`,
            sql`NOT EXISTS (SELECT 1 FROM ${outbox} WHERE ${outbox.generationRequestId} = ${generationRequests.id})`,
          ),
        )
        .returning({ id: generationRequests.id });
      return rows.map((r) => r.id);
    },
  });
}

export type GenerationRequestsRepository = ReturnType<typeof generationRequestsRepository>;
