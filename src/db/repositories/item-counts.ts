import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { generationRequests, problems } from "../schema";
import type { GeneratedItem, ItemOutcome } from "./generation-requests";
import { generatedRow } from "./problems";

/**
 * Counts finished items (`g` generated, `f` failed, at least one in all) and, when the last one lands, sets the
 * terminal status. One UPDATE, so concurrent workers never lose an increment. Right-hand sides see the values before
 * the update. An expired request still finishes if its late items arrive: the counts are the truth.
 */
export function countItems(tx: Db, requestId: string, g: number, f: number, failure?: string) {
  // A failed item that a replay generated after all (f < 0) decides a partial or failed request again.
  const decidable = sql.raw(
    f < 0 ? "'pending', 'processing', 'expired', 'partial', 'failed'" : "'pending', 'processing', 'expired'",
  );
  const doneAfter = sql`${generationRequests.generatedCount} + ${generationRequests.failedCount} + ${g + f} >= ${generationRequests.requestedCount}`;
  return tx
    .update(generationRequests)
    .set({
      generatedCount: sql`${generationRequests.generatedCount} + ${g}`,
      failedCount: sql`${generationRequests.failedCount} + ${f}`,
      updatedAt: sql`now()`,
      startedAt: sql`coalesce(${generationRequests.startedAt}, now())`,
      status: sql`CASE
        WHEN ${generationRequests.status} IN (${decidable}) AND ${doneAfter} THEN
          CASE WHEN ${generationRequests.generatedCount} + ${g} = 0 THEN 'failed'
               WHEN ${generationRequests.failedCount} + ${f} = 0 THEN 'completed'
               ELSE 'partial' END
        WHEN ${generationRequests.status} = 'pending' THEN 'processing'
        ELSE ${generationRequests.status} END`,
      completedAt: sql`CASE WHEN ${doneAfter} THEN coalesce(${generationRequests.completedAt}, now()) ELSE ${generationRequests.completedAt} END`,
      // The latest item failure explains a partial or failed request. An expired request whose late items all
      // succeeded, or one whose failed items were all replayed successfully, loses its reason: it completed after all.
      errorMessage: failure
        ? failure
        : sql`CASE WHEN ${generationRequests.status} IN ('expired', 'partial', 'failed') AND ${doneAfter}
                    AND ${generationRequests.failedCount} + ${f} = 0 THEN NULL
               ELSE ${generationRequests.errorMessage} END`,
    })
    .where(eq(generationRequests.id, requestId));
}

/**
 * Stores a generated item's problem and counts it generated, inside the caller's transaction (whose ledger row
 * already decided this copy counts). `failedDelta` is -1 for an item that had been counted failed before.
 */
export async function storeGenerated(tx: Db, item: GeneratedItem, failedDelta: 0 | -1): Promise<ItemOutcome> {
  const [inserted] = await tx.insert(problems).values(generatedRow(item)).returning({ id: problems.id });
  await countItems(tx, item.requestId, 1, failedDelta);
  return { counted: true, problemId: inserted?.id };
}
