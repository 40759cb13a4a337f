import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { generationRequestsRepository } from "../../src/db/repositories/generation-requests";
import { problemsRepository } from "../../src/db/repositories/problems";
import { startExpirySweeper } from "../../src/generation/expiry";
import { poolKeeper } from "../../src/generation/pool";
import { generationSubmitter } from "../../src/generation/submit";
import { LEVELS, type Level } from "../../src/problems/types";
import { deriveTopicTags } from "../../src/problems/validation";
import { traceparentFor } from "../../src/queue/messages";
import type { OutgoingMessage, Publisher } from "../../src/queue/transport";
import { silentLogger } from "../support/app";
import { eventually } from "../support/logs";
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

/** A pool keeper over the recording publisher, for the per-level refill cases. */
const levelKeeper = (
  problems: ReturnType<typeof problemsRepository>,
  publisher: Publisher,
  minUnserved: number,
  refillCount: number,
) =>
  poolKeeper({
    problems,
    submitter: generationSubmitter({ requests, publisher, logger: silentLogger, publishTimeoutMs: 1000, topic: "t" }),
    logger: silentLogger,
    minUnserved,
    refillCount,
    statementCount: 4,
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
    await requests.markFailed(done.id, "publish failed");
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
  function recordingPublisher() {
    const published: OutgoingMessage[] = [];
    const publisher: Publisher = {
      publish: async (_topic, messages) => void published.push(...(messages as OutgoingMessage[])),
    };
    return { published, publisher };
  }

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

  test("keepers in several instances, all seeing a low pool, publish one refill's messages once", async () => {
    const { published, publisher } = recordingPublisher();
    const problems = problemsRepository(t.database);
    await problems.insert(sampleProblem(1));
    const keepers = Array.from({ length: 5 }, () =>
      poolKeeper({
        problems,
        submitter: generationSubmitter({
          requests,
          publisher,
          logger: silentLogger,
          publishTimeoutMs: 1000,
          topic: "problem-generation-requests",
        }),
        logger: silentLogger,
        minUnserved: 5,
        refillCount: 7,
        statementCount: 4,
        newTraceparent: () => traceparentFor(),
      }),
    );
    await Promise.all(keepers.map((k) => k.check()));
    expect(published).toHaveLength(7);
    const [refill] = await requests.list({ limit: 5 });
    expect(refill).toMatchObject({ origin: "pool_refill", requestedCount: 7, status: "pending" });
    expect(new Set(published.map((m) => JSON.parse(m.value).message_id)).size).toBe(7);
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
    const { published, publisher } = recordingPublisher();
    const problems = problemsRepository(t.database);
    for (const [i, level] of LEVELS.entries()) await problems.insert(levelled(i, level));
    const keeper = levelKeeper(problems, publisher, 5, 7);
    await keeper.check();
    expect(published).toHaveLength(0);
    expect(await requests.countOpen()).toBe(0);
  });

  test("a pool above the floor with a level out of stock gets a refill for that level", async () => {
    await t.truncate();
    const { published, publisher } = recordingPublisher();
    const problems = problemsRepository(t.database);
    // Plenty of A1, A2, B1 and C1; no fresh B2.
    for (const [i, level] of (["A1", "A2", "B1", "C1"] as const).entries())
      for (let j = 0; j < 3; j++) await problems.insert(levelled(i * 10 + j, level));
    const keeper = levelKeeper(problems, publisher, 10, 2);
    await keeper.check();
    expect(published).toHaveLength(2);
    for (const message of published) expect(JSON.parse(message.value).constraints).toEqual({ level: "B2" });
  });
});

test("after a refill that could not be published, the keeper pauses instead of recording a failed request per call", async () => {
  await t.truncate();
  const problems = problemsRepository(t.database);
  const broken: Publisher = { publish: async () => Promise.reject(new Error("broker down")) };
  const keeper = poolKeeper({
    problems,
    submitter: generationSubmitter({
      requests,
      publisher: broken,
      logger: silentLogger,
      publishTimeoutMs: 1000,
      topic: "t",
    }),
    logger: silentLogger,
    minUnserved: 5,
    refillCount: 3,
    statementCount: 4,
    checkIntervalMs: 0,
    newTraceparent: () => traceparentFor(),
  });
  for (let i = 0; i < 5; i++) await keeper.check();
  const failed = await requests.list({ status: "failed", limit: 10 });
  expect(failed).toHaveLength(1);
  expect(failed[0]?.errorMessage).toContain("broker down");
});
