import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { generationRequestsRepository } from "../../src/db/repositories/generation-requests";
import { outboxRepository } from "../../src/db/repositories/outbox";
import { problemsRepository } from "../../src/db/repositories/problems";
import { startExpirySweeper } from "../../src/generation/expiry";
import { poolKeeper } from "../../src/generation/pool";
import { generationSubmitter } from "../../src/generation/submit";
import { LEVELS, type Level } from "../../src/problems/types";
import { deriveTopicTags } from "../../src/problems/validation";
import { traceparentFor } from "../../src/queue/messages";
import { silentLogger } from "../support/app";
import { markFailed, outboxMessages } from "../support/generation";
import { capturingLogger, eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { sampleProblem } from "../support/problems";

let t: TestDatabase;
let requests: ReturnType<typeof generationRequestsRepository>;
beforeAll(async () => {
  t = await createTestDatabase("expiry_refill");
  requests = generationRequestsRepository(t.database);
});
beforeEach(() => t.truncate());
afterAll(() => t?.drop());

/** A submitter writing to the outbox of the test database (no relay runs: the rows stay for the test to read). */
const submitter = (maxPending = 10_000, logger = silentLogger) =>
  generationSubmitter({ requests, logger, topic: "t", maxPending, onEnqueued: () => {} });

/** A pool keeper over its own submitter, for the refill cases. */
const levelKeeper = (
  problems: ReturnType<typeof problemsRepository>,
  minUnserved: number,
  refillCount: number,
  options: { maxPending?: number; checkIntervalMs?: number; logger?: typeof silentLogger } = {},
) =>
  poolKeeper({
    problems,
    submitter: submitter(options.maxPending),
    logger: options.logger ?? silentLogger,
    minUnserved,
    refillCount,
    statementCount: 4,
    checkIntervalMs: options.checkIntervalMs,
    newTraceparent: () => traceparentFor(),
  });

const age = (id: string, seconds: number) =>
  t.database.rows(
    sql`UPDATE generation_requests SET updated_at = now() - make_interval(secs => ${seconds}) WHERE id = ${id}`,
  );

describe("stale requests expire", () => {
  test("open requests without progress for the TTL become expired; fresh and finished ones do not", async () => {
    const stale = await requests.create({ requestedCount: 2 });
    const fresh = await requests.create({ requestedCount: 2 });
    const done = await requests.create({ requestedCount: 1 });
    await markFailed(t.database, done.id, "llm_unavailable: test");
    await age(stale.id, 120);
    await age(done.id, 120);
    expect(await requests.expireStale(60_000)).toEqual([stale.id]);
    expect(await requests.get(stale.id)).toMatchObject({
      status: "expired",
      errorMessage: "expired: no progress for 60000 ms",
    });
    expect((await requests.get(fresh.id))?.status).toBe("pending");
    expect((await requests.get(done.id))?.status).toBe("failed");
  });

  test("several instances sweeping at once expire each request exactly once", async () => {
    const ids = await Promise.all(
      Array.from({ length: 10 }, () => requests.create({ requestedCount: 1 }).then((r) => r.id)),
    );
    for (const id of ids) await age(id, 120);
    const swept = (await Promise.all(Array.from({ length: 5 }, () => requests.expireStale(60_000)))).flat();
    expect(swept.sort()).toEqual([...ids].sort());
  });

  test("a request whose messages still wait in the outbox (broker down) never expires, however old", async () => {
    const waiting = (await submitter().submit({ count: 2, statementCount: 4 }, { allowances: [] })).row;
    await age(waiting.id, 3600);
    expect(await requests.expireStale(60_000)).toEqual([]);
    expect((await requests.get(waiting.id))?.status).toBe("pending");
    // Once the messages leave the outbox the clock restarts from then: still not stale.
    await outboxRepository(t.database).relayBatch(100, async () => {});
    expect(await requests.expireStale(60_000)).toEqual([]);
    await age(waiting.id, 120);
    expect(await requests.expireStale(60_000)).toEqual([waiting.id]);
  });

  test("the sweeper runs at start and stops with its signal", async () => {
    const stale = await requests.create({ requestedCount: 1 });
    await age(stale.id, 120);
    const controller = new AbortController();
    const loop = startExpirySweeper({ requests, ttlMs: 60_000, logger: silentLogger, signal: controller.signal });
    await eventually(async () => (await requests.get(stale.id))?.status === "expired", 30_000, "expired at start");
    controller.abort();
    await loop;
  });

  test("late items still finish an expired request: the counts are the truth", async () => {
    const stale = await requests.create({ requestedCount: 1 });
    await age(stale.id, 120);
    await requests.expireStale(60_000);
    await requests.recordGenerated({
      requestId: stale.id,
      messageId: crypto.randomUUID(),
      problem: sampleProblem(1),
      trace: { generator: "template", duration_ms: 1 },
    });
    expect(await requests.get(stale.id)).toMatchObject({ status: "completed", generatedCount: 1, errorMessage: null });
  });
});

describe("pool refill", () => {
  test("concurrent triggers create at most one open refill request (the database enforces it)", async () => {
    const rows = await Promise.all(Array.from({ length: 20 }, () => requests.createRefillIfNoneOpen(10)));
    expect(rows.filter(Boolean)).toHaveLength(1);
    expect(await requests.countOpen()).toBe(1);
  });

  test("once the open refill ends, a new one may be created", async () => {
    const first = await requests.createRefillIfNoneOpen(1);
    expect(await requests.createRefillIfNoneOpen(1)).toBeUndefined();
    await requests.recordGenerated({
      requestId: first?.id as string,
      messageId: crypto.randomUUID(),
      problem: sampleProblem(1),
      trace: { generator: "template", duration_ms: 1 },
    });
    expect(await requests.createRefillIfNoneOpen(1)).toBeDefined();
  });

  test("keepers in several instances, all seeing a low pool, queue one refill's messages once", async () => {
    const problems = problemsRepository(t.database);
    await problems.insert(sampleProblem(1));
    const keepers = Array.from({ length: 5 }, () => levelKeeper(problems, 5, 7));
    await Promise.all(keepers.map((k) => k.check()));
    const queued = await outboxMessages(t.database);
    expect(queued).toHaveLength(7);
    const [refill] = await requests.list({ limit: 5 });
    expect(refill).toMatchObject({ origin: "pool_refill", requestedCount: 7, status: "pending" });
    expect(new Set(queued.map((m) => m.value.message_id)).size).toBe(7);
    expect(queued.every((m) => m.value.generation_request_id === refill?.id)).toBe(true);
  });

  // A problem of a level, as the generators tag it.
  const levelled = (n: number, level: Level) => {
    const problem = sampleProblem(n);
    return {
      ...problem,
      metadata: { ...problem.metadata, level },
      topic_tags: deriveTopicTags({ ...problem.metadata, level }),
    };
  };

  test("a pool at or above the floor, every level holding its share, triggers nothing", async () => {
    const problems = problemsRepository(t.database);
    for (const [i, level] of LEVELS.entries()) await problems.insert(levelled(i, level));
    await levelKeeper(problems, 5, 7).check();
    expect(await outboxMessages(t.database)).toHaveLength(0);
    expect(await requests.countOpen()).toBe(0);
  });

  test("a pool above the floor with a level out of stock gets a refill for that level", async () => {
    const problems = problemsRepository(t.database);
    // Plenty of A1, A2, B1 and C1; no fresh B2.
    for (const [i, level] of (["A1", "A2", "B1", "C1"] as const).entries())
      for (let j = 0; j < 3; j++) await problems.insert(levelled(i * 10 + j, level));
    await levelKeeper(problems, 10, 2).check();
    const queued = await outboxMessages(t.database);
    expect(queued).toHaveLength(2);
    for (const message of queued) expect(message.value.constraints).toEqual({ level: "B2" });
  });
});

test("with the outbox backlog full, a refill writes nothing and the keeper pauses instead of trying on every call", async () => {
  const problems = problemsRepository(t.database);
  // The broker has been down for long: 5 messages wait and the bound is 5.
  await submitter(5).submit({ count: 5, statementCount: 4 }, { allowances: [] });
  const logs = capturingLogger("warn");
  const keeper = levelKeeper(problems, 5, 3, { maxPending: 5, checkIntervalMs: 0, logger: logs.logger });
  for (let i = 0; i < 5; i++) await keeper.check();
  expect(await requests.list({ limit: 10 })).toHaveLength(1);
  expect(await outboxMessages(t.database)).toHaveLength(5);
  const failures = logs.lines.filter((l) => l.msg === "pool check failed");
  expect(failures).toHaveLength(1);
  expect(JSON.stringify(failures[0])).toContain("queue_backlog_full");
});
