import type { GeneratedItem, GenerationRequestsRepository, ItemOutcome } from "../db/repositories/generation-requests";
import { UnavailableError } from "../errors";

/** The most items one transaction writes. */
const MAX_BATCH = 200;

interface Waiting {
  item: GeneratedItem;
  resolve(outcome: ItemOutcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit for generated problems: one transaction is written at a time, and the problems that finish while it
 * runs go together into the next one (multi-row ledger and problem INSERTs, one counter UPDATE per request). A
 * lone slow generation still writes at once, alone; many cheap ones share round trips. Each caller learns its own
 * outcome, exactly as with one transaction per problem.
 */
export function createProblemWriter(requests: GenerationRequestsRepository) {
  const waiting: Waiting[] = [];
  let writing = false;

  async function writeAll() {
    while (waiting.length) {
      const batch = waiting.splice(0, MAX_BATCH);
      try {
        const outcomes = await requests.recordGeneratedMany(batch.map((w) => w.item));
        for (const [at, w] of batch.entries()) w.resolve(outcomes[at] as ItemOutcome);
      } catch (error) {
        if (error instanceof UnavailableError || batch.length === 1) for (const w of batch) w.reject(error);
        // Anything else may be one bad row: write each alone so only that one fails.
        else await Promise.all(batch.map((w) => requests.recordGenerated(w.item).then(w.resolve, w.reject)));
      }
    }
    writing = false;
  }

  return {
    record(item: GeneratedItem): Promise<ItemOutcome> {
      const outcome = Promise.withResolvers<ItemOutcome>();
      waiting.push({ item, resolve: outcome.resolve, reject: outcome.reject });
      if (!writing) {
        writing = true;
        void writeAll();
      }
      return outcome.promise;
    },
  };
}
