import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import type { Publisher } from "../../src/queue/transport";
import { testApp } from "../support/app";
import { createKey } from "../support/auth";
import { createTestDatabase, type TestDatabase } from "../support/postgres";

let t: TestDatabase;
let published = 0;
/** While true the broker refuses every message, as a Kafka outage would. */
let brokerDown = false;
const publisher: Publisher = {
  publish: async (_topic, messages) => {
    if (brokerDown) throw new Error("broker unreachable");
    published += messages.length;
  },
};
let app: ReturnType<typeof testApp>["app"];

beforeAll(async () => {
  t = await createTestDatabase("idempotency");
  ({ app } = testApp(t.database, { publisher, env: { REQUIRE_AUTH: "true", RATE_LIMIT_PER_MINUTE: "1000" } }));
});
beforeEach(async () => {
  await t.truncate();
  published = 0;
  brokerDown = false;
});
afterAll(() => t?.drop());

const requestRows = async () =>
  (await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM generation_requests`))[0]?.n;

const generate = (headers: Record<string, string>, body: unknown, key?: string) =>
  app.request("/api/v1/problems/generate", {
    method: "POST",
    headers: { ...headers, ...(key ? { "idempotency-key": key } : {}), "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe("Idempotency-Key on POST generate", () => {
  test("a repeated key replays the first answer byte for byte, although the request has moved on", async () => {
    const { headers } = await createKey(t.database, ["generate"]);
    const first = await generate(headers, { count: 2 }, "order-17");
    const firstText = await first.text();
    expect(first.status).toBe(202);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(JSON.parse(firstText).status).toBe("pending");
    // The request progresses: the replay must still be the answer the caller was given first.
    await t.database.rows(sql`UPDATE generation_requests SET status = 'processing', generated_count = 1`);

    const again = await generate(headers, { count: 2 }, "order-17");
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("content-type")).toBe("application/json");
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(await again.text()).toBe(firstText);
    expect(await requestRows()).toBe(1);
    expect(published).toBe(2);
  });

  test("the same key with another body is a 422 and writes nothing", async () => {
    const { headers } = await createKey(t.database, ["generate"]);
    await generate(headers, { count: 1 }, "k1");
    const res = await generate(headers, { count: 2 }, "k1");
    expect(res.status).toBe(422);
    expect(await errorCode(res)).toBe("idempotency_key_reused");
    expect(await requestRows()).toBe(1);
  });

  test("the same key sent concurrently creates one request; the others replay it or are told it is in progress", async () => {
    const { headers } = await createKey(t.database, ["generate"]);
    const answers = await Promise.all(Array.from({ length: 4 }, () => generate(headers, { count: 1 }, "same")));
    const bodies = await Promise.all(answers.map(async (r) => ({ status: r.status, body: await r.json() })));
    const accepted = bodies.filter((b) => b.status === 202);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(new Set(accepted.map((b) => (b.body as { request_id: string }).request_id)).size).toBe(1);
    for (const b of bodies.filter((b) => b.status !== 202)) {
      expect(b.status).toBe(409);
      expect((b.body as { error: { code: string } }).error.code).toBe("idempotency_key_in_progress");
    }
    expect(await requestRows()).toBe(1);
    expect(published).toBe(1);
  });

  test("a key whose first request is still being recorded answers 409, not a guess", async () => {
    const { headers } = await createKey(t.database, ["generate"]);
    await generate(headers, { count: 1 }, "slow");
    // As if the first request had not yet been published and answered.
    await t.database.rows(sql`UPDATE generation_requests SET idempotent_status = NULL, idempotent_body = NULL`);
    const res = await generate(headers, { count: 1 }, "slow");
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe("idempotency_key_in_progress");
    expect(await requestRows()).toBe(1);
  });

  test("keys are scoped per API key: two keys using the same Idempotency-Key get two requests", async () => {
    const a = await createKey(t.database, ["generate"]);
    const b = await createKey(t.database, ["generate"]);
    const first = (await (await generate(a.headers, { count: 1 }, "same")).json()) as { request_id: string };
    const other = await generate(b.headers, { count: 1 }, "same");
    expect(other.status).toBe(202);
    expect(other.headers.get("idempotent-replayed")).toBeNull();
    expect(((await other.json()) as { request_id: string }).request_id).not.toBe(first.request_id);
    expect(await requestRows()).toBe(2);
  });

  test("a 503 from an unavailable queue is not stored: a retry with the same key is a new attempt", async () => {
    const { headers } = await createKey(t.database, ["generate"]);
    brokerDown = true;
    const failed = await generate(headers, { count: 1 }, "retry-me");
    expect(failed.status).toBe(503);
    brokerDown = false;
    const retried = await generate(headers, { count: 1 }, "retry-me");
    expect(retried.status).toBe(202);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    expect(published).toBe(1);
    const replay = await generate(headers, { count: 1 }, "retry-me");
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
  });

  test("a stored answer expires after 24 hours: the key then starts a new request, whatever the body", async () => {
    const { headers } = await createKey(t.database, ["generate"]);
    await generate(headers, { count: 1 }, "old");
    await t.database.rows(sql`UPDATE generation_requests SET requested_at = now() - interval '25 hours'`);
    const res = await generate(headers, { count: 2 }, "old");
    expect(res.status).toBe(202);
    expect(res.headers.get("idempotent-replayed")).toBeNull();
    expect(await requestRows()).toBe(2);
    expect(published).toBe(3);
  });

  test("a malformed key is a 400 and writes nothing", async () => {
    const { headers } = await createKey(t.database, ["generate"]);
    const res = await generate(headers, { count: 1 }, "x".repeat(201));
    expect(res.status).toBe(400);
    expect(await requestRows()).toBe(0);
  });
});
