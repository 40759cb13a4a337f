import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { deadLettersRepository } from "../../src/db/repositories/dead-letters";
import { generationRequestsRepository } from "../../src/db/repositories/generation-requests";
import { loadConjugationData } from "../../src/problems/french/conjugator";
import { createOpenAIGenerator } from "../../src/problems/generators/openai";
import { planProblem } from "../../src/problems/planner/plan-problem";
import { HEADERS } from "../../src/queue/headers";
import { generationMessages, type ProblemGenerationMessage, traceparentFor } from "../../src/queue/messages";
import { topicNames } from "../../src/queue/topics";
import type { WorkerConfig } from "../../src/worker/config";
import { defineHandler, type MessageHandler } from "../../src/worker/handlers/handler";
import { problemGenerationHandler } from "../../src/worker/handlers/problem-generation";
import { type FakeOpenAI, type FakeReply, startFakeOpenAI } from "../support/fake-openai";
import { type Broker, kafkaBroker, uniqueName } from "../support/kafka";
import { kcatProduce, kcatRead } from "../support/kcat";
import { eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { run } from "../support/processes";
import { LENIENT_GUARD, startTestWorker } from "../support/worker";

const ROOT = join(import.meta.dir, "..", "..");

let broker: Broker;
let t: TestDatabase;
let fake: FakeOpenAI;
let requests: ReturnType<typeof generationRequestsRepository>;
/** What the LLM double answers for a statement about `verb`; the n-th call about that verb counts from 0. */
const script = new Map<string, (n: number) => FakeReply>();
const callsPerVerb = new Map<string, number>();

beforeAll(async () => {
  loadConjugationData();
  broker = await kafkaBroker();
  t = await createTestDatabase("retry_dlq");
  requests = generationRequestsRepository(t.database);
  fake = startFakeOpenAI({
    apiKey: "sk-test",
    respond: (request) => {
      const text = JSON.stringify(request.body?.messages ?? []);
      for (const [verb, reply] of script) {
        if (!text.includes(verb)) continue;
        const n = callsPerVerb.get(verb) ?? 0;
        callsPerVerb.set(verb, n + 1);
        return reply(n);
      }
      return { kind: "success" };
    },
  });
}, 120_000);
afterAll(async () => {
  await fake?.stop();
  await t?.drop();
});

interface HandlerRun {
  messageId: string;
  attempt: string | undefined;
  startedAt: number;
  endedAt?: number;
  ok?: boolean;
}

/** The real handler with an LLM generator on the double, recording when each delivery ran (handler timestamps). */
function timedHandler(runs: HandlerRun[]): MessageHandler {
  const inner = problemGenerationHandler({
    requests,
    // No regeneration of unusable output: a scripted invalid answer fails its item at once.
    generator: createOpenAIGenerator({
      baseUrl: fake.url,
      apiKey: "sk-test",
      model: "m",
      timeoutMs: 5000,
      planProblem,
      maxRegenerations: 0,
    }),
  });
  return defineHandler<ProblemGenerationMessage>({
    ...(inner as unknown as MessageHandler<ProblemGenerationMessage>),
    async handle(message, context) {
      const run: HandlerRun = {
        messageId: message.message_id,
        attempt: context.envelope.headers[HEADERS.attempt],
        startedAt: performance.now(),
      };
      runs.push(run);
      try {
        const outcome = await inner.handle(message, context);
        run.ok = true;
        return outcome;
      } finally {
        run.endedAt = performance.now();
      }
    },
  });
}

async function workerWith(options: {
  runs?: HandlerRun[];
  partitions?: number;
  concurrency?: number;
  failures?: Partial<WorkerConfig["failures"]>;
}) {
  const prefix = `${uniqueName("dlq")}.`;
  const groupId = uniqueName("dlq-group");
  const harness = startTestWorker({
    bootstrap: broker.bootstrap,
    prefix,
    groupId,
    handlers: [timedHandler(options.runs ?? [])],
    partitions: options.partitions ?? 1,
    concurrency: options.concurrency ?? 4,
    database: t.database,
    failures: options.failures,
  });
  await eventually(() => harness.worker.ready, 60_000, "worker ready");
  const names = topicNames(prefix);
  /** A request of `count` items about `verb`, published the way the service publishes them. */
  const submit = async (count: number, verb: string) => {
    const row = await requests.create({ requestedCount: count });
    const messages = generationMessages({
      requestId: row.id,
      count,
      statementCount: 2,
      constraints: { verb_infinitives: [verb] },
      traceparent: traceparentFor(),
    });
    await harness.transport.publisher.publish(names.requests, messages);
    return { id: row.id, messages };
  };
  return { harness, names, prefix, groupId, submit };
}

const request = (id: string) => requests.get(id);
const stored = async (requestId: string) => {
  const [row] = await t.database.rows<{ n: number; distinct_messages: number }>(sql`
    SELECT count(*)::int AS n, count(DISTINCT source_message_id)::int AS distinct_messages
    FROM problems WHERE generation_request_id = ${requestId}`);
  return row;
};

describe("retries through the retry topic", () => {
  test("a 429 goes through the retry topic and succeeds, while a later message of the same partition completes meanwhile", async () => {
    script.set("parler", (n) => (n === 0 ? { kind: "rate_limited", retryAfter: "2" } : { kind: "success" }));
    const runs: HandlerRun[] = [];
    const { harness, names, submit } = await workerWith({ runs, partitions: 1 });
    try {
      const slow = await submit(1, "parler");
      const quick = await submit(1, "manger"); // same (only) partition, a later offset
      await eventually(async () => (await request(slow.id))?.status === "completed", 60_000, "retried item completed");
      await eventually(async () => (await request(quick.id))?.status === "completed", 60_000, "quick item completed");
      const slowId = slow.messages[0]?.key as string;
      const quickId = quick.messages[0]?.key as string;
      const slowRuns = runs.filter((r) => r.messageId === slowId);
      expect(slowRuns.map((r) => r.attempt)).toEqual(["1", "2"]);
      const quickRun = runs.find((r) => r.messageId === quickId && r.ok);
      // Not blocked: the later message finished before the retried one even started its second attempt.
      expect(quickRun?.endedAt).toBeLessThan(slowRuns[1]?.startedAt as number);
      // The retry waited at least the upstream's Retry-After (2 s) between the handler's attempts.
      expect((slowRuns[1]?.startedAt as number) - (slowRuns[0]?.endedAt as number)).toBeGreaterThanOrEqual(1900);
      expect(await stored(slow.id)).toEqual({ n: 1, distinct_messages: 1 });

      const [retry, ...more] = await kcatRead(broker.bootstrap, names.retry);
      expect(more).toHaveLength(0);
      expect(retry?.key).toBe(slowId);
      expect(retry?.headers).toMatchObject({ attempt: "2", original_topic: names.requests, original_partition: "0" });
      expect(retry?.headers.first_error).toStartWith("llm_rate_limited: ");
      expect(Number(retry?.headers.not_before)).toBeGreaterThan(0);
    } finally {
      await harness.close();
    }
  }, 120_000);
});

describe("the dead-letter topic", () => {
  test("after MAX_ATTEMPTS a message is dead-lettered with every header, value and key untouched; failed_count counts it once", async () => {
    script.set("finir", () => ({ kind: "server_error", status: 500 }));
    const { harness, names, groupId, submit } = await workerWith({
      partitions: 2,
      failures: { maxAttempts: 3, backoffBaseMs: 50, backoffMaxMs: 200 },
    });
    try {
      const { id, messages } = await submit(2, "finir");
      await eventually(async () => (await request(id))?.status === "failed", 60_000, "request failed");
      expect(await request(id)).toMatchObject({ generatedCount: 0, failedCount: 2 });
      const dead = await eventually(async () => {
        const read = await kcatRead(broker.bootstrap, names.dlq);
        return read.length >= 2 ? read : undefined;
      }, 30_000);
      expect(dead).toHaveLength(2);
      const originals = await kcatRead(broker.bootstrap, names.requests);
      for (const letter of dead) {
        const original = originals.find((o) => o.key === letter.key);
        const sent = messages.find((m) => m.key === letter.key);
        expect(letter.payload).toBe(sent?.value as string);
        expect(letter.headers).toMatchObject({
          original_topic: names.requests,
          original_partition: String(original?.partition),
          original_offset: String(original?.offset),
          consumer_group: groupId,
          attempts: "3",
          error_code: "llm_unavailable",
          error_class: "transient",
          traceparent: sent?.headers?.traceparent as string,
        });
        expect(letter.headers.error_message?.length).toBeGreaterThan(0);
        expect(letter.headers.first_error).toStartWith("llm_unavailable: ");
        expect(Date.parse(letter.headers.original_timestamp as string)).not.toBeNaN();
        expect(Date.parse(letter.headers.failed_at as string)).not.toBeNaN();
      }
      // Two retries each went through the retry topic before the DLQ.
      expect((await kcatRead(broker.bootstrap, names.retry)).map((m) => m.headers.attempt).sort()).toEqual([
        "2",
        "2",
        "3",
        "3",
      ]);
      expect((await deadLettersRepository(t.database).counts({ requestId: id })).byReason).toEqual([
        { reason: "llm_unavailable", count: 2 },
      ]);
    } finally {
      await harness.close();
    }
  }, 120_000);

  test("poison produced by kcat lands in the DLQ with its reason, never retried, and nothing is counted", async () => {
    const runs: HandlerRun[] = [];
    const { harness, names } = await workerWith({ runs, partitions: 1 });
    try {
      const wrongSchema = JSON.stringify({ message_type: "problem_generation", message_id: "not-a-uuid" });
      const unknownType = JSON.stringify({ message_type: "frobnicate" });
      await kcatProduce(broker.bootstrap, names.requests, 0, ["{not json", wrongSchema, unknownType]);
      const dead = await eventually(async () => {
        const read = await kcatRead(broker.bootstrap, names.dlq);
        return read.length >= 3 ? read : undefined;
      }, 30_000);
      const byPayload = dead.toSorted((a, b) => String(a.payload).localeCompare(String(b.payload)));
      expect(
        byPayload.map((d) => [d.payload, d.headers.error_code, d.headers.error_class, d.headers.attempts]),
      ).toEqual([
        [unknownType, "unknown_type", "poison", "1"],
        [wrongSchema, "schema_invalid", "poison", "1"],
        ["{not json", "not_json", "poison", "1"],
      ]);
      expect(runs).toHaveLength(0);
      expect(await kcatRead(broker.bootstrap, names.retry)).toHaveLength(0);
      const pending = await deadLettersRepository(t.database).listPending({ limit: 10 });
      expect(
        pending
          .filter((p) => p.originalTopic === names.requests)
          .map((p) => p.errorCode)
          .sort(),
      ).toEqual(["not_json", "schema_invalid", "unknown_type"]);
    } finally {
      await harness.close();
    }
  }, 120_000);
});

/** `bun run dlq ...` as an operator runs it, against this test's database and topics. */
function dlq(args: string[], prefix: string) {
  return run([process.execPath, join(ROOT, "scripts/dlq.ts"), ...args], {
    env: {
      DATABASE_URL: t.url,
      KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap,
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: "silent",
    },
  });
}

describe("dlq list and replay", () => {
  test("a partial request's dead-lettered item, replayed, turns the request completed with the counters right", async () => {
    // The first statement about "aimer" comes back unusable (a permanent failure); every later one is fine.
    script.set("aimer", (n) => (n === 0 ? { kind: "schema_mismatch" } : { kind: "success" }));
    const { harness, prefix, submit } = await workerWith({ partitions: 2 });
    try {
      const { id } = await submit(2, "aimer");
      await eventually(async () => (await request(id))?.status === "partial", 60_000, "request partial");
      expect(await request(id)).toMatchObject({ generatedCount: 1, failedCount: 1 });
      const listed = await dlq(["list", "--request", id], prefix);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain("pending 1, replayed 0");
      expect(listed.stdout).toContain("llm_invalid_output: 1");
      expect(listed.stdout).toContain(`request=${id}`);

      const dry = await dlq(["replay", "--request", id, "--dry-run"], prefix);
      expect(dry).toMatchObject({ code: 0 });
      expect(dry.stdout).toContain("would replay 1 (llm_invalid_output: 1)");
      expect((await dlq(["list", "--request", id], prefix)).stdout).toContain("pending 1, replayed 0");

      const replay = await dlq(["replay", "--request", id], prefix);
      expect(replay).toMatchObject({ code: 0 });
      expect(replay.stdout).toContain("replayed 1");
      await eventually(async () => (await request(id))?.status === "completed", 60_000, "replayed request completed");
      expect(await request(id)).toMatchObject({ generatedCount: 2, failedCount: 0, errorMessage: null });
      expect(await stored(id)).toEqual({ n: 2, distinct_messages: 2 });
      expect((await dlq(["list", "--request", id], prefix)).stdout).toContain("pending 0, replayed 1");
      expect((await dlq(["replay", "--request", id], prefix)).stdout).toContain("replayed 0");
    } finally {
      await harness.close();
    }
  }, 180_000);

  test("bad arguments exit 2 with the usage", async () => {
    for (const args of [["replay"], ["replay", "--all", "--request", crypto.randomUUID()], ["list", "--limit", "0"]]) {
      const { code, stderr } = await dlq(args, "unused.");
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toContain("usage: dlq");
    }
  }, 60_000);
});

describe("the DLQ guard", () => {
  test("more dead letters in a row than allowed: it stops dead-lettering, holds the partition and reports not-ready", async () => {
    const runs: HandlerRun[] = [];
    const { harness, names, groupId, submit } = await workerWith({
      runs,
      partitions: 1,
      concurrency: 1,
      failures: { guard: { ...LENIENT_GUARD, maxConsecutive: 3 } },
    });
    try {
      await kcatProduce(broker.bootstrap, names.requests, 0, ["p1", "p2", "p3", "p4", "p5"]);
      const after = await submit(1, "danser"); // a good message behind the poison
      const health = await eventually(() => (harness.worker.ready ? undefined : harness.worker.health()), 60_000);
      expect(health.detail).toContain("dead-letter guard tripped");
      expect(health.detail).toContain("more than 3 messages in a row");
      expect(await kcatRead(broker.bootstrap, names.dlq)).toHaveLength(3);
      // Held: nothing behind the refused message ran, and it is not committed.
      expect(runs).toHaveLength(0);
      expect(await request(after.id)).toMatchObject({ status: "pending", generatedCount: 0 });
      const lag = await eventually(async () => {
        const [partition] = await harness.transport.lag(groupId, names.requests);
        return partition?.lag === 3 ? partition : undefined;
      }, 30_000);
      expect(lag.lag).toBe(3); // p4, p5 and the good message
    } finally {
      await harness.close();
    }
  }, 120_000);
});
