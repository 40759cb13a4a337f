import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { problemsRepository } from "../../src/db/repositories/problems";
import { pickCoalescer } from "../../src/serving/pick-coalescer";
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

describe("least-recently-served order with coalesced picks", () => {
  test("concurrent requests sharing one statement get never-served first, then oldest served, in arrival order", async () => {
    const ids = await insertInOrder(6);
    // The three oldest-created were served, newest-created served longest ago; the other three never were.
    for (const [i, ago] of [
      [0, 10],
      [1, 30],
      [2, 20],
    ] as const)
      await t.database.rows(
        sql`UPDATE problems SET last_served_at = now() - make_interval(mins => ${ago}) WHERE id = ${ids[i]}`,
      );
    // One statement at a time: the first request goes alone, the next five wait and share the second statement.
    const picker = pickCoalescer({ pick: repo.pickLeastRecentlyServed, maxBatch: 32, maxInFlight: 1 });
    const served = await Promise.all(Array.from({ length: 6 }, () => picker.pickOne()));
    expect(served.map((row) => row?.id)).toEqual([ids[3], ids[4], ids[5], ids[1], ids[2], ids[0]]);
    // The stamps rise in serving order, so the next cycle repeats it.
    const stamps = served.map((row) => row?.lastServedAt?.getTime() as number);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    const again = await Promise.all(Array.from({ length: 6 }, () => picker.pickOne()));
    expect(again.map((row) => row?.id)).toEqual(served.map((row) => row?.id));
  });

  test("coalesced requests with a filter that matches nothing all get undefined", async () => {
    await insertInOrder(2);
    const picker = pickCoalescer({ pick: repo.pickLeastRecentlyServed, maxBatch: 32, maxInFlight: 1 });
    const served = await Promise.all(Array.from({ length: 3 }, () => picker.pickOne({ tags: ["focus:nothing"] })));
    expect(served).toEqual([undefined, undefined, undefined]);
  });

  test("every waiter of a batch hears pool_busy when every matching row stays locked by another caller", async () => {
    await insertInOrder(2);
    const picker = pickCoalescer({ pick: repo.pickLeastRecentlyServed, maxBatch: 32, maxInFlight: 1 });
    const outcomes = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT id FROM problems FOR UPDATE`);
      return Promise.allSettled(Array.from({ length: 3 }, () => picker.pickOne()));
    });
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const o of outcomes) expect((o as PromiseRejectedResult).reason).toMatchObject({ code: "pool_busy" });
  });

  test("a batch served only in part: the first waiters get rows, the rest hear pool_busy", async () => {
    const ids = await insertInOrder(1);
    // The repository's contract allows a short batch when rows stay locked; a pick that returns one row stands in.
    const picker = pickCoalescer({
      pick: async () => repo.pickLeastRecentlyServed(1),
      maxBatch: 32,
      maxInFlight: 1,
    });
    const [first, second, third] = await Promise.allSettled([picker.pickOne(), picker.pickOne(), picker.pickOne()]);
    expect((first as PromiseFulfilledResult<{ id: string }>).value.id).toBe(ids[0] as string);
    expect((second as PromiseFulfilledResult<{ id: string }>).value.id).toBe(ids[0] as string);
    expect((third as PromiseRejectedResult).reason).toMatchObject({ code: "pool_busy" });
  });

  test("a failing statement rejects every waiter of its batch with the database's error", async () => {
    await insertInOrder(1);
    const picker = pickCoalescer({
      pick: (count) => repo.pickLeastRecentlyServed(count * 1000),
      maxBatch: 32,
      maxInFlight: 1,
    });
    const outcomes = await Promise.allSettled([picker.pickOne(), picker.pickOne()]);
    for (const o of outcomes) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(RangeError);
  });
});

describe("coalescing under failure", () => {
  test("a waiter whose request ends before its statement goes out leaves the queue and spends no problem", async () => {
    const ids = await insertInOrder(3);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The first statement is held until the test releases it, so the next two requests wait in the lane.
    const picker = pickCoalescer({
      pick: async (count, filter) => {
        await gate;
        return repo.pickLeastRecentlyServed(count, filter);
      },
      maxBatch: 32,
      maxInFlight: 1,
    });
    const first = picker.pickOne();
    const leaving = new AbortController();
    const abandoned = picker.pickOne({}, leaving.signal);
    const staying = picker.pickOne();
    leaving.abort();
    await expect(abandoned).rejects.toMatchObject({ code: "request_timeout" });
    release();
    expect((await first)?.id).toBe(ids[0] as string);
    expect((await staying)?.id).toBe(ids[1] as string);
    const [stamped] = await t.database.rows<{ served: number }>(
      sql`SELECT count(*)::int AS served FROM problems WHERE last_served_at IS NOT NULL`,
    );
    expect(stamped?.served).toBe(2);
  });

  test("a statement that never answers gives its slot back: its waiters hear 503, the next request is served", async () => {
    const ids = await insertInOrder(1);
    let calls = 0;
    const picker = pickCoalescer({
      pick: (count, filter) => (++calls === 1 ? new Promise(() => {}) : repo.pickLeastRecentlyServed(count, filter)),
      maxBatch: 32,
      maxInFlight: 1,
      pickTimeoutMs: 200,
    });
    await expect(picker.pickOne()).rejects.toMatchObject({ code: "database_unavailable" });
    expect((await picker.pickOne())?.id).toBe(ids[0] as string);
  });

  test("past the waiting cap a request hears pool_busy at once instead of queueing", async () => {
    await insertInOrder(1);
    const picker = pickCoalescer({ pick: () => new Promise(() => {}), maxBatch: 1, maxInFlight: 1, maxWaiting: 2 });
    void picker.pickOne(); // in flight, never answers
    void picker.pickOne(); // waiting 1
    void picker.pickOne(); // waiting 2
    await expect(picker.pickOne()).rejects.toMatchObject({ code: "pool_busy" });
  });
});
