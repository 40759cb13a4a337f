import type { GenerationRequestRow, ProblemRow } from "../db/schema";
import type { ProblemBody } from "./schemas";

/** The public JSON shape of a stored problem; the generation metadata only when asked for (a quiz UI rarely needs it). */
export function presentProblem(row: ProblemRow, includeMetadata: boolean): ProblemBody {
  return {
    id: row.id,
    problem_type: row.problemType,
    title: row.title,
    instructions: row.instructions,
    correct_answer_index: row.correctAnswerIndex,
    target_language_code: row.targetLanguageCode,
    statements: row.statements,
    topic_tags: row.topicTags,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    last_served_at: row.lastServedAt?.toISOString() ?? null,
    ...(includeMetadata ? { metadata: row.metadata } : {}),
  };
}

/**
 * What callers may read about a failure: a fixed sentence per error code. The stored text (`code: detail`) can name
 * hosts, ports, topics and driver messages; it stays in the database and the logs.
 */
const PUBLIC_FAILURES: Record<string, string> = {
  llm_timeout: "the problem generator did not answer in time",
  llm_rate_limited: "the problem generator was rate limited",
  llm_unavailable: "the problem generator was unavailable",
  llm_auth: "the problem generator refused the service's credentials",
  llm_request_rejected: "the problem generator rejected the request",
  llm_invalid_output: "the problem generator returned unusable problems",
  // Requests recorded before the transactional outbox were failed this way when the broker was down.
  queue_unavailable: "the generation queue was unavailable, so nothing was generated",
  expired: "the request made no progress for too long and expired",
};
const GENERIC_FAILURE = "some problems could not be generated";

export function publicErrorMessage(stored: string | null): string | null {
  if (stored === null) return null;
  const code = /^([a-z_]+):/.exec(stored)?.[1] ?? "";
  return PUBLIC_FAILURES[code] ?? GENERIC_FAILURE;
}

export function presentRequest(row: GenerationRequestRow) {
  return {
    id: row.id,
    origin: row.origin,
    status: row.status,
    requested_count: row.requestedCount,
    generated_count: row.generatedCount,
    failed_count: row.failedCount,
    progress: Math.min(1, (row.generatedCount + row.failedCount) / row.requestedCount),
    error_message: publicErrorMessage(row.errorMessage),
    constraints: row.constraints,
    metadata: row.metadata,
    requested_at: row.requestedAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}
