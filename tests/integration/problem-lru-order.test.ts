import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { problemsRepository } from "../../src/db/repositories/problems";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { sampleProblem } from "../support/problems";

let t: TestDatabase;
let repo: ReturnType<typeof problemsRepository>;
beforeAll(async () => {
  t = await createTestDatabase("lru");
  repo = problemsRepository(t.database);
});
beforeEach(() => t.truncate());
afterAll(() => t?.drop());

/** Inserts problems with strictly increasing created_at so the expected order is unambiguous. */
async function insertInOrder(count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const row = await repo.insert(sampleProblem(i));
    await t.database.rows(
      sql`UPDATE problems SET created_at = now() - make_interval(secs => ${1000 - i}) WHERE id = ${row.id}`,
    );
    ids.push(row.id);
  }
  return ids;
}

const pickId = async (tags?: string[]) => (await repo.pickLeastRecentlyServed(1, { tags }))[0]?.id;

describe("least-recently-served order", () => {
  test("serves never-served problems first, oldest created first", async () => {
    const ids = await insertInOrder(3);
    expect(await pickId()).toBe(ids[0]);
    expect(await pickId()).toBe(ids[1]);
    expect(await pickId()).toBe(ids[2]);
  });

  test("then the least recently served, and a served problem goes to the back", async () => {
    const ids = await insertInOrder(3);
    // Serve all three in order, then serve again: the cycle repeats in the same order.
    for (let i = 0; i < 3; i++) await pickId();
    expect(await pickId()).toBe(ids[0]);
    expect(await pickId()).toBe(ids[1]);
    expect(await pickId()).toBe(ids[2]);
  });

  test("a newly added problem jumps ahead of already-served ones", async () => {
    const ids = await insertInOrder(2);
    await pickId();
    await pickId();
    const fresh = await repo.insert(sampleProblem(99));
    expect(await pickId()).toBe(fresh.id);
    expect(await pickId()).toBe(ids[0]);
  });

  test("stamps last_served_at when serving", async () => {
    const [id] = await insertInOrder(1);
    const served = await repo.pickLeastRecentlyServed(1);
    expect(served[0]?.lastServedAt).toBeInstanceOf(Date);
    const stored = await repo.findById(id as string);
    expect(stored?.lastServedAt?.getTime()).toBe(served[0]?.lastServedAt?.getTime() as number);
  });

  test("filters by tags and keeps LRU order within the filter", async () => {
    const a = await repo.insert(sampleProblem(1, { topic_tags: ["focus:pronouns", "tense:present"] }));
    await repo.insert(sampleProblem(2, { topic_tags: ["focus:conjugation", "tense:present"] }));
    const b = await repo.insert(sampleProblem(3, { topic_tags: ["focus:pronouns", "tense:imparfait"] }));
    expect(await pickId(["focus:pronouns"])).toBe(a.id);
    expect(await pickId(["focus:pronouns"])).toBe(b.id);
    expect(await pickId(["focus:pronouns", "tense:imparfait"])).toBe(b.id);
    expect(await pickId(["focus:nothing"])).toBeUndefined();
  });

  test("the tag filter can use the GIN index (planner with sequential scans off)", async () => {
    await insertInOrder(5);
    await t.database.rows(sql`ANALYZE problems`);
    const plan = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return (await tx.execute(sql`
        EXPLAIN SELECT id FROM problems WHERE topic_tags @> ARRAY['focus:pronouns']::text[]
        ORDER BY last_served_at ASC NULLS FIRST, created_at ASC LIMIT 1`)) as unknown as { "QUERY PLAN": string }[];
    });
    expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/idx_problems_(topic_tags|lru)/);
  });
});
