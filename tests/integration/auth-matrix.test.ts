import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Server } from "bun";
import type { ApiKeyScope } from "../../src/access/scopes";
import { apiKeysRepository } from "../../src/db/repositories/api-keys";
import { serveHttp } from "../../src/http/server";
import { silentLogger, testApp } from "../support/app";
import { createKey } from "../support/auth";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { sampleProblem } from "../support/problems";

/**
 * Every operation of /openapi.json x {no key, bad key, revoked key, wrong scope, disallowed address, right key},
 * over a real socket so the peer address is the one Bun reports (127.0.0.1).
 */

/** What each operation needs; a route missing here fails the test, so a new route cannot skip the matrix. */
const NEEDS: Record<string, ApiKeyScope | "public"> = {
  "GET /api/v1/problems/random": "read",
  "GET /api/v1/problems/{id}": "read",
  "POST /api/v1/problems/generate": "generate",
  "GET /api/v1/generation-requests/{id}": "generate",
  "GET /api/v1/generation-requests": "generate",
  "GET /api/v1/pool": "read",
  "GET /api/v1/pipeline": "admin",
  "POST /api/v1/admin/api-keys": "admin",
  "GET /api/v1/admin/api-keys": "admin",
  "DELETE /api/v1/admin/api-keys/{id}": "admin",
  "GET /health/live": "public",
  "GET /health/ready": "public",
  "GET /health": "public",
};

const WRONG_SCOPES: Record<ApiKeyScope, ApiKeyScope[]> = {
  read: ["generate"],
  generate: ["read"],
  admin: ["read", "generate"],
};

let t: TestDatabase;
let server: Server<undefined>;
let operations: string[];
const ids: Record<string, string> = {};
const keys: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  t = await createTestDatabase("auth_matrix");
  const { app, deps } = testApp(t.database, { env: { REQUIRE_AUTH: "true", RATE_LIMIT_PER_MINUTE: "10000" } });
  server = serveHttp(app.fetch, { port: 0, hostname: "127.0.0.1", logger: silentLogger });
  ids.problem = (await deps.problems.insert(sampleProblem(1))).id;
  await deps.problems.insert(sampleProblem(2)); // random has something to serve
  ids.victim = (await createKey(t.database, ["read"], { name: "victim" })).id;
  const revoked = await createKey(t.database, ["read", "generate", "admin"]);
  await apiKeysRepository(t.database).revoke(revoked.id);
  keys.revoked = revoked.headers;
  keys.bad = { authorization: `Bearer lqs_${"x".repeat(43)}` };
  for (const scope of ["read", "generate", "admin"] as const) {
    const right = await createKey(t.database, [scope], { allowedCidrs: ["127.0.0.0/8", "::1"] });
    keys[`right:${scope}`] = right.headers;
    // The generation request belongs to the right generate key: only its owner (or an admin) reads it.
    if (scope === "generate") ids.request = (await deps.requests.create({ requestedCount: 1, apiKeyId: right.id })).id;
    keys[`wrong:${scope}`] = (await createKey(t.database, WRONG_SCOPES[scope])).headers;
    keys[`far:${scope}`] = (await createKey(t.database, [scope], { allowedCidrs: ["10.0.0.0/8"] })).headers;
  }
  const doc = (await (await fetch(new URL("/openapi.json", server.url))).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
  );
});

afterAll(async () => {
  await server?.stop(true);
  await t?.drop();
});

/** A request that the right key gets a success for. */
function call(operation: string, headers: Record<string, string>) {
  const [method = "GET", template = "/"] = operation.split(" ");
  const path = template
    .replace("/problems/{id}", `/problems/${ids.problem}`)
    .replace("/generation-requests/{id}", `/generation-requests/${ids.request}`)
    .replace("/api-keys/{id}", `/api-keys/${ids.victim}`);
  const body =
    method !== "POST"
      ? undefined
      : operation.includes("admin")
        ? JSON.stringify({ name: "made by admin", scopes: ["read"] })
        : JSON.stringify({ count: 1 });
  return fetch(new URL(path, server.url), {
    method,
    headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) },
    body,
  });
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  if (status === 401) expect(res.headers.get("www-authenticate")).toStartWith("Bearer");
}

const SUCCESS: Record<string, number> = {
  "POST /api/v1/problems/generate": 202,
  "POST /api/v1/admin/api-keys": 201,
};

describe("the auth matrix", () => {
  test("every operation in /openapi.json is in the matrix", () => {
    expect(operations.toSorted()).toEqual(Object.keys(NEEDS).toSorted());
  });

  test.each(Object.entries(NEEDS))("%s needs %s", async (operation, scope) => {
    if (scope === "public") {
      for (const headers of [{}, keys.bad, keys.revoked, keys["wrong:read"], keys["far:read"], keys["right:read"]]) {
        const res = await call(operation, headers ?? {});
        expect(res.status).toBe(200);
      }
      return;
    }
    await expectError(await call(operation, {}), 401, "missing_api_key");
    await expectError(await call(operation, keys.bad ?? {}), 401, "invalid_api_key");
    await expectError(await call(operation, keys.revoked ?? {}), 401, "revoked_api_key");
    await expectError(await call(operation, keys[`wrong:${scope}`] ?? {}), 403, "insufficient_scope");
    await expectError(await call(operation, keys[`far:${scope}`] ?? {}), 403, "address_not_allowed");
    const res = await call(operation, keys[`right:${scope}`] ?? {});
    expect(res.status).toBe(SUCCESS[operation] ?? 200);
    expect(res.headers.get("ratelimit-limit")).toBe("10000");
  });

  test("X-API-Key works like Authorization: Bearer, and a malformed Authorization is a 401", async () => {
    const key = keys["right:read"]?.authorization?.slice("Bearer ".length) ?? "";
    expect((await call("GET /api/v1/pool", { "x-api-key": key })).status).toBe(200);
    await expectError(await call("GET /api/v1/pool", { authorization: "Basic abc" }), 401, "invalid_api_key");
    await expectError(await call("GET /api/v1/pool", { authorization: `Bearer ${key}x` }), 401, "invalid_api_key");
  });

  test("an unknown /api path without a key is a 401, not a map of the routes", async () => {
    await expectError(await call("GET /api/v1/secret-admin-panel", {}), 401, "missing_api_key");
  });
});
