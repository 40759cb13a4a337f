import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { API_KEY_SCOPES, type ApiKeyScope } from "../access/scopes";
import {
  GENERATION_ORIGINS,
  GENERATION_STATUSES,
  type GenerationOrigin,
  type GenerationStatus,
  ITEM_OUTCOMES,
} from "../problems/generation-requests";
import type { GenerationTrace, ProblemMetadata, Statement } from "../problems/types";
import { GRAMMATICAL_FOCUSES, LEVELS, levelTag, PROBLEM_TYPES, TENSES } from "../problems/types";

export const problemType = pgEnum("problem_type", PROBLEM_TYPES);

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/**
 * API keys. The secret itself is never stored: `key_hash` is the SHA-256 of the whole key, `prefix` (the first
 * characters, not secret) is what humans see in listings and what a request is looked up by.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull().unique("uq_api_keys_prefix"),
    keyHash: text("key_hash").notNull(),
    scopes: text("scopes").array().$type<ApiKeyScope[]>().notNull(),
    /** NULL: any address. */
    allowedCidrs: text("allowed_cidrs").array(),
    active: boolean("active").notNull().default(true),
    usageCount: bigint("usage_count", { mode: "number" }).notNull().default(0),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    check("api_keys_scopes_valid", sql`${t.scopes} <@ ARRAY[${inList(API_KEY_SCOPES)}]::text[]`),
    check("api_keys_revoked_inactive", sql`${t.revokedAt} IS NULL OR NOT ${t.active}`),
  ],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/**
 * Fixed-window counters shared by every instance: requests per minute per key, problems per hour per key and
 * globally. One row per (bucket, window); old windows are deleted by the usage flush.
 */
export const usageWindows = pgTable(
  "usage_windows",
  {
    bucket: text("bucket").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    used: integer("used").notNull().default(0),
  },
  (t) => [primaryKey({ name: "usage_windows_pkey", columns: [t.bucket, t.windowStart] })],
);

export const generationRequests = pgTable(
  "generation_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entityType: text("entity_type").notNull().default("problem"),
    origin: text("origin").$type<GenerationOrigin>().notNull().default("api"),
    status: text("status").$type<GenerationStatus>().notNull().default("pending"),
    requestedCount: integer("requested_count").notNull(),
    generatedCount: integer("generated_count").notNull().default(0),
    failedCount: integer("failed_count").notNull().default(0),
    constraints: jsonb("constraints").$type<Record<string, unknown>>(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>(),
    errorMessage: text("error_message"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    /** Last progress of any kind; the expiry sweep compares against it. */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** The key that asked (NULL: the service itself, or a caller while auth is off). Only it, or an admin, reads it. */
    apiKeyId: uuid("api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    /** The caller's Idempotency-Key header and a fingerprint of the body it came with. */
    idempotencyKey: text("idempotency_key"),
    idempotencyFingerprint: text("idempotency_fingerprint"),
    /** The first answer to a keyed request (status and exact body), replayed for a repeated key; NULL until sent. */
    idempotentStatus: integer("idempotent_status"),
    idempotentBody: text("idempotent_body"),
  },
  (t) => [
    check("generation_requests_status_valid", sql`${t.status} IN (${inList(GENERATION_STATUSES)})`),
    check("generation_requests_origin_valid", sql`${t.origin} IN (${inList(GENERATION_ORIGINS)})`),
    check("generation_requests_requested_count_positive", sql`${t.requestedCount} > 0`),
    check(
      "generation_requests_counts_in_range",
      sql`${t.generatedCount} >= 0 AND ${t.failedCount} >= 0 AND ${t.generatedCount} + ${t.failedCount} <= ${t.requestedCount}`,
    ),
    index("idx_generation_requests_status").on(t.status),
    index("idx_generation_requests_requested_at").on(t.requestedAt.desc()),
    // The database, not memory, guarantees at most one open refill across every instance.
    uniqueIndex("uq_generation_requests_open_refill")
      .on(t.origin)
      .where(sql`${t.origin} = 'pool_refill' AND ${t.status} IN ('pending', 'processing')`),
    index("idx_generation_requests_api_key_id").on(t.apiKeyId, t.requestedAt.desc()),
    // A repeated Idempotency-Key of one caller (or of the anonymous caller while auth is off) finds the first request.
    uniqueIndex("uq_generation_requests_idempotency")
      .on(sql`coalesce(${t.apiKeyId}::text, '')`, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
  ],
);

/**
 * The ledger of finished messages: one row per message id, whatever its outcome. Recording an outcome starts by
 * inserting here, so a message is counted once, as generated or as failed, never both, even when it is handled
 * twice at once.
 */
export const generationItems = pgTable(
  "generation_items",
  {
    messageId: uuid("message_id").primaryKey(),
    generationRequestId: uuid("generation_request_id").notNull(),
    outcome: text("outcome").$type<(typeof ITEM_OUTCOMES)[number]>().notNull(),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("generation_items_outcome_valid", sql`${t.outcome} IN (${inList(ITEM_OUTCOMES)})`),
    index("idx_generation_items_generation_request_id").on(t.generationRequestId),
    // Named: the generated name is 64 characters, Postgres keeps 63, and drizzle-kit then sees a different
    // constraint and wants to drop and re-create it.
    foreignKey({
      name: "fk_generation_items_generation_request_id",
      columns: [t.generationRequestId],
      foreignColumns: [generationRequests.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Filter tags with their own partial LRU index. The pick inlines these as literals (never as parameters) so the
 * planner can match the index's predicate; they come from closed lists, so the set of statements stays small.
 */
export const INDEXED_FILTER_TAGS: readonly string[] = [
  ...GRAMMATICAL_FOCUSES.map((f) => `focus:${f}`),
  ...TENSES.map((t) => `tense:${t}`),
  ...LEVELS.map(levelTag),
];

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
    generationRequestId: uuid("generation_request_id").references((): AnyPgColumn => generationRequests.id, {
      onDelete: "set null",
    }),
    /** The Kafka message that produced this problem: the idempotency key for redelivered messages. */
    sourceMessageId: uuid("source_message_id").unique("uq_problems_source_message_id"),
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
    // One LRU index per focus and per tense: a filtered pick walks only matching rows, however the rest is served.
    ...INDEXED_FILTER_TAGS.map((tag) =>
      index(`idx_problems_lru_${tag.replace(":", "_")}`)
        .on(t.lastServedAt.asc().nullsFirst(), t.createdAt.asc())
        .where(sql`${t.topicTags} @> ARRAY[${sql.raw(`'${tag}'`)}]::text[]`),
    ),
    // focus, tense and verb filters are expressed as derived tags ("focus:pronouns"), so one GIN index serves them all.
    index("idx_problems_topic_tags").using("gin", t.topicTags),
    index("idx_problems_generation_request_id").on(t.generationRequestId),
  ],
);

export type ProblemRow = typeof problems.$inferSelect;
export type NewProblemRow = typeof problems.$inferInsert;

export type GenerationRequestRow = typeof generationRequests.$inferSelect;
