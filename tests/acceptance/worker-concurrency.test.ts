import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { generationRequestsRepository } from "../../src/db/repositories/generation-requests";
import { generationSubmitter } from "../../src/generation/submit";
import type { ProblemGenerator } from "../../src/problems/generators/generator";
import { createTemplateGenerator } from "../../src/problems/generators/template";
import type { GenerationRequest } from "../../src/problems/types";
import { traceparentFor } from "../../src/queue/messages";
import { defineHandler } from "../../src/worker/handlers/handler";
import { problemGenerationHandler } from "../../src/worker/handlers/problem-generation";
import { silentLogger } from "../support/app";
import { type Broker, kafkaBroker, testKafka, uniqueName } from "../support/kafka";
import { eventually } from "../support/logs";
import { startTestRelay } from "../support/outbox";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { startTestWorker } from "../support/worker";

let broker: Broker;
let t: TestDatabase;
let requests: ReturnType<typeof generationRequestsRepository>;

beforeAll(async () => {
  broker = await kafkaBroker();
  t = await createTestDatabase("worker_concurrency");
  requests = generationRequestsRepository(t.database);
}, 120_000);
afterAll(async () => {
  await t?.drop();
});

/** The template generator with a hook around each call: what a test needs to see inside the handler. */
function hookedGenerator(
  around: (request: GenerationRequest, generate: () => Promise<void>) => Promise<void>,
): ProblemGenerator {
  const template = createTemplateGenerator();
  return {
    name: "template",
    async generate(request, options) {
      let result: Awaited<ReturnType<ProblemGenerator["generate"]>> | undefined;
      await around(request, async () => {
        result = await template.generate(request, options);
      });
      return result as Awaited<ReturnType<ProblemGenerator["generate"]>>;
    },
  };
}

/** A worker on its own topics running the real problem-generation handler with `generator`. */
async function workerWith(generator: ProblemGenerator, concurrency: number) {
  const prefix = `${uniqueName("conc")}.`;
  const harness = startTestWorker({
    bootstrap: broker.bootstrap,
    prefix,
    groupId: uniqueName("conc-group"),
    handlers: [problemGenerationHandler({ requests, generator })],
    partitions: 6,
    concurrency,
  });
  await eventually(() => harness.worker.ready, 60_000, "worker ready");
  const relay = startTestRelay(t.database, harness.transport.publisher);
  const submitter = generationSubmitter({
    requests,
    logger: silentLogger,
    topic: harness.topic,
    maxPending: 10_000,
    onEnqueued: relay.doorbell.ring,
  });
  const submit = async (count: number, statementCount = 4) =>
    (await submitter.submit({ count, statementCount, traceparent: traceparentFor() }, { allowances: [] })).row.id;
  // The relay stops before the worker closes the producer it publishes with.
  const close = async () => {
    await relay.stop();
    await harness.close();
  };
  return { harness: { ...harness, close }, submit };
}

const storedFor = async (requestId: string) => {
  const [row] = await t.database.rows<{ n: number; distinct_messages: number }>(sql`
    SELECT count(*)::int AS n, count(DISTINCT source_message_id)::int AS distinct_messages
    FROM problems WHERE generation_request_id = ${requestId}`);
  return row ?? { n: 0, distinct_messages: 0 };
};

describe("many items of one request in flight on a real broker", () => {
  test("20 items with handlers of random duration run more than one at a time and store exactly 20 problems", async () => {
    let running = 0;
    let most = 0;
    const { harness, submit } = await workerWith(
      hookedGenerator(async (_, generate) => {
        running += 1;
        most = Math.max(most, running);
        try {
          await Bun.sleep(20 + Math.random() * 200); // the work itself: an uneven handler duration
          await generate();
        } finally {
          running -= 1;
        }
      }),
      8,
    );
    try {
      const id = await submit(20);
      await eventually(async () => (await requests.get(id))?.status === "completed", 60_000, "request completed");
      expect(await storedFor(id)).toEqual({ n: 20, distinct_messages: 20 });
      expect(most).toBeGreaterThan(1);
      expect(most).toBeLessThanOrEqual(8);
    } finally {
      await harness.close();
    }
  }, 120_000);

  test("head of line: a count-1 request completes while all 50 items of an earlier request are still running", async () => {
    let slowStarted = 0;
    const slowFinishedAt: number[] = [];
    let quickFinishedAt = 0;
    const release = Promise.withResolvers<void>();
    // The slow request asks for 4 statements, the quick one for 3: the generator tells them apart by that.
    const { harness, submit } = await workerWith(
      hookedGenerator(async (request, generate) => {
        if (request.statement_count === 4) {
          slowStarted += 1;
          await release.promise; // an LLM call that will not answer until the test says so
          await generate();
          slowFinishedAt.push(performance.now());
        } else {
          await generate();
          quickFinishedAt = performance.now();
        }
      }),
      64,
    );
    try {
      const slowId = await submit(50, 4);
      // Every partition now holds running items of the slow request, and every one of them is in flight.
      await eventually(() => slowStarted === 50, 60_000, "all 50 slow items in flight");
      const quickId = await submit(1, 3);
      await eventually(async () => (await storedFor(quickId)).n === 1, 60_000, "the count-1 request stored");
      expect(slowFinishedAt).toEqual([]);
      release.resolve();
      await eventually(async () => (await requests.get(slowId))?.status === "completed", 60_000, "slow completed");
      expect(Math.min(...slowFinishedAt)).toBeGreaterThan(quickFinishedAt);
      expect(await storedFor(slowId)).toEqual({ n: 50, distinct_messages: 50 });
    } finally {
      release.resolve();
      await harness.close();
    }
  }, 180_000);

  test("heartbeats go on while a handler runs longer than the session timeout: no rebalance, handled once", async () => {
    const groupId = uniqueName("long-group");
    const prefix = `${uniqueName("long")}.`;
    let runs = 0;
    const harness = startTestWorker({
      bootstrap: broker.bootstrap,
      prefix,
      groupId,
      handlers: [
        defineHandler({
          type: "long",
          schema: z.object({ message_type: z.literal("long") }),
          async handle() {
            runs += 1;
            await Bun.sleep(13_000); // the work itself: longer than the 10 s session timeout of the test worker
          },
        }),
      ],
    });
    const admin = testKafka(broker.bootstrap).admin();
    await admin.connect();
    try {
      await eventually(() => harness.worker.ready, 60_000, "worker ready");
      const memberIds = async () =>
        (await admin.describeGroups([groupId])).groups[0]?.members.map((m) => m.memberId) ?? [];
      const before = await memberIds();
      await harness.transport.publisher.publish(harness.topic, [{ key: "k", value: '{"message_type":"long"}' }]);
      await eventually(
        async () => (await harness.transport.lag(groupId, harness.topic)).every((p) => p.lag === 0) && runs > 0,
        60_000,
        "the long message committed",
      );
      expect(runs).toBe(1);
      expect(await memberIds()).toEqual(before);
    } finally {
      await admin.disconnect();
      await harness.close();
    }
  }, 120_000);
});
