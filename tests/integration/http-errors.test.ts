import { afterAll, beforeAll, describe, expect, spyOn, test } from "bun:test";
import { createDatabase } from "../../src/db/client";
import { problemsRepository } from "../../src/db/repositories/problems";
import { createApp } from "../../src/http/app";
import { silentLogger, testApp } from "../support/app";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { sampleProblem } from "../support/problems";

let t: TestDatabase;
let app: ReturnType<typeof createApp>;
let storedId: string;

beforeAll(async () => {
  t = await createTestDatabase("http_errors");
  const problems = problemsRepository(t.database);
  app = testApp(t.database).app;
  storedId = (await problems.insert(sampleProblem(1))).id;
});
afterAll(() => t?.drop());

async function errorOf(path: string) {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
}

describe("problems endpoints", () => {
  test("GET /problems/:id returns the problem without metadata by default, with it on request", async () => {
    const plain = (await (await app.request(`/api/v1/problems/${storedId}`)).json()) as Record<string, unknown>;
    expect(plain.id).toBe(storedId);
    expect(plain.metadata).toBeUndefined();
    const full = (await (await app.request(`/api/v1/problems/${storedId}?include_metadata=true`)).json()) as Record<
      string,
      unknown
    >;
    expect((full.metadata as { verb_infinitives: string[] }).verb_infinitives).toEqual(["manger"]);
  });

  test("a malformed id is a 400 naming the parameter, never a 500", async () => {
    const { status, body } = await errorOf("/api/v1/problems/not-a-uuid");
    expect(status).toBe(400);
    expect(body.error.code).toBe("validation_error");
    expect(body.error.message).toContain("param.id");
  });

  test("an unknown id is a 404 problem_not_found", async () => {
    const { status, body } = await errorOf("/api/v1/problems/00000000-0000-4000-8000-000000000000");
    expect(status).toBe(404);
    expect(body.error.code).toBe("problem_not_found");
  });

  test.each([
    ["include_metadata=maybe", "query.include_metadata"],
    ["focus=spelling", "query.focus"],
    ["tense=aorist", "query.tense"],
    ["topic_tag=Not%20A%20Tag", "query.topic_tag"],
  ])("bad query %s is a 400 naming %s", async (query, field) => {
    const { status, body } = await errorOf(`/api/v1/problems/random?${query}`);
    expect(status).toBe(400);
    expect(body.error.message).toContain(field);
  });

  test("an empty pool after filters is a 404 no_problems_available", async () => {
    const { status, body } = await errorOf("/api/v1/problems/random?focus=pronouns");
    expect(status).toBe(404);
    expect(body.error.code).toBe("no_problems_available");
    expect(body.error.message).toContain("focus:pronouns");
  });

  test("repeated topic_tag values must all match", async () => {
    expect((await app.request("/api/v1/problems/random?topic_tag=verb:manger&topic_tag=tense:present")).status).toBe(
      200,
    );
    expect((await app.request("/api/v1/problems/random?topic_tag=verb:manger&topic_tag=tense:imparfait")).status).toBe(
      404,
    );
  });
});

describe("the one error shape", () => {
  test("an unknown route is a 404 with {error:{code,message}}", async () => {
    const { status, body } = await errorOf("/api/v2/nothing");
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: "not_found", message: "no route for GET /api/v2/nothing" });
  });

  test("an unexpected throw is a 500 that leaks no stack trace", async () => {
    const { deps } = testApp(t.database);
    const broken = createApp({
      ...deps,
      problems: {
        ...deps.problems,
        findById: () => {
          throw new Error("secret internals at /srv/app.ts:12");
        },
      },
      healthChecks: [],
      logger: silentLogger,
      version: "test",
    });
    const res = await broken.request(`/api/v1/problems/${storedId}`);
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: { code: "internal_error", message: "an unexpected error occurred" } });
    expect(text).not.toContain("secret internals");
  });
});

describe("database down", () => {
  // A port nobody listens on: connections are refused at once.
  const dead = createDatabase({ url: "postgres://postgres@127.0.0.1:1/test", poolMax: 1 });
  const { app: downApp } = testApp(dead, {
    healthChecks: [
      {
        name: "database",
        check: async () => {
          await dead.ping();
          return { ready: true };
        },
      },
    ],
  });
  afterAll(() => dead.close());

  test("/health/ready answers 503 and says the database is not ready", async () => {
    const res = await downApp.request("/health/ready");
    expect(res.status).toBe(503);
    const body = (await res.json()) as { components: { database: { ready: boolean; detail: string } } };
    expect(body.components.database.ready).toBe(false);
    expect(body.components.database.detail).toContain("database is not answering");
  });

  test("/health/live still answers 200", async () => {
    expect((await downApp.request("/health/live")).status).toBe(200);
  });

  test("/problems/random answers 503 database_unavailable", async () => {
    const res = await downApp.request("/api/v1/problems/random");
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("database_unavailable");
  });
});

describe("API documentation", () => {
  test("/openapi.json is an OpenAPI 3.1 document listing the routes", async () => {
    const doc = (await (await app.request("/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/problems/random", "/api/v1/problems/{id}", "/health/ready"]),
    );
  });

  test("/openapi.json is built once, not on every request", async () => {
    const { app: fresh } = testApp(t.database);
    const build = spyOn(fresh, "getOpenAPI31Document");
    const first = await (await fresh.request("/openapi.json")).text();
    const second = await (await fresh.request("/openapi.json")).text();
    expect(second).toBe(first);
    expect(build).not.toHaveBeenCalled();
  });

  test("/docs serves the reference UI from this origin under a strict CSP, pointing at the document", async () => {
    const res = await app.request("/docs");
    expect(res.headers.get("content-type")).toContain("text/html");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    const html = await res.text();
    // No script from anywhere else: every src is a path of this origin.
    expect([...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "/docs/assets/scalar.js",
      "/docs/assets/init.js",
    ]);
    expect(await (await app.request("/docs/assets/init.js")).text()).toContain("/openapi.json");
    const bundle = await app.request("/docs/assets/scalar.js");
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });
});
