import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Server } from "bun";
import fc from "fast-check";
import { serveHttp } from "../../src/http/server";
import { silentLogger, testApp } from "../support/app";
import { createKey } from "../support/auth";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { sampleProblem } from "../support/problems";
import {
  ANSWER_WITHIN_MS,
  casesFor,
  expectContract,
  type Operation,
  operationsOf,
  PARSER_REJECTIONS,
  RUNS_PER_ROUTE,
  rawExchange,
  rowCounts,
} from "./support";

/**
 * Property-based fuzzing of every operation in /openapi.json over a real socket: parameters, bodies, content types
 * and credentials generated from the document and mutated into hostile shapes, then hostile raw HTTP. Passes only
 * with no 5xx, every answer within ANSWER_WITHIN_MS, every error in the `{error: {code, message}}` shape, and row
 * counts changed only by the requests that were accepted.
 */

let t: TestDatabase;
let server: Server<undefined>;
let operations: Operation[];
let admin: string;

beforeAll(async () => {
  t = await createTestDatabase("fuzz");
  const { app, deps } = testApp(t.database, {
    env: {
      REQUIRE_AUTH: "true",
      RATE_LIMIT_PER_MINUTE: "1000000",
      GENERATION_QUOTA_PER_KEY_PER_HOUR: "10000000",
      GENERATION_QUOTA_GLOBAL_PER_HOUR: "10000000",
    },
  });
  for (let i = 0; i < 5; i++) await deps.problems.insert(sampleProblem(i));
  admin = (await createKey(t.database, ["admin"])).key;
  server = serveHttp(app.fetch, { port: 0, hostname: "127.0.0.1", logger: silentLogger });
  const doc = await (await fetch(new URL("/openapi.json", server.url))).json();
  operations = operationsOf(doc as never);
});

afterAll(async () => {
  await server?.stop(true);
  await t?.drop();
});

/** What an accepted request of this operation may add to the counted tables. */
function expectedGrowth(op: Operation, status: number) {
  if (status >= 400) return { requests: 0, keys: 0 };
  if (op.method === "POST" && op.path === "/api/v1/problems/generate")
    return { requests: status === 202 ? 1 : 0, keys: 0 };
  if (op.method === "POST" && op.path === "/api/v1/admin/api-keys")
    return { requests: 0, keys: status === 201 ? 1 : 0 };
  return { requests: 0, keys: 0 };
}

describe("fuzzing every operation from the OpenAPI document", () => {
  test("the document lists the operations", () => {
    expect(operations.length).toBeGreaterThanOrEqual(12);
  });

  // One test per operation so a failure names its route; the list is read from the served document.
  const names = [
    "GET /api/v1/problems/random",
    "GET /api/v1/problems/{id}",
    "POST /api/v1/problems/generate",
    "GET /api/v1/generation-requests/{id}",
    "GET /api/v1/generation-requests",
    "GET /api/v1/pool",
    "GET /api/v1/pipeline",
    "POST /api/v1/admin/api-keys",
    "GET /api/v1/admin/api-keys",
    "DELETE /api/v1/admin/api-keys/{id}",
    "GET /health/live",
    "GET /health/ready",
    "GET /health",
  ];
  test("every documented operation is fuzzed", () => {
    expect(operations.map((o) => `${o.method} ${o.path}`).toSorted()).toEqual(names.toSorted());
  });

  test.each(names)(
    `%s: ${RUNS_PER_ROUTE} hostile requests, no 5xx, none slow, every error in the contract, rows intact`,
    async (name) => {
      const op = operations.find((o) => `${o.method} ${o.path}` === name);
      if (!op) throw new Error(`${name} is not in the document`);
      const before = await rowCounts(t.database);
      const grown = { requests: 0, keys: 0 };
      let slowest = 0;
      let parserRejections = 0;
      await fc.assert(
        fc.asyncProperty(casesFor(op, { admin }), async (c) => {
          const startedAt = performance.now();
          const res = await fetch(new URL(c.path, server.url), {
            method: op.method,
            headers: c.headers,
            body: c.body,
            signal: AbortSignal.timeout(ANSWER_WITHIN_MS * 2),
          });
          const what = `${op.method} ${c.path} ${JSON.stringify(c.headers)} ${c.body?.slice(0, 200) ?? ""}`;
          if (!(await expectContract(res, what))) parserRejections += 1;
          if (!res.bodyUsed) await res.arrayBuffer();
          const elapsed = performance.now() - startedAt;
          slowest = Math.max(slowest, elapsed);
          const growth = expectedGrowth(op, res.status);
          grown.requests += growth.requests;
          grown.keys += growth.keys;
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
      expect(slowest).toBeLessThan(ANSWER_WITHIN_MS);
      // Only the over-long URLs may be refused by Bun itself; everything else reaches the app and its contract.
      expect(parserRejections).toBeLessThan(RUNS_PER_ROUTE / 4);
      const after = await rowCounts(t.database);
      expect(after.requests - before.requests).toBe(grown.requests);
      expect(after.keys - before.keys).toBe(grown.keys);
      expect(after.problems).toBe(before.problems);
    },
    180_000,
  );
});

/** Raw request lines, headers and framings that a socket can carry and fetch() cannot. */
const hostileRaw = fc.oneof(
  // A request target of any size and bytes.
  fc
    .tuple(
      fc.constantFrom("GET", "POST", "HEAD", "DELETE", "PUT", "FROB", "get", ""),
      fc.string({ unit: "binary", maxLength: 300 }),
    )
    .map(([m, target]) => `${m} /${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
  fc
    .nat({ max: 40_000 })
    .map((n) => `GET /api/v1/pool?q=${"a".repeat(n)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
  // Header lines that are broken in every way.
  fc
    .array(fc.string({ unit: "binary", maxLength: 80 }), { maxLength: 6 })
    .map(
      (lines) => `GET /api/v1/pool HTTP/1.1\r\nHost: 127.0.0.1\r\n${lines.join("\r\n")}\r\nConnection: close\r\n\r\n`,
    ),
  // Framing: conflicting lengths, chunked with bad sizes, truncated bodies, trailers.
  fc
    .tuple(
      fc.constantFrom(
        "Content-Length: 5\r\nContent-Length: 6",
        "Content-Length: 5\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: chunked",
        "Transfer-Encoding: gzip, chunked",
        "Content-Length: -1",
        "Content-Length: 99999999999",
        "Content-Length: 10",
        "Transfer-Encoding: chunked\r\nTrailer: Content-Length",
      ),
      fc.oneof(
        fc.constantFrom(
          '5\r\n{"cou\r\n0\r\n\r\n',
          "zz\r\n{}\r\n0\r\n\r\n",
          '0\r\nContent-Length: 2\r\n\r\n{"count":1}',
          "{}",
          "",
        ),
        fc.string({ unit: "binary", maxLength: 200 }),
      ),
    )
    .map(
      ([framing, body]) =>
        `POST /api/v1/problems/generate HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${admin}\r\nContent-Type: application/json\r\n${framing}\r\nConnection: close\r\n\r\n${body}`,
    ),
  // Hosts and versions.
  fc
    .tuple(
      fc.constantFrom("HTTP/1.0", "HTTP/1.1", "HTTP/2.0", "HTTP/9", "http/1.1", "HTTP/1.1 extra"),
      fc.option(fc.string({ unit: "binary", maxLength: 60 })),
    )
    .map(
      ([version, host]) =>
        `GET /health/live ${version}\r\n${host === null ? "" : `Host: ${host}\r\n`}Connection: close\r\n\r\n`,
    ),
);

describe("hostile raw HTTP over a socket", () => {
  test(`${RUNS_PER_ROUTE} raw requests: no 5xx, no hang, app errors in the contract, nothing written`, async () => {
    const before = await rowCounts(t.database);
    let accepted = 0;
    let parserRejections = 0;
    await fc.assert(
      fc.asyncProperty(hostileRaw, async (request) => {
        const answer = await rawExchange(server.port ?? 0, request);
        const what = JSON.stringify(request.slice(0, 300));
        expect(answer, what).not.toBe("timeout");
        if (!answer) return; // closed without an answer: refused at the parser, nothing reached the app
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1]);
        expect(status, what).toBeGreaterThanOrEqual(200);
        if (status === 202) accepted += 1;
        // Answers from the app carry a content type. Bun's own parser rejections carry none and no body (505 for
        // a malformed request line among them): they never reach the app, and Bun.serve offers no hook for them.
        const fromApp = /\r\ncontent-type:/i.test(answer);
        if (!fromApp) {
          expect(PARSER_REJECTIONS.has(status), what).toBe(true);
          parserRejections += 1;
          return;
        }
        expect(status, what).toBeLessThan(500);
        // A HEAD answer has headers only, by definition.
        if (status >= 400 && !request.startsWith("HEAD ")) {
          const body = answer.slice(answer.indexOf("\r\n\r\n") + 4);
          expect(body, what).toMatch(/^\{"error":\{"code":"[a-z_]+","message":"/);
        }
      }),
      { numRuns: RUNS_PER_ROUTE },
    );
    console.info(`raw fuzz: ${parserRejections} of ${RUNS_PER_ROUTE} refused by Bun's parser before the app`);
    const after = await rowCounts(t.database);
    expect(after.requests - before.requests).toBe(accepted);
    expect(after.problems).toBe(before.problems);
  }, 300_000);
});
