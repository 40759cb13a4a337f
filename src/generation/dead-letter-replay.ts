import type { DeadLetterFilter, DeadLettersRepository } from "../db/repositories/dead-letters";
import type { DeadLetterRow } from "../db/schema";
import { HEADERS } from "../queue/headers";
import type { Publisher } from "../queue/transport";

/** Published and marked this many at a time: a crash half-way replays at most one chunk twice. */
const CHUNK = 100;

export interface ReplayOutcome {
  /** Sent back to the main topic (or, in a dry run, that would be). */
  replayed: number;
  byReason: Record<string, number>;
}

/**
 * Sends pending dead letters back to the main topic, key and value as they were, with their own headers, a fresh
 * `attempt` 1 and `replayed_at` (which lets a message counted failed be generated after all). Each chunk is marked
 * replayed once the broker acknowledged it; a crash between the two replays that chunk again, and the ledger makes
 * the second copy a no-op.
 */
export async function replayDeadLetters(options: {
  deadLetters: DeadLettersRepository;
  /** Not needed for a dry run. */
  publisher: Publisher | undefined;
  topic: string;
  filter: DeadLetterFilter;
  dryRun: boolean;
}): Promise<ReplayOutcome> {
  const rows = await options.deadLetters.pending(options.filter);
  const byReason: Record<string, number> = {};
  for (const row of rows) byReason[row.errorCode] = (byReason[row.errorCode] ?? 0) + 1;
  if (options.dryRun) return { replayed: rows.length, byReason };
  const publisher = options.publisher;
  if (!publisher) throw new Error("a replay needs a publisher");
  const replayedAt = new Date().toISOString();
  for (let at = 0; at < rows.length; at += CHUNK) {
    const chunk = rows.slice(at, at + CHUNK);
    await publisher.publish(
      options.topic,
      chunk.map((row: DeadLetterRow) => ({
        key: row.messageKey,
        value: Buffer.from(row.valueBase64, "base64"),
        headers: { ...row.headers, [HEADERS.attempt]: "1", [HEADERS.replayedAt]: replayedAt },
      })),
    );
    await options.deadLetters.markReplayed(chunk.map((row) => row.id));
  }
  return { replayed: rows.length, byReason };
}
