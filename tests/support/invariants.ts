import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client";
import { testKafka } from "./kafka";
import { kcatRead } from "./kcat";

/**
 * What every fault scenario must leave behind, read from the database and the broker, not from the service's own
 * account of itself: every request terminal, generated + failed = requested for each, one stored problem per
 * generated item and no two sharing a source message, the group's lag back to 0, and (with `dlq` in the scope) each
 * failed item in the DLQ exactly once with its reason and nothing else there. The DLQ is checked only once the rest
 * holds: it reads the whole topic with kcat, and before then a failure may still be on its way.
 */

export type GenerationTotals = {
  requests: number;
  requested: number;
  generated: number;
  failed: number;
  /** Requests still pending or processing. */
  open: number;
  /** Requests whose generated + failed differs from requested_count. */
  unbalanced: number;
  problems: number;
  /** Problems whose source_message_id another problem shares. */
  duplicates: number;
};

export async function generationTotals(database: Database): Promise<GenerationTotals> {
  const [row] = await database.rows<GenerationTotals>(sql`
    SELECT (SELECT count(*)::int FROM generation_requests) AS requests,
           (SELECT coalesce(sum(requested_count), 0)::int FROM generation_requests) AS requested,
           (SELECT coalesce(sum(generated_count), 0)::int FROM generation_requests) AS generated,
           (SELECT coalesce(sum(failed_count), 0)::int FROM generation_requests) AS failed,
           (SELECT count(*)::int FROM generation_requests WHERE status IN ('pending', 'processing')) AS open,
           (SELECT count(*)::int FROM generation_requests
             WHERE generated_count + failed_count <> requested_count) AS unbalanced,
           (SELECT count(*)::int FROM problems) AS problems,
           (SELECT (count(source_message_id) - count(DISTINCT source_message_id))::int FROM problems) AS duplicates`);
  if (!row) throw new Error("no totals row");
  return row;
}

/** Messages produced to `topics` and not yet committed by `groupId` (a partition never committed counts whole). */
export async function consumerLag(bootstrap: string, groupId: string, topics: string[]): Promise<number> {
  const admin = testKafka(bootstrap).admin();
  await admin.connect();
  try {
    let lag = 0;
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const topic of topics) {
      const done = new Map(
        (committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
      );
      for (const p of await admin.fetchTopicOffsets(topic)) {
        const at = done.get(p.partition) ?? -1;
        lag += Number(p.high) - (at < 0 ? Number(p.low) : at);
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}

export interface InvariantScope {
  database: Database;
  bootstrap: string;
  groupId: string;
  /** The topics the group consumes (the requests topic; later also the retry topic). */
  topics: string[];
  /** The dead-letter topic: when set, the DLQ invariants (`dlqViolations`) are checked too. */
  dlq?: DlqScope;
  /** Checks a scenario adds: each returns its violations. */
  extra?: ((totals: GenerationTotals) => Promise<string[]>)[];
}

export interface DlqScope {
  topic: string;
  /** Poison the scenario produced on purpose, by reason (`not_json`...): the only dead letters besides failed items. */
  poison?: Record<string, number>;
}

/** What the DLQ holds, read from the database copy and, independently, from the topic (with kcat). */
export interface DlqContents {
  /** Rows of `dead_letters` by error code. */
  rows: Record<string, number>;
  /** Messages on the topic, copies after a crash included. */
  topicMessages: number;
  /** Distinct original positions on the topic. */
  topicPositions: number;
}

/** Counts by code, keys in one order whatever produced them, so two tallies compare as JSON. */
const tally = (rows: { code: string; n: number }[]): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [r.code, r.n] as const).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * Each failed item is in the DLQ exactly once with its reason, and nothing else is (besides the scenario's poison).
 * Counted by the `dead_letters` table (one row per original position) and checked against the topic's
 * `original_*` headers: the topic may hold a second copy of a position (a crash between the DLQ's ack and the
 * commit), never a position the table lacks, nor a reason that differs.
 */
export async function dlqViolations(scope: InvariantScope & { dlq: DlqScope }, totals: GenerationTotals) {
  const violations: string[] = [];
  const [items] = await scope.database.rows<{ failed: number; missing: number; doubled: number; wrong: number }>(sql`
    SELECT count(*)::int AS failed,
           count(*) FILTER (WHERE letters = 0)::int AS missing,
           count(*) FILTER (WHERE letters > 1)::int AS doubled,
           count(*) FILTER (WHERE letters = 1 AND NOT same_reason)::int AS wrong
      FROM (SELECT i.message_id, count(d.id) AS letters, bool_and(d.error_code = i.error_code) AS same_reason
              FROM generation_items i LEFT JOIN dead_letters d ON d.message_id = i.message_id::text
             WHERE i.outcome = 'failed' GROUP BY i.message_id) per_item`);
  if (!items) throw new Error("no dead-letter totals row");
  if (items.failed !== totals.failed)
    violations.push(`${items.failed} failed items recorded for ${totals.failed} counted failed`);
  if (items.missing) violations.push(`${items.missing} failed items not in the DLQ`);
  if (items.doubled) violations.push(`${items.doubled} failed items in the DLQ more than once`);
  if (items.wrong) violations.push(`${items.wrong} failed items dead-lettered with another reason`);
  const others = tally(
    await scope.database.rows<{ code: string; n: number }>(sql`
      SELECT d.error_code AS code, count(*)::int AS n FROM dead_letters d
       WHERE NOT EXISTS (SELECT 1 FROM generation_items i
                          WHERE i.outcome = 'failed' AND i.message_id::text = d.message_id)
       GROUP BY d.error_code`),
  );
  const expected = tally(Object.entries(scope.dlq.poison ?? {}).map(([code, n]) => ({ code, n })));
  if (JSON.stringify(others) !== JSON.stringify(expected))
    violations.push(
      `dead letters besides failed items ${JSON.stringify(others)}, expected ${JSON.stringify(expected)}`,
    );

  const rows = await scope.database.rows<{ position: string; code: string }>(sql`
    SELECT original_topic || '/' || original_partition || '/' || original_offset AS position, error_code AS code
      FROM dead_letters`);
  const reasonAt = new Map(rows.map((r) => [r.position, r.code]));
  const onTopic = await kcatRead(scope.bootstrap, scope.dlq.topic);
  const positions = new Set<string>();
  for (const m of onTopic) {
    const h = m.headers;
    const position = `${h.original_topic}/${h.original_partition}/${h.original_offset}`;
    positions.add(position);
    if (!reasonAt.has(position)) violations.push(`DLQ topic offset ${m.offset} (${position}) has no dead_letters row`);
    else if (reasonAt.get(position) !== h.error_code)
      violations.push(`DLQ topic offset ${m.offset} says ${h.error_code}, its row ${reasonAt.get(position)}`);
  }
  if (positions.size !== reasonAt.size)
    violations.push(`${reasonAt.size} dead_letters rows for ${positions.size} positions on the DLQ topic`);
  return violations;
}

/** The DLQ's contents, for a scenario's report. */
export async function dlqContents(scope: InvariantScope & { dlq: DlqScope }): Promise<DlqContents> {
  const rows = tally(
    await scope.database.rows<{ code: string; n: number }>(
      sql`SELECT error_code AS code, count(*)::int AS n FROM dead_letters GROUP BY error_code`,
    ),
  );
  const onTopic = await kcatRead(scope.bootstrap, scope.dlq.topic);
  const positions = new Set(
    onTopic.map((m) => `${m.headers.original_topic}/${m.headers.original_partition}/${m.headers.original_offset}`),
  );
  return { rows, topicMessages: onTopic.length, topicPositions: positions.size };
}

export async function invariantViolations(scope: InvariantScope): Promise<string[]> {
  const totals = await generationTotals(scope.database);
  const violations: string[] = [];
  if (totals.open) violations.push(`${totals.open} of ${totals.requests} requests not terminal`);
  if (totals.unbalanced) violations.push(`${totals.unbalanced} requests with generated + failed != requested`);
  if (totals.problems !== totals.generated)
    violations.push(`${totals.problems} problems stored for ${totals.generated} counted generated`);
  if (totals.duplicates) violations.push(`${totals.duplicates} problems share a source_message_id`);
  const lag = await consumerLag(scope.bootstrap, scope.groupId, scope.topics);
  if (lag) violations.push(`consumer lag ${lag}`);
  const dlq = scope.dlq;
  if (dlq && !violations.length) violations.push(...(await dlqViolations({ ...scope, dlq }, totals)));
  for (const check of scope.extra ?? []) violations.push(...(await check(totals)));
  return violations;
}

/** Polls until every invariant holds or `timeoutMs` passes; returns what still fails (empty when all hold). */
export async function settledViolations(scope: InvariantScope, timeoutMs: number): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const violations = await invariantViolations(scope).catch((error: Error) => [`could not check: ${error.message}`]);
    if (!violations.length || Date.now() >= until) return violations;
    await Bun.sleep(500);
  }
}
