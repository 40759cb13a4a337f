import { eq, getTableColumns, sql } from "drizzle-orm";
import { UnavailableError } from "../../errors";
import { type GenerationTrace, LEVELS, type Level, levelTag, type NewProblem } from "../../problems/types";
import type { Database } from "../client";
import { convertingOutages } from "../errors";
import { INDEXED_FILTER_TAGS, type NewProblemRow, type ProblemRow, problems } from "../schema";

export interface PickFilter {
  /** Every tag must be present (focus and tense arrive here as derived tags like "focus:pronouns"). */
  tags?: readonly string[];
}

/** The LRU pick can lose every candidate to a concurrent caller; it tries again this many times before giving up. */
const PICK_ATTEMPTS = 5;

/** Every matching problem stayed locked by other callers: busy, not empty. */
export const poolBusy = () =>
  new UnavailableError("pool_busy", "every matching problem is being served right now; try again");

/** Largest batch one pick statement serves: each batch size is its own prepared statement text. */
const MAX_PICK_BATCH = 100;

const indexedTags = new Set(INDEXED_FILTER_TAGS);

/**
 * The tag filter on alias `p`. Tags with a partial LRU index become literal clauses so the planner can match the
 * index's predicate (they come from a closed list, so inlining them is safe and keeps the statement texts few);
 * any other tags go in one parameter, which the GIN index serves.
 */
function splitTags(filter: PickFilter) {
  const tags = [...new Set(filter.tags ?? [])].sort();
  return { indexed: tags.filter((t) => indexedTags.has(t)), others: tags.filter((t) => !indexedTags.has(t)) };
}

function tagCondition(filter: PickFilter) {
  const { indexed, others } = splitTags(filter);
  return sql.join([
    ...indexed.map((t) => sql.raw(`AND p.topic_tags @> ARRAY['${t}']::text[]`)),
    others.length ? sql`AND p.topic_tags @> ${sql.param(others)}::text[]` : sql``,
  ]);
}

/**
 * The LRU order. With a free tag in the filter it is spelled so no index can provide it: walking an LRU index for a
 * rare tag looks cheap to the planner, but once the few matching rows have been served they sit at the index's tail
 * and the walk crosses the whole table. Sorting what the GIN index finds costs the number of matching rows instead.
 * (NULLS FIRST and '-infinity' order alike: no problem is served at '-infinity'.)
 */
function lruOrder(filter: PickFilter) {
  return splitTags(filter).others.length
    ? sql`coalesce(p.last_served_at, '-infinity') ASC, p.created_at ASC`
    : sql`p.last_served_at ASC NULLS FIRST, p.created_at ASC`;
}

const columnNames = Object.values(getTableColumns(problems)).map((c) => c.name);
const returning = sql.raw(columnNames.map((c) => `p.${c}`).join(", "));

/**
 * One round trip that serves up to `count` rows. The CTE walks an LRU index from its head (never-served first,
 * then least recently served) and stops after `count` rows it could lock; SKIP LOCKED keeps concurrent callers
 * off each other's rows. `serve_order` numbers the rows in that order (RETURNING alone promises none), and each
 * stamp is one clock reading plus that number of microseconds, so the stamps rise in serving order too and the
 * next cycle serves the batch in the same order.
 *
 * The self-join guards the race READ COMMITTED leaves open: a row served and committed by another caller after
 * this statement's snapshot is re-read at its new version once locked; `seen` stays at the snapshot's version, so
 * comparing the two drops that row. The comparison is wrapped in CASE because Postgres would estimate a plain
 * equality between two columns of one row at 0.5% of rows, conclude the LIMIT needs most of the table, and sort it
 * all; it does not estimate through a CASE, which keeps the index walk cheapest at every table size.
 */
export const pickStatement = (count: number, filter: PickFilter) => sql`
  WITH picked AS (
    SELECT p.id FROM problems AS p
    JOIN problems AS seen ON seen.id = p.id
      AND CASE WHEN seen.last_served_at IS NOT DISTINCT FROM p.last_served_at THEN true ELSE false END
    WHERE true ${tagCondition(filter)}
    ORDER BY ${lruOrder(filter)}
    LIMIT ${sql.raw(String(count))}
    FOR UPDATE OF p SKIP LOCKED),
  ranked AS (SELECT id, row_number() OVER () AS serve_order FROM picked)
  UPDATE problems AS p SET last_served_at = (SELECT clock_timestamp()) + ranked.serve_order * interval '1 microsecond'
  FROM ranked WHERE p.id = ranked.id
  RETURNING ${returning}, ranked.serve_order`;

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
    const rows = await database.preparedRows(
      sql`SELECT EXISTS (SELECT 1 FROM problems AS p WHERE true ${tagCondition(filter)}) AS found`,
    );
    return rows[0]?.found === true;
  }

  return convertingOutages({
    /**
     * Serves the `count` least recently served problems and stamps them, returned in serving order. Rows locked by
     * concurrent callers are skipped; when that leaves the batch short, the remainder is picked again. Returns fewer
     * than `count` only when nothing matches (empty) or when every matching row stayed locked attempt after attempt.
     */
    async pickLeastRecentlyServed(count = 1, filter: PickFilter = {}): Promise<ProblemRow[]> {
      if (!Number.isInteger(count) || count < 1 || count > MAX_PICK_BATCH)
        throw new RangeError(`pick count must be a whole number from 1 to ${MAX_PICK_BATCH}, got ${count}`);
      const served: ProblemRow[] = [];
      for (let attempt = 0; attempt < PICK_ATTEMPTS && served.length < count; attempt++) {
        const rows = await database.preparedRows(pickStatement(count - served.length, filter));
        rows.sort((a, b) => Number(a.serve_order) - Number(b.serve_order));
        served.push(...rows.map(fromRaw));
        if (rows.length === 0 && !(await anyMatching(filter))) return served;
      }
      // Every matching problem was being served to someone else, attempt after attempt: busy, not empty.
      if (served.length === 0) throw poolBusy();
      return served;
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

    /**
     * Never-served problems, in all and per level (from the level:<x> tags), each counted up to its limit only: every
     * count reads the head of an LRU index, whatever the pool's size. Problems without a level count in the total only.
     */
    async unservedUpTo(limit: number, perLevel: number): Promise<{ total: number; levels: Record<Level, number> }> {
      const head = (condition: string, n: number) =>
        sql`(SELECT count(*)::int FROM (SELECT 1 FROM problems AS p WHERE p.last_served_at IS NULL ${sql.raw(condition)} LIMIT ${n}) AS head)`;
      // The level tags come from a closed list, so inlining them is safe and lets the partial indexes match.
      const counts = LEVELS.map(
        (level) =>
          sql`${head(`AND p.topic_tags @> ARRAY['${levelTag(level)}']::text[]`, perLevel)} AS ${sql.identifier(level)}`,
      );
      const [row] = await database.rows<Record<string, number>>(
        sql`SELECT ${head("", limit)} AS total, ${sql.join(counts, sql`, `)}`,
      );
      const levels = Object.fromEntries(LEVELS.map((level) => [level, row?.[level] ?? 0])) as Record<Level, number>;
      return { total: row?.total ?? 0, levels };
    },

    async insert(problem: NewProblem, trace?: GenerationTrace): Promise<ProblemRow> {
      const [row] = await db.insert(problems).values(toRow(problem, trace)).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    /**
     * One INSERT for many problems (seeding), with the rows as a single JSON parameter: building a thousand-row
     * VALUES list with its ten thousand parameters cost the seeder more time than Postgres spent storing the rows.
     */
    async insertMany(items: readonly { problem: NewProblem; trace?: GenerationTrace }[]): Promise<void> {
      if (!items.length) return;
      const rows = JSON.stringify(items.map(({ problem, trace }) => ({ ...problem, generation_trace: trace ?? null })));
      await database.rows(sql`
        INSERT INTO problems (problem_type, title, instructions, correct_answer_index, target_language_code,
                              statements, topic_tags, metadata, generation_trace)
        SELECT problem_type, title, instructions, correct_answer_index, target_language_code,
               statements, topic_tags, metadata, generation_trace
        FROM jsonb_to_recordset(${rows}::jsonb) AS r(problem_type problem_type, title text, instructions text,
          correct_answer_index integer, target_language_code varchar(3), statements jsonb, topic_tags text[],
          metadata jsonb, generation_trace jsonb)`);
    },
  });
}

/** A domain problem as a row to insert; the generation request and message ids are the caller's to add. */
function toRow(problem: NewProblem, trace?: GenerationTrace): NewProblemRow {
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

/** A generated problem as a row to insert, tied to the request and the message that produced it. */
export function generatedRow(item: {
  problem: NewProblem;
  trace: GenerationTrace;
  requestId: string;
  messageId: string;
}) {
  return { ...toRow(item.problem, item.trace), generationRequestId: item.requestId, sourceMessageId: item.messageId };
}

export type ProblemsRepository = ReturnType<typeof problemsRepository>;
