import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { type FakeOpenAI, type FakeReply, startFakeOpenAI } from "../support/fake-openai";
import { type Broker, kafkaBroker, testKafka, uniqueName } from "../support/kafka";
import { eventually } from "../support/logs";
import { createTestDatabase } from "../support/postgres";
import { type ServiceProcess, spawnService } from "../support/service-process";

let broker: Broker;
let llm: FakeOpenAI;
/** While set, every LLM answer waits for it: the test decides when work may finish. */
let hold: PromiseWithResolvers<void> | undefined;

beforeAll(async () => {
  broker = await kafkaBroker();
  llm = startFakeOpenAI({
    apiKey: "sk-test",
    respond: (): FakeReply => (hold ? { kind: "success", heldUntil: hold.promise } : { kind: "success" }),
  });
}, 120_000);
afterAll(async () => {
  hold?.resolve();
  await llm?.stop();
});

const holdAnswers = () => {
  hold = Promise.withResolvers<void>();
};
const releaseAnswers = () => {
  hold?.resolve();
  hold = undefined;
};

/** One environment: its database, topics and group, and the services started on it. */
async function environment(label: string) {
  const t = await createTestDatabase(label);
  const prefix = `${uniqueName(label)}.`;
  const services: ServiceProcess[] = [];
  const start = async () => {
    const service = spawnService({
      DATABASE_URL: t.url,
      KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap,
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_TOPIC_PARTITIONS: "6",
      ENABLE_WORKER: "true",
      WORKER_CONCURRENCY: "16",
      LLM_MAX_CONCURRENCY: "32",
      ...llm.env,
      POOL_MIN_UNSERVED: "0",
      SHUTDOWN_TIMEOUT_MS: "5000",
      // A killed member's partitions move on once its session expires.
      WORKER_SESSION_TIMEOUT_MS: "10000",
    });
    services.push(service);
    const url = await service.listening();
    await eventually(async () => (await fetch(new URL("/health/ready", url))).ok, 90_000, "worker ready");
    return { service, url };
  };
  const submit = async (url: URL, count: number) => {
    const res = await fetch(new URL("/api/v1/problems/generate", url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count, statement_count: 2 }),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { request_id: string }).request_id;
  };
  const stored = async () =>
    (await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM problems`))[0]?.n ?? 0;
  const totals = async () =>
    (
      await t.database.rows<{
        problems: number;
        messages: number;
        generated: number;
        failed: number;
        completed: number;
      }>(sql`
      SELECT (SELECT count(*)::int FROM problems) AS problems,
             (SELECT count(DISTINCT source_message_id)::int FROM problems) AS messages,
             (SELECT coalesce(sum(generated_count), 0)::int FROM generation_requests) AS generated,
             (SELECT coalesce(sum(failed_count), 0)::int FROM generation_requests) AS failed,
             (SELECT count(*)::int FROM generation_requests WHERE status = 'completed') AS completed`)
    )[0];
  const members = async () => {
    const admin = testKafka(broker.bootstrap).admin();
    await admin.connect();
    try {
      return (await admin.describeGroups([`${prefix}problem-generator-workers`])).groups[0]?.members.length ?? 0;
    } finally {
      await admin.disconnect();
    }
  };
  return {
    start,
    submit,
    stored,
    totals,
    members,
    async close() {
      releaseAnswers();
      await Promise.all(services.map((s) => s.kill()));
      await t.drop();
    },
  };
}

describe("exactly once in effect across crashes and rebalances", () => {
  test("kill -9 of the worker mid-run, then a restart: exactly the requested problems, no duplicates", async () => {
    const env = await environment("crash");
    try {
      const first = await env.start();
      const ids = [await env.submit(first.url, 100), await env.submit(first.url, 100)];
      await eventually(async () => (await env.stored()) >= 20, 90_000, "some problems stored");
      // From here answers wait: the process dies with messages in flight and finished ones not yet committed.
      holdAnswers();
      const heldBefore = llm.requests.length;
      await eventually(() => llm.requests.length > heldBefore, 30_000, "LLM calls in flight");
      expect(await env.stored()).toBeLessThan(200);
      first.service.child.kill("SIGKILL");
      await first.service.child.exited;
      releaseAnswers();

      const second = await env.start();
      await eventually(async () => (await env.totals())?.completed === ids.length, 120_000, "both requests done");
      expect(await env.totals()).toEqual({ problems: 200, messages: 200, generated: 200, failed: 0, completed: 2 });
      await second.service.kill();
    } finally {
      await env.close();
    }
  }, 300_000);

  test("a second process joins and then leaves during 2,000 messages: nothing lost, nothing stored twice", async () => {
    const env = await environment("rebalance");
    try {
      const first = await env.start();
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push(await env.submit(first.url, 100));
      await eventually(async () => (await env.stored()) >= 100, 120_000, "work under way");
      // Answers wait while the second process joins, so the rebalance surely happens mid-run.
      holdAnswers();
      const second = await env.start();
      await eventually(async () => (await env.members()) === 2, 90_000, "two members");
      expect(await env.stored()).toBeLessThan(2000);
      releaseAnswers();
      await second.service.waitForLog((l) => l.msg === "problem generated", 90_000, "the second process working");
      // It leaves with work in flight (held, so abandoned at its drain deadline); the first takes its partitions back.
      holdAnswers();
      second.service.child.kill("SIGTERM");
      await second.service.child.exited;
      expect(await env.stored()).toBeLessThan(2000);
      releaseAnswers();
      await eventually(async () => (await env.totals())?.completed === 20, 240_000, "all 20 requests done");
      expect(await env.totals()).toEqual({
        problems: 2000,
        messages: 2000,
        generated: 2000,
        failed: 0,
        completed: 20,
      });
    } finally {
      await env.close();
    }
  }, 420_000);
});
