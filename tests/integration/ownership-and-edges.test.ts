import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { connect } from "node:net";
import type { Server } from "bun";
import { sql } from "drizzle-orm";
import { createApp } from "../../src/http/app";
import { serveHttp } from "../../src/http/server";
import { silentLogger, testApp } from "../support/app";
import { createKey } from "../support/auth";
import { capturingLogger, eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { sampleProblem } from "../support/problems";

let t: TestDatabase;
let app: ReturnType<typeof testApp>["app"];
let deps: ReturnType<typeof testApp>["deps"];

beforeAll(async () => {
  t = await createTestDatabase("ownership");
  ({ app, deps } = testApp(t.database, {
    // Usage is written only when a test flushes it: the periodic flush would race the batching test.
    env: { REQUIRE_AUTH: "true", CORS_ORIGINS: "https://quiz.example", API_KEY_USAGE_FLUSH_MS: "3600000" },
  }));
});
beforeEach(() => t.truncate());
afterAll(() => t?.drop());

type Json = Record<string, unknown> & { error?: { code: string; message: string } };
const json = async (res: Response) => (await res.json()) as Json;
const generate = (headers: Record<string, string>, body: unknown) =>
  app.request("/api/v1/problems/generate", {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("a generation request belongs to its key", () => {
  test("key A cannot read or list key B's requests; an admin sees both", async () => {
    const a = await createKey(t.database, ["generate"]);
    const b = await createKey(t.database, ["generate"]);
    const admin = await createKey(t.database, ["admin"]);
    const mine = (await json(await generate(a.headers, { count: 1 }))).request_id as string;
    const theirs = (await json(await generate(b.headers, { count: 1 }))).request_id as string;

    expect((await app.request(`/api/v1/generation-requests/${mine}`, { headers: a.headers })).status).toBe(200);
    const denied = await app.request(`/api/v1/generation-requests/${theirs}`, { headers: a.headers });
    expect(denied.status).toBe(404); // not 403: the id's existence is not disclosed either
    expect((await json(denied)).error?.code).toBe("generation_request_not_found");

    const listed = (await json(await app.request("/api/v1/generation-requests", { headers: a.headers }))).requests as {
      id: string;
    }[];
    expect(listed.map((r) => r.id)).toEqual([mine]);
    const all = (await json(await app.request("/api/v1/generation-requests", { headers: admin.headers }))).requests as {
      id: string;
    }[];
    expect(all.map((r) => r.id).toSorted()).toEqual([mine, theirs].toSorted());
    expect((await app.request(`/api/v1/generation-requests/${theirs}`, { headers: admin.headers })).status).toBe(200);
  });

  test("error_message is a fixed sentence; the detailed text (hosts, topics, driver text) stays private", async () => {
    const a = await createKey(t.database, ["generate"]);
    const id = (await json(await generate(a.headers, { count: 1 }))).request_id as string;
    await deps.requests.markFailed(
      id,
      "queue_unavailable: could not publish to lqs-prod.requests: getaddrinfo ENOTFOUND kafka.internal:9092",
    );
    const body = await json(await app.request(`/api/v1/generation-requests/${id}`, { headers: a.headers }));
    expect(body.error_message).toBe("the generation queue was unavailable, so nothing was generated");
    const other = await deps.requests.create({ requestedCount: 1, apiKeyId: a.id });
    await deps.requests.markFailed(other.id, "weird_code: This server does not host this topic-partition");
    const generic = await json(await app.request(`/api/v1/generation-requests/${other.id}`, { headers: a.headers }));
    expect(generic.error_message).toBe("some problems could not be generated");
  });

  test("caller topic_tags need the admin scope; refused requests write nothing", async () => {
    const a = await createKey(t.database, ["generate"]);
    const refused = await generate(a.headers, { count: 1, topic_tags: ["my-tag"] });
    expect(refused.status).toBe(403);
    expect((await json(refused)).error?.code).toBe("insufficient_scope");
    const rows = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM generation_requests`);
    expect(rows[0]?.n).toBe(0);
    const admin = await createKey(t.database, ["admin"]);
    expect((await generate(admin.headers, { count: 1, topic_tags: ["my-tag"] })).status).toBe(202);
  });
});

describe("reads that do not spend", () => {
  test("HEAD on random serves nothing; GET serves, and both say Cache-Control: no-store", async () => {
    const { headers } = await createKey(t.database, ["read"]);
    await deps.problems.insert(sampleProblem(1));
    const head = await app.request("/api/v1/problems/random", { method: "HEAD", headers });
    expect(head.status).toBe(200);
    expect(head.headers.get("cache-control")).toBe("no-store");
    expect((await deps.problems.poolStats()).unserved).toBe(1);
    const get = await app.request("/api/v1/problems/random", { headers });
    expect(get.status).toBe(200);
    expect(get.headers.get("cache-control")).toBe("no-store");
    expect((await deps.problems.poolStats()).unserved).toBe(0);
  });
});

describe("keys through the admin routes", () => {
  test("a created key is shown once: never in logs, listings, revocation answers or later responses", async () => {
    // Every line the app writes, at every level, while the key is created, listed, revoked and presented.
    const logs = capturingLogger("trace");
    const app = createApp({ ...deps, healthChecks: [], logger: logs.logger, version: "t" });
    const admin = await createKey(t.database, ["admin"]);
    const created = await app.request("/api/v1/admin/api-keys", {
      method: "POST",
      headers: { ...admin.headers, "content-type": "application/json" },
      body: JSON.stringify({ name: "reader", scopes: ["read"], allowed_cidrs: ["10.0.0.0/8"] }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const body = await json(created);
    const key = body.key as string;
    expect(key).toMatch(/^lqs_[A-Za-z0-9_-]{43,}$/);
    expect(body.prefix).toBe(key.slice(0, 12));

    const later: string[] = [];
    const list = await app.request("/api/v1/admin/api-keys", { headers: admin.headers });
    later.push(await list.text());
    const revoked = await app.request(`/api/v1/admin/api-keys/${body.id}`, {
      method: "DELETE",
      headers: admin.headers,
    });
    expect(revoked.status).toBe(200);
    later.push(await revoked.text());
    const refused = await app.request("/api/v1/pool", { headers: { "x-api-key": key } });
    expect(refused.status).toBe(401);
    later.push(await refused.text());
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const text of [...later, logs.text()]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(key.slice(12));
      expect(text).not.toContain("key_hash");
    }
  });

  test("bad key requests are 400s in the error shape; an unknown id is a 404", async () => {
    const admin = await createKey(t.database, ["admin"]);
    for (const body of [
      { name: "x", scopes: [] },
      { name: "x", scopes: ["root"] },
      { name: "x", scopes: ["read"], allowed_cidrs: ["10.0.0.0/33"] },
    ]) {
      const res = await app.request("/api/v1/admin/api-keys", {
        method: "POST",
        headers: { ...admin.headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect((await json(res)).error?.code).toBe("validation_error");
    }
    const missing = await app.request(`/api/v1/admin/api-keys/${crypto.randomUUID()}`, {
      method: "DELETE",
      headers: admin.headers,
    });
    expect(missing.status).toBe(404);
  });

  test("usage count and last use are written in batches", async () => {
    const reader = await createKey(t.database, ["read"]);
    for (let i = 0; i < 3; i++) await app.request("/api/v1/pool", { headers: reader.headers });
    const before = await t.database.rows<{ usage_count: string }>(
      sql`SELECT usage_count FROM api_keys WHERE id = ${reader.id}`,
    );
    expect(Number(before[0]?.usage_count)).toBe(0); // nothing written per request
    await deps.access.authenticator.flush();
    const after = await t.database.rows<{ usage_count: string; last_used_at: unknown }>(
      sql`SELECT usage_count, last_used_at FROM api_keys WHERE id = ${reader.id}`,
    );
    expect(Number(after[0]?.usage_count)).toBe(3);
    expect(after[0]?.last_used_at).not.toBeNull();
  });
});

describe("edges", () => {
  test("API answers carry nosniff, no referrer, no framing and the strictest CSP; HSTS only in production", async () => {
    const res = await app.request("/health/live");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const production = testApp(t.database, {
      env: {
        NODE_ENV: "production",
        REQUIRE_AUTH: "true",
        DATABASE_URL: t.url,
        KAFKA_BOOTSTRAP_SERVERS: "127.0.0.1:9092",
      },
    });
    const secure = await production.app.request("/health/live");
    expect(secure.headers.get("strict-transport-security")).toContain("max-age=");
  });

  test("CORS answers only the configured origins", async () => {
    const preflight = (origin: string) =>
      app.request("/api/v1/pool", {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "x-api-key" },
      });
    expect((await preflight("https://quiz.example")).headers.get("access-control-allow-origin")).toBe(
      "https://quiz.example",
    );
    expect((await preflight("https://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
  });

  test("/metrics needs its bearer token when one is configured", async () => {
    const scraped = createApp({
      ...deps,
      access: { ...deps.access, metricsToken: "a-long-metrics-token" },
      scrapeMetrics: async () => "up 1\n",
      healthChecks: [],
      logger: silentLogger,
      version: "test",
    });
    const refused = await scraped.request("/metrics");
    expect(refused.status).toBe(401);
    expect((await json(refused)).error?.code).toBe("invalid_metrics_token");
    const wrong = await scraped.request("/metrics", { headers: { authorization: "Bearer a-long-metrics-tokeN" } });
    expect(wrong.status).toBe(401);
    const ok = await scraped.request("/metrics", { headers: { authorization: "Bearer a-long-metrics-token" } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("up 1\n");
  });
});

describe("raw HTTP over a socket", () => {
  let server: Server<undefined>;
  const logs = capturingLogger("info");
  beforeAll(() => {
    const withLogs = createApp({ ...testApp(t.database).deps, healthChecks: [], logger: logs.logger, version: "t" });
    server = serveHttp(withLogs.fetch, { port: 0, hostname: "127.0.0.1", logger: silentLogger });
  });
  afterAll(() => server?.stop(true));

  /** Sends raw bytes and returns everything the server answers until it closes (or `end` is seen). */
  function raw(bytes: string, until = "\r\n\r\n"): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(server.port ?? 0, "127.0.0.1");
      let answer = "";
      socket.on("data", (d) => {
        answer += d.toString();
        const head = answer.indexOf(until);
        const length = /content-length: (\d+)/i.exec(answer)?.[1];
        if (head >= 0 && length !== undefined && answer.length >= head + 4 + Number(length)) socket.end();
      });
      socket.on("close", () => resolve(answer));
      socket.on("error", reject);
      socket.write(bytes);
    });
  }

  test("a missing or invalid Host is a 400 before routing, in the error shape, and writes nothing", async () => {
    for (const request of [
      "GET /health/live HTTP/1.0\r\n\r\n",
      "POST /anything/api/v1/problems/generate HTTP/1.0\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}",
      "GET /health/live HTTP/1.1\r\nHost: a/b\r\nconnection: close\r\n\r\n",
      "GET /health/live HTTP/1.1\r\nHost: bad host!\r\nconnection: close\r\n\r\n",
    ]) {
      const answer = await raw(request);
      expect(answer).toStartWith("HTTP/1.1 400");
      expect(answer).toContain('{"error":{"code":"invalid_host"');
    }
    // HTTP/1.1 without Host never reaches the app: Bun's parser answers 400 itself (with no body).
    const bun = await raw(
      "POST /anything/api/v1/problems/generate HTTP/1.1\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
    );
    expect(bun).toStartWith("HTTP/1.1 400");
    const rows = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM generation_requests`);
    expect(rows[0]?.n).toBe(0);
  });

  test("a client that aborts a chunked upload is logged as a client abort, not a 500", async () => {
    const socket = connect(server.port ?? 0, "127.0.0.1");
    await new Promise<void>((resolve) => socket.on("connect", resolve));
    socket.write(
      'POST /api/v1/problems/generate HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n5\r\n{"cou\r\n',
    );
    // The app is reading the body when the client goes away.
    await eventually(() => server.pendingRequests > 0, 20_000, "the upload in flight");
    socket.destroy();
    await eventually(
      () => logs.lines.some((l) => l.msg === "client aborted the request" || (l.msg === "request" && l.status === 499)),
      20_000,
      "the abort logged",
    );
    expect(logs.lines.filter((l) => l.msg === "unhandled error" || l.status === 500)).toEqual([]);
  });
});
