import type { GeneratedItem, GenerationRequestsRepository, ItemOutcome } from "../db/repositories/generation-requests";
import { groupCalls } from "./group-calls";

/** The most items one transaction writes. */
const MAX_BATCH = 200;

/**
 * Group commit for generated problems: the problems that finish while a transaction is being written go together
 * into the next one (multi-row ledger and problem INSERTs, one counter UPDATE per request). Each caller learns its
 * own outcome, exactly as with one transaction per problem.
 */
export function createProblemWriter(requests: GenerationRequestsRepository) {
  const record = groupCalls<GeneratedItem, ItemOutcome>({
    many: (items) => requests.recordGeneratedMany(items),
    one: (item) => requests.recordGenerated(item),
    maxBatch: MAX_BATCH,
  });
  return { record };
}
