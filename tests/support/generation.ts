import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client";
import type { ProblemGenerationMessage } from "../../src/queue/messages";
import type { Envelope } from "../../src/queue/transport";

/** A problem-generation message as the publisher would write it. */
export function generationMessage(
  requestId: string,
  index: number,
  overrides: Partial<ProblemGenerationMessage> = {},
): ProblemGenerationMessage {
  return {
    message_type: "problem_generation",
    message_id: crypto.randomUUID(),
    generation_request_id: requestId,
    index,
    statement_count: 4,
    enqueued_at: new Date().toISOString(),
    ...overrides,
  };
}

export function envelopeOf(message: unknown, offset = 0): Envelope {
  return {
    topic: "problem-generation-requests",
    partition: 0,
    offset: String(offset),
    key: null,
    value: Buffer.from(JSON.stringify(message)),
    headers: {},
    timestamp: String(Date.now()),
  };
}

export async function problemCount(database: Database, requestId?: string): Promise<number> {
  const where = requestId ? sql`WHERE generation_request_id = ${requestId}` : sql``;
  const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM problems ${where}`);
  return row?.n ?? 0;
}

/** Ends a request as failed with `reason`, as a worker would after its last item failed. */
export async function markFailed(database: Database, requestId: string, reason: string): Promise<void> {
  await database.rows(
    sql`UPDATE generation_requests SET status = 'failed', error_message = ${reason}, completed_at = now() WHERE id = ${requestId}`,
  );
}

/** The messages waiting in the outbox, oldest first, optionally for one request. */
export async function outboxMessages(
  database: Database,
  requestId?: string,
): Promise<{ topic: string; key: string; value: ProblemGenerationMessage; headers: Record<string, string> }[]> {
  const where = requestId ? sql`WHERE generation_request_id = ${requestId}` : sql``;
  const rows = await database.rows<{ topic: string; key: string; value: string; headers: Record<string, string> }>(
    sql`SELECT topic, key, value, headers FROM outbox ${where} ORDER BY id`,
  );
  return rows.map((r) => ({ ...r, value: JSON.parse(r.value) as ProblemGenerationMessage }));
}
