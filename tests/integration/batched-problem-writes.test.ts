import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { type GeneratedItem, generationRequestsRepository } from "../../src/db/repositories/generation-requests";
import { createProblemWriter } from "../../src/generation/problem-writer";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { sampleProblem } from "../support/problems";

let t: TestDatabase;
let requests: ReturnType<typeof generationRequestsRepository>;
beforeAll(async () => {
  t = await createTestDatabase("batched_writes");
  requests = generationRequestsRepository(t.database);
});
afterAll(async () => {
  await t?.drop();
});

const trace = { generator: "template", duration_ms: 1 } as GeneratedItem["trace"];
const item = (requestId: string, n: number, messageId: string = crypto.randomUUID()): GeneratedItem => ({
  requestId,
  messageId,
  problem: sampleProblem(n),
  trace,
});

async function stateOf(requestId: string) {
  const [row] = await t.database.rows<{
    status: string;
    generated: number;
    problems: number;
    ledger: number;
  }>(sql`
    SELECT r.status, r.generated_count AS generated,
           (SELECT count(*)::int FROM problems p WHERE p.generation_request_id = r.id) AS problems,
           (SELECT count(*)::int FROM generation_items i WHERE i.generation_request_id = r.id) AS ledger
    FROM generation_requests r WHERE r.id = ${requestId}`);
  return row;
}

describe("batched writes of generated problems", () => {
  test("one transaction for many items of several requests: counters equal rows, statuses move on", async () => {
    const a = await requests.create({ requestedCount: 3 });
    const b = await requests.create({ requestedCount: 4 });
    const outcomes = await requests.recordGeneratedMany([item(a.id, 1), item(b.id, 2), item(a.id, 3), item(a.id, 4)]);
    expect(outcomes.map((o) => o.counted)).toEqual([true, true, true, true]);
    expect(new Set(outcomes.map((o) => o.problemId)).size).toBe(4);
    expect(await stateOf(a.id)).toEqual({ status: "completed", generated: 3, problems: 3, ledger: 3 });
    expect(await stateOf(b.id)).toEqual({ status: "processing", generated: 1, problems: 1, ledger: 1 });
  });

  test("a message already handled, or twice in one batch, is stored and counted once", async () => {
    const r = await requests.create({ requestedCount: 5 });
    const earlier = item(r.id, 10);
    expect((await requests.recordGenerated(earlier)).counted).toBe(true);
    const twin = crypto.randomUUID();
    const outcomes = await requests.recordGeneratedMany([
      item(r.id, 11, earlier.messageId),
      item(r.id, 12, twin),
      item(r.id, 13, twin),
      item(r.id, 14),
    ]);
    expect(outcomes.map((o) => o.counted)).toEqual([false, true, false, true]);
    expect(await stateOf(r.id)).toEqual({ status: "processing", generated: 3, problems: 3, ledger: 3 });
  });

  test("the writer puts problems that finish together into one transaction", async () => {
    const r = await requests.create({ requestedCount: 50 });
    let transactions = 0;
    const counting = {
      ...requests,
      recordGeneratedMany: (items: readonly GeneratedItem[]) => {
        transactions += 1;
        return requests.recordGeneratedMany(items);
      },
    };
    const writer = createProblemWriter(counting);
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, n) => writer.record(item(r.id, 100 + n))));
    expect(outcomes.every((o) => o.counted)).toBe(true);
    // The first finds the writer idle and goes alone; the 49 that arrive while it is written share the next one.
    expect(transactions).toBe(2);
    expect(await stateOf(r.id)).toEqual({ status: "completed", generated: 50, problems: 50, ledger: 50 });
  });

  test("a row the database refuses fails only its own item; the rest of the batch is stored", async () => {
    const r = await requests.create({ requestedCount: 3 });
    const writer = createProblemWriter(requests);
    const broken = { ...item(r.id, 200), problem: sampleProblem(200, { correct_answer_index: 9 }) };
    const results = await Promise.allSettled([
      writer.record(item(r.id, 201)),
      writer.record(item(r.id, 202)),
      writer.record(broken),
      writer.record(item(r.id, 203)),
    ]);
    expect(results.map((x) => x.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(await stateOf(r.id)).toEqual({ status: "completed", generated: 3, problems: 3, ledger: 3 });
  });

  test("one check before generating answers each item of a batch in order, and starts pending requests", async () => {
    const pending = await requests.create({ requestedCount: 3 });
    const handled = item(pending.id, 300);
    await requests.recordGenerated(handled);
    const fresh = await requests.create({ requestedCount: 2 });
    const missing = crypto.randomUUID();
    const refs = [
      { requestId: fresh.id, messageId: crypto.randomUUID() },
      { requestId: pending.id, messageId: handled.messageId },
      { requestId: missing, messageId: crypto.randomUUID() },
      { requestId: fresh.id, messageId: crypto.randomUUID() },
    ];
    expect(await requests.beginItems(refs)).toEqual(["ready", "handled", "unknown", "ready"]);
    expect((await stateOf(fresh.id))?.status).toBe("processing");
    expect(await requests.beginItems([])).toEqual([]);
  });
});
