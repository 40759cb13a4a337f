import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import type { GenerationTrace, ProblemMetadata, Statement } from "../problems/types";
import { PROBLEM_TYPES } from "../problems/types";

export const problemType = pgEnum("problem_type", PROBLEM_TYPES);

export const problems = pgTable(
  "problems",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    problemType: problemType("problem_type").notNull(),
    title: text("title").notNull(),
    instructions: text("instructions").notNull(),
    correctAnswerIndex: integer("correct_answer_index").notNull(),
    targetLanguageCode: varchar("target_language_code", { length: 3 }).notNull().default("eng"),
    statements: jsonb("statements").$type<Statement[]>().notNull(),
    topicTags: text("topic_tags").array().notNull().default(sql`'{}'::text[]`),
    metadata: jsonb("metadata").$type<ProblemMetadata>().notNull().default(sql`'{}'::jsonb`),
    generationTrace: jsonb("generation_trace").$type<GenerationTrace>(),
    /** NULL means never served; the LRU pick serves those first. */
    lastServedAt: timestamp("last_served_at", { withTimezone: true }),
  },
  (t) => [
    check(
      "problems_statements_non_empty_array",
      sql`jsonb_typeof(${t.statements}) = 'array' AND jsonb_array_length(${t.statements}) > 0`,
    ),
    check(
      "problems_correct_answer_index_in_range",
      sql`${t.correctAnswerIndex} >= 0 AND ${t.correctAnswerIndex} < jsonb_array_length(${t.statements})`,
    ),
    check("problems_target_language_code_format", sql`${t.targetLanguageCode} ~ '^[a-z]{3}$'`),
    index("idx_problems_lru").on(t.lastServedAt.asc().nullsFirst(), t.createdAt.asc()),
    // focus, tense and verb filters are expressed as derived tags ("focus:pronouns"), so one GIN index serves them all.
    index("idx_problems_topic_tags").using("gin", t.topicTags),
  ],
);

export type ProblemRow = typeof problems.$inferSelect;
export type NewProblemRow = typeof problems.$inferInsert;
