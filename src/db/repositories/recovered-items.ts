import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { generationItems } from "../schema";
import type { GeneratedItem, ItemOutcome } from "./generation-requests";
import { storeGenerated } from "./item-counts";

/**
 * A replayed item that had been counted failed and now generated its problem: its ledger row turns generated, the
 * problem is stored, and the request counts one more generated and one fewer failed (a partial request whose
 * failures all recover becomes completed). Only the copy that turns the row counts; any other is not counted.
 */
export function recordRecovered(db: Db, item: GeneratedItem): Promise<ItemOutcome> {
  return db.transaction(async (tx) => {
    const [turned] = await tx
      .update(generationItems)
      .set({ outcome: "generated", errorCode: null, errorMessage: null, recordedAt: sql`now()` })
      .where(and(eq(generationItems.messageId, item.messageId), eq(generationItems.outcome, "failed")))
      .returning({ id: generationItems.messageId });
    if (!turned) return { counted: false };
    return storeGenerated(tx, item, -1);
  });
}
