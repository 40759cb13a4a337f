import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { problemGenerationMessageSchema } from "../../src/queue/messages";
import { topicNames } from "../../src/queue/topics";
import { testApp } from "../support/app";
import { markFailed, outboxMessages } from "../support/generation";
import { createTestDatabase, type TestDatabase } from "../support/postgres";

let t: TestDatabase;
let app: ReturnType<typeof testApp>["app"];

beforeAll(async () => {
  t = await createTestDatabase("generation_api");
  app = testApp(t.database).app;
});
afterAll(() => t?.drop());

/** Rows in a table, to show a refused request wrote nothing. */
const rowsIn = async (table: "generation_requests" | "outbox" | "usage_windows") =>
  (await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]?.n;

const post = (body: unknown, target = app, contentType = "application/json") =>
  target.request("/api/v1/problems/generate", {
    method: "POST",
    headers: { "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("POST /api/v1/problems/generate", () => {
  test("records a pending request with one outbox message per problem and answers 202 with a status URL", async () => {
    const res = await post({ count: 3, statement_count: 5, focus: "pronouns", topic_tags: ["unit-3"] });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { request_id: string; count: number; status: string; status_url: string };
    expect(body).toMatchObject({
      count: 3,
      status: "pending",
      status_url: `/api/v1/generation-requests/${body.request_id}`,
    });
    expect(res.headers.get("location")).toBe(body.status_url);
    const queued = await outboxMessages(t.database, body.request_id);
    expect(queued.map((m) => m.value.index)).toEqual([0, 1, 2]);
    for (const m of queued) {
      expect(problemGenerationMessageSchema.parse(m.value)).toMatchObject({ statement_count: 5, focus: "pronouns" });
      expect(m).toMatchObject({ topic: topicNames("").requests, key: m.value.message_id });
      expect(m.headers.traceparent).toMatch(/^00-[\da-f]{32}-[\da-f]{16}-01$/);
    }

    const status = (await (await app.request(body.status_url)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({
      id: body.request_id,
      status: "pending",
      requested_count: 3,
      generated_count: 0,
      failed_count: 0,
      progress: 0,
      problem_ids: [],
    });
    expect(status.metadata).toEqual({ statement_count: 5, focus: "pronouns", topic_tags: ["unit-3"] });
  });

  test("an empty JSON object asks for one problem with default settings", async () => {
    const res = await post({});
    expect(res.status).toBe(202);
    expect(((await res.json()) as { count: number }).count).toBe(1);
  });

  test.each([
    [{ count: 0 }, "json.count"],
    [{ count: 101 }, "json.count"],
    [{ count: "5" }, "json.count"],
    [{ count: 1.5 }, "json.count"],
    [{ statement_count: 1 }, "json.statement_count"],
    [{ statement_count: 7 }, "json.statement_count"],
    [{ focus: "spelling" }, "json.focus"],
    [{ constraints: { tenses_used: ["aorist"] } }, "json.constraints.tenses_used.0"],
    [{ constraints: { includes_negation: "yes" } }, "json.constraints.includes_negation"],
    [{ constraints: { mood: "x" } }, "json.constraints"],
    [{ topic_tags: ["Bad Tag"] }, "json.topic_tags.0"],
    [{ topic_tags: "unit-3" }, "json.topic_tags"],
    [{ colour: "blue" }, "json"],
  ])("body %j is a 400 naming %s", async (body, field) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe("validation_error");
    expect(error.message).toContain(field);
  });

  test.each([
    [{ constraints: { verb_infinitives: ["xyzzy"] } }, "unknown_verb", "xyzzy"],
    [{ focus: "conjugation", constraints: { includes_cod: true } }, "validation_error", "json.constraints"],
  ])(
    "constraints no problem can meet (%j) are a 400 before anything is recorded or queued",
    async (body, code, mention) => {
      const before = [await rowsIn("generation_requests"), await rowsIn("outbox")];
      const res = await post(body);
      expect(res.status).toBe(400);
      const error = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe(code);
      expect(error.message).toContain(mention);
      expect([await rowsIn("generation_requests"), await rowsIn("outbox")]).toEqual(before);
    },
  );

  test("topic tags the service derives itself cannot be set by a caller", async () => {
    const res = await post({ topic_tags: ["focus:pronouns"] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("json.topic_tags.0");
  });

  test("a body over the size limit is a 413 payload_too_large", async () => {
    const res = await post(JSON.stringify({ count: 1, padding: "x".repeat(20_000) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  test("a body that is not JSON is a 400 invalid_json", async () => {
    const res = await post("{count: 3");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
  });

  test("a body that is not sent as JSON is a 415, never an all-defaults request", async () => {
    const res = await post("count=3", app, "application/x-www-form-urlencoded");
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
  });

  test("the request and its outbox messages are one transaction: a failed outbox write leaves no request", async () => {
    const before = [await rowsIn("generation_requests"), await rowsIn("outbox"), await rowsIn("usage_windows")];
    // A real failure of the outbox INSERT, raised by the server after the request row was written.
    await t.database.rows(sql`CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'outbox write refused by the test'; END $$`);
    await t.database.rows(
      sql`CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_outbox()`,
    );
    try {
      const res = await post({ count: 2 });
      expect(res.status).toBe(500);
      expect([await rowsIn("generation_requests"), await rowsIn("outbox"), await rowsIn("usage_windows")]).toEqual(
        before,
      );
    } finally {
      await t.database.rows(sql`DROP TRIGGER refuse_outbox ON outbox`);
      await t.database.rows(sql`DROP FUNCTION refuse_outbox()`);
    }
  });

  test("past OUTBOX_MAX_PENDING waiting messages: 503 queue_backlog_full, and nothing is written", async () => {
    const earlier = (await rowsIn("outbox")) ?? 0;
    const { app: bounded } = testApp(t.database, { env: { OUTBOX_MAX_PENDING: String(earlier + 5) } });
    // No relay runs here, as when the broker is down: what is accepted stays in the outbox.
    expect((await post({ count: 3 }, bounded)).status).toBe(202);
    const before = [await rowsIn("generation_requests"), await rowsIn("outbox"), await rowsIn("usage_windows")];
    const used = await t.database.rows(sql`SELECT bucket, used FROM usage_windows ORDER BY bucket`);
    const refused = await post({ count: 3 }, bounded);
    expect(refused.status).toBe(503);
    const error = ((await refused.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe("queue_backlog_full");
    expect(error.message).toContain(`${earlier + 3} messages are already waiting`);
    expect([await rowsIn("generation_requests"), await rowsIn("outbox"), await rowsIn("usage_windows")]).toEqual(
      before,
    );
    expect(await t.database.rows(sql`SELECT bucket, used FROM usage_windows ORDER BY bucket`)).toEqual(used);
    // What still fits is accepted.
    expect((await post({ count: 2 }, bounded)).status).toBe(202);
    expect(await rowsIn("outbox")).toBe(earlier + 5);
  });
});

describe("GET /api/v1/generation-requests", () => {
  test("an unknown id is a 404; a malformed one a 400", async () => {
    const missing = await app.request("/api/v1/generation-requests/00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("generation_request_not_found");
    expect((await app.request("/api/v1/generation-requests/42")).status).toBe(400);
  });

  test("lists recent requests newest first, filtered by status", async () => {
    const [latest] = await t.database.rows<{ id: string }>(
      sql`SELECT id FROM generation_requests ORDER BY requested_at DESC LIMIT 1`,
    );
    await markFailed(t.database, latest?.id ?? "", "llm_unavailable: test");
    const all = (await (await app.request("/api/v1/generation-requests?limit=100")).json()) as {
      requests: { status: string; requested_at: string }[];
    };
    expect(all.requests.length).toBeGreaterThanOrEqual(3);
    const times = all.requests.map((r) => r.requested_at);
    expect([...times].sort().reverse()).toEqual(times);
    const failed = (await (await app.request("/api/v1/generation-requests?status=failed")).json()) as {
      requests: { status: string }[];
    };
    expect(failed.requests.length).toBeGreaterThanOrEqual(1);
    expect(failed.requests.every((r) => r.status === "failed")).toBe(true);
  });

  test.each([["status=done"], ["limit=0"], ["limit=101"], ["limit=abc"]])("bad query %s is a 400", async (query) => {
    expect((await app.request(`/api/v1/generation-requests?${query}`)).status).toBe(400);
  });
});

describe("GET /api/v1/pool", () => {
  test("reports total, unserved, oldest served and open requests", async () => {
    const pool = (await (await app.request("/api/v1/pool")).json()) as Record<string, unknown>;
    expect(pool).toMatchObject({ total: 0, unserved: 0, oldest_served_at: null, min_unserved: 0 });
    expect(pool.open_requests).toBeGreaterThanOrEqual(2);
  });
});
