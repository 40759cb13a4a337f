import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { LimitExceededError } from "../../src/errors";
import type { Publisher } from "../../src/queue/transport";
import { testApp } from "../support/app";
import { createKey } from "../support/auth";
import { eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";

let t: TestDatabase;
let published = 0;
const publisher: Publisher = {
  publish: async (_topic, messages) => {
    published += messages.length;
  },
};
let app: ReturnType<typeof testApp>["app"];
let deps: ReturnType<typeof testApp>["deps"];
/** Same database, a budget of 3 requests per minute per key. */
let strict: ReturnType<typeof testApp>["app"];

beforeAll(async () => {
  t = await createTestDatabase("limits");
  ({ app, deps } = testApp(t.database, {
    publisher,
    env: {
      REQUIRE_AUTH: "true",
      RATE_LIMIT_PER_MINUTE: "1000",
      GENERATION_QUOTA_PER_KEY_PER_HOUR: "5",
      GENERATION_QUOTA_GLOBAL_PER_HOUR: "8",
      POOL_REFILL_MAX_PER_HOUR: "60",
    },
  }));
  ({ app: strict } = testApp(t.database, { env: { REQUIRE_AUTH: "true", RATE_LIMIT_PER_MINUTE: "3" } }));
});
beforeEach(async () => {
  await t.truncate();
  published = 0;
  // Fixed windows: start well inside one, so a boundary cannot fall between the calls of a test.
  await eventually(async () => {
    const [row] = await t.database.rows<{ s: number; m: number }>(
      sql`SELECT extract(second FROM now())::int AS s, extract(minute FROM now())::int AS m`,
    );
    return (row?.s ?? 60) < 50 && (row?.m ?? 60) < 59;
  }, 90_000);
}, 120_000);
afterAll(() => t?.drop());

const requestRows = async () =>
  (await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM generation_requests`))[0]?.n;

const generate = (headers: Record<string, string>, body: unknown, extra: Record<string, string> = {}) =>
  app.request("/api/v1/problems/generate", {
    method: "POST",
    headers: { ...headers, ...extra, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("per-key requests per minute", () => {
  test("the request after the budget is a 429 with Retry-After and RateLimit headers", async () => {
    const { headers } = await createKey(t.database, ["read"]);
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await strict.request("/api/v1/pool", { headers });
      expect(res.status).toBe(200);
      remaining.push(res.headers.get("ratelimit-remaining"));
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const refused = await strict.request("/api/v1/pool", { headers });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get("ratelimit-reset")).toBe(String(retryAfter));
    expect(refused.headers.get("ratelimit-limit")).toBe("3");
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
  });

  test("each key has its own budget", async () => {
    const a = await createKey(t.database, ["read"]);
    const b = await createKey(t.database, ["read"]);
    for (let i = 0; i < 4; i++) await strict.request("/api/v1/pool", { headers: a.headers });
    expect((await strict.request("/api/v1/pool", { headers: a.headers })).status).toBe(429);
    expect((await strict.request("/api/v1/pool", { headers: b.headers })).status).toBe(200);
  });
});

describe("generation quotas in problems per hour", () => {
  test("over the key's quota: 429, nothing written, nothing published", async () => {
    const { headers } = await createKey(t.database, ["generate"]);
    expect((await generate(headers, { count: 3 })).status).toBe(202);
    expect(published).toBe(3);
    const rows = await requestRows();
    const refused = await generate(headers, { count: 3 });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("generation_quota_exceeded");
    expect(await requestRows()).toBe(rows);
    expect(published).toBe(3);
    // What is left of the quota can still be used.
    expect((await generate(headers, { count: 2 })).status).toBe(202);
  });

  test("the global quota caps all keys together", async () => {
    const a = await createKey(t.database, ["generate"]);
    const b = await createKey(t.database, ["generate"]);
    expect((await generate(a.headers, { count: 5 })).status).toBe(202);
    expect((await generate(b.headers, { count: 3 })).status).toBe(202);
    const refused = await generate(b.headers, { count: 1 });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("for the service");
    expect(published).toBe(8);
  });

  test("concurrent requests never take more than the quota", async () => {
    const { headers } = await createKey(t.database, ["generate"]);
    const answers = await Promise.all(Array.from({ length: 8 }, () => generate(headers, { count: 1 })));
    expect(answers.filter((r) => r.status === 202)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(3);
    expect(await requestRows()).toBe(5);
  });

  test("the pool refill is exempt from callers' quotas but stops at its own ceiling", async () => {
    const first = await deps.requests.createRefillIfNoneOpen(50, {
      bucket: "pool_refill:problems",
      limit: 60,
      windowSeconds: 3600,
    });
    expect(first).toBeDefined();
    await deps.requests.markFailed(first?.id ?? "", "queue_unavailable: test");
    // Callers still have their whole global quota.
    const a = await createKey(t.database, ["generate"]);
    const b = await createKey(t.database, ["generate"]);
    expect((await generate(a.headers, { count: 5 })).status).toBe(202);
    expect((await generate(b.headers, { count: 3 })).status).toBe(202);
    const ceiling = { bucket: "pool_refill:problems", limit: 60, windowSeconds: 3600 };
    expect(deps.requests.createRefillIfNoneOpen(50, ceiling)).rejects.toBeInstanceOf(LimitExceededError);
    await eventually(async () => (await requestRows()) === 3);
  });
});

describe("usage windows", () => {
  test("pruning deletes windows that ended more than a day ago and keeps the current ones", async () => {
    await deps.access.usage.hit("key:x:requests", 60);
    await t.database.rows(
      sql`INSERT INTO usage_windows (bucket, window_start, used) VALUES ('key:x:requests', now() - interval '2 days', 5)`,
    );
    await deps.access.usage.prune();
    const rows = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM usage_windows`);
    expect(rows[0]?.n).toBe(1);
  });
});
