import { eq, getTableColumns, sql } from "drizzle-orm";
import { UnavailableError } from "../../errors";
import { type GenerationTrace, LEVELS, type Level, type NewProblem } from "../../problems/types";
import type { Database } from "../client";
import { type NewProblemRow, type ProblemRow, problems } from "../schema";

export interface PickFilter {
  /** Every tag must be present (focus and tense arrive here as derived tags like "focus:pronouns"). */
  tags?: readonly string[];
}

/** The LRU pick can lose every candidate to a concurrent caller; it tries again this many times before giving up. */
const PICK_ATTEMPTS = 5;

/** `AND p.topic_tags @> {...}` for a tag filter (the GIN index serves it), or nothing. */
function tagCondition(filter: PickFilter) {
  return filter.tags?.length ? sql`AND p.topic_tags @> ${sql.param([...filter.tags])}::text[]` : sql``;
}

const columnNames = Object.values(getTableColumns(problems)).map((c) => c.name);
const returning = sql.raw(columnNames.map((c) => `p.${c}`).join(", "));

export function problemsRepository(database: Database) {
  const { db } = database;

  /** Raw rows come back snake_case with string timestamps; map them to what drizzle's select would give. */
  function fromRaw(raw: Record<string, unknown>): ProblemRow {
    const entries = Object.entries(getTableColumns(problems)).map(([key, column]) => {
      const value = raw[column.name];
      return [key, value === null || value === undefined ? null : column.mapFromDriverValue(value)];
    });
    return Object.fromEntries(entries) as ProblemRow;
  }

  async function anyMatching(filter: PickFilter = {}): Promise<boolean> {
    const rows = await database.rows(
      sql`SELECT EXISTS (SELECT 1 FROM problems AS p WHERE true ${tagCondition(filter)}) AS found`,
    );
    return rows[0]?.found === true;
  }

  return {
    /**
     * Serves the `count` least recently served problems and stamps them, in ONE statement.
     *
     * Never-served rows come first, then the oldest served. FOR UPDATE SKIP LOCKED keeps concurrent callers off each
     * other's rows. The self-join guards the remaining race: a row served and committed by another caller after this
     * statement's snapshot would be re-read at its new version and served twice; comparing the locked version `p`
     * with the snapshot version `seen` drops it instead, and the loop tries again.
     */
    async pickLeastRecentlyServed(count = 1, filter: PickFilter = {}): Promise<ProblemRow[]> {
      for (let attempt = 0; attempt < PICK_ATTEMPTS; attempt++) {
        const rows = await database.rows(sql`
          UPDATE problems AS p SET last_served_at = clock_timestamp()
          WHERE p.id IN (
            SELECT p.id FROM problems AS p
            JOIN problems AS seen ON seen.id = p.id AND seen.last_served_at IS NOT DISTINCT FROM p.last_served_at
            WHERE true ${tagCondition(filter)}
            ORDER BY p.last_served_at ASC NULLS FIRST, p.created_at ASC
            LIMIT ${count}
            FOR UPDATE OF p SKIP LOCKED
          )
          RETURNING ${returning}`);
        if (rows.length > 0 || !(await anyMatching(filter))) return rows.map(fromRaw);
      }
      // Every matching problem was being served to someone else, attempt after attempt: busy, not empty.
      throw new UnavailableError("pool_busy", "every matching problem is being served right now; try again");
    },

    async findById(id: string): Promise<ProblemRow | undefined> {
      const [row] = await db.select().from(problems).where(eq(problems.id, id)).limit(1);
      return row;
    },

    async listByGenerationRequest(requestId: string): Promise<ProblemRow[]> {
      return db.select().from(problems).where(eq(problems.generationRequestId, requestId)).orderBy(problems.createdAt);
    },

    /** Pool size, never-served count and the oldest serve time, in one aggregate. */
    async poolStats(): Promise<{ total: number; unserved: number; oldestServedAt: Date | null }> {
      const [row] = await database.rows<{ total: number; unserved: number; oldest: string | Date | null }>(sql`
        SELECT count(*)::int AS total,
               count(*) FILTER (WHERE last_served_at IS NULL)::int AS unserved,
               min(last_served_at) AS oldest
        FROM problems`);
      return {
        total: row?.total ?? 0,
        unserved: row?.unserved ?? 0,
        oldestServedAt: row?.oldest ? new Date(row.oldest) : null,
      };
    },

    /** Never-served problems in all, and per level (from the level:<x> tags; problems without a level count in total only). */
    async unservedByLevel(): Promise<{ total: number; levels: Record<Level, number> }> {
      const perLevel = LEVELS.map(
        (level) =>
          sql`count(*) FILTER (WHERE topic_tags @> ${sql.param([`level:${level.toLowerCase()}`])}::text[])::int AS ${sql.identifier(level)}`,
      );
      const [row] = await database.rows<Record<string, number>>(
        sql`SELECT count(*)::int AS total, ${sql.join(perLevel, sql`, `)} FROM problems WHERE last_served_at IS NULL`,
      );
      const levels = Object.fromEntries(LEVELS.map((level) => [level, row?.[level] ?? 0])) as Record<Level, number>;
      return { total: row?.total ?? 0, levels };
    },

    async insert(problem: NewProblem, trace?: GenerationTrace): Promise<ProblemRow> {
      const [row] = await db.insert(problems).values(toRow(problem, trace)).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    /** One INSERT for many problems (seeding). */
    async insertMany(items: readonly { problem: NewProblem; trace?: GenerationTrace }[]): Promise<void> {
      if (items.length) await db.insert(problems).values(items.map((i) => toRow(i.problem, i.trace)));
    },
  };
}

/** A domain problem as a row to insert; the generation request and message ids are the caller's to add. */
export function toRow(problem: NewProblem, trace?: GenerationTrace): NewProblemRow {
  return {
    problemType: problem.problem_type,
    title: problem.title,
    instructions: problem.instructions,
    correctAnswerIndex: problem.correct_answer_index,
    targetLanguageCode: problem.target_language_code,
    statements: problem.statements,
    topicTags: problem.topic_tags,
    metadata: problem.metadata,
    generationTrace: trace,
  };
}

export type ProblemsRepository = ReturnType<typeof problemsRepository>;
