import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client";
import { testKafka } from "./kafka";

/**
 * What every fault scenario must leave behind, read from the database and the broker, not from the service's own
 * account of itself: every request terminal, generated + failed = requested for each, one stored problem per
 * generated item and no two sharing a source message, and the group's lag back to 0.
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
  /** Checks a scenario adds (e.g. each failed item in the DLQ exactly once): each returns its violations. */
  extra?: ((totals: GenerationTotals) => Promise<string[]>)[];
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
