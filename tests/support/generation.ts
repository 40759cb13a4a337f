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
