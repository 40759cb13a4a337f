import type { ProblemRow } from "../db/schema";
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
