import { afterAll, beforeAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { pickStatement } from "../../src/db/repositories/problems";
import { insertGeneratedProblems, RARE_TAG } from "../support/generated-problems";
import { createTestDatabase, type TestDatabase } from "../support/postgres";

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("pick_plan");
  // A pool in use: the older half has been served, so the walk starts among never-served rows and continues into
  // served ones.
  await insertGeneratedProblems(t.database, 100_000, { servedOldest: 50_000 });
}, 120_000);
afterAll(() => t?.drop());

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function planOf(query: ReturnType<typeof pickStatement>): Promise<PlanNode[]> {
  const explain = sql`EXPLAIN (ANALYZE, FORMAT JSON) `.append(query);
  const [row] = await t.database.rows<{ "QUERY PLAN": { Plan: PlanNode }[] }>(explain);
  const plan = row?.["QUERY PLAN"][0]?.Plan;
  if (!plan) throw new Error("EXPLAIN returned no plan");
  return nodes(plan);
}

const types = (plan: PlanNode[]) => plan.map((n) => n["Node Type"]);
const indexes = (plan: PlanNode[]) => plan.map((n) => n["Index Name"]).filter(Boolean);

test.each([1, 32])(
  "at 100k rows the pick of %p walks idx_problems_lru under a Limit, no Sort, no Hash Join",
  async (n) => {
    const plan = await planOf(pickStatement(n, {}));
    expect(types(plan)).toContain("Limit");
    expect(types(plan)).toContain("LockRows");
    expect(indexes(plan)).toContain("idx_problems_lru");
    expect(types(plan)).not.toContain("Sort");
    expect(types(plan)).not.toContain("Hash Join");
    expect(types(plan)).not.toContain("Seq Scan");
  },
);

test("a focus and tense filter walks that tense's partial LRU index, no Sort", async () => {
  const plan = await planOf(pickStatement(4, { tags: ["focus:pronouns", "tense:imparfait"] }));
  expect(indexes(plan).some((name) => /^idx_problems_lru_(tense_imparfait|focus_pronouns)$/.test(name as string))).toBe(
    true,
  );
  expect(types(plan)).not.toContain("Sort");
  expect(types(plan)).not.toContain("Seq Scan");
});

test("a rare free tag goes through the GIN index, never a sequential scan", async () => {
  const plan = await planOf(pickStatement(1, { tags: [RARE_TAG] }));
  expect(indexes(plan)).toContain("idx_problems_topic_tags");
  expect(indexes(plan)).not.toContain("idx_problems_lru");
  expect(types(plan)).not.toContain("Seq Scan");
});
