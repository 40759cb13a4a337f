import { expect } from "bun:test";
import { connect } from "node:net";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import type { Database } from "../../src/db/client";

/** Every fuzz case must be answered within this long (the contract the suite enforces, not a benchmark). */
export const ANSWER_WITHIN_MS = 5000;
/** Cases per route per run. */
export const RUNS_PER_ROUTE = 500;

export interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: "query" | "path" | "header" }[];
  hasBody: boolean;
}

/** The operations of an OpenAPI document, with the parameters the fuzzer mutates. */
export function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: ((op.parameters ?? []) as Operation["parameters"]).filter((p) => p.in !== ("cookie" as never)),
      hasBody: op.requestBody !== undefined,
    })),
  );
}

/** Strings that break naive parsers, SQL, paths, logs and JSON. */
const hostileString = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "'; DROP TABLE problems; --",
    "../../etc/passwd",
    "%00",
    "\u0000",
    "\r\nX-Injected: 1",
    `$${"{"}jndi:ldap://x}`,
    "NaN",
    "-1",
    "1e309",
    "0x10",
    "true",
    "null",
    "[]",
    "{}",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "00000000-0000-0000-0000-000000000000",
    "é".repeat(3000),
  ),
  fc.integer().map(String),
  fc.uuid().map(String),
);

/** A JSON body that is almost, or not at all, what the route expects. */
const hostileBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        count: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double(), hostileString, fc.constant(null)),
        statement_count: fc.oneof(fc.integer({ min: -2, max: 9 }), hostileString),
        focus: hostileString,
        constraints: fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.dictionary(hostileString, fc.jsonValue({ maxDepth: 1 })),
        ),
        topic_tags: fc.array(hostileString, { maxLength: 12 }),
        name: hostileString,
        scopes: fc.array(fc.oneof(fc.constantFrom("read", "generate", "admin"), hostileString), { maxLength: 4 }),
        allowed_cidrs: fc.array(hostileString, { maxLength: 3 }),
        extra: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  hostileString,
  fc.constantFrom("{", '{"count": 1', '{"count": 1}}', "[1,2,", "\u0000", '{"__proto__": {"admin": true}}'),
);

/** fetch() refuses header values outside Latin-1 or with control characters; the raw-socket suite sends those. */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e\x80-\xff]/g, "");

export interface FuzzCase {
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Requests for one operation: its parameters and body mutated, its credentials sometimes wrong. */
export function casesFor(op: Operation, keys: { admin: string }): fc.Arbitrary<FuzzCase> {
  const value = fc.oneof(hostileString, fc.array(hostileString, { minLength: 2, maxLength: 3 }));
  const query = fc.dictionary(
    fc.oneof(fc.constantFrom(...op.parameters.filter((p) => p.in === "query").map((p) => p.name), "x"), hostileString),
    value,
    { maxKeys: 4 },
  );
  const credentials = fc.oneof(
    { weight: 6, arbitrary: fc.constant({ authorization: `Bearer ${keys.admin}` }) },
    fc.constant({} as Record<string, string>),
    hostileString.map((s) => ({ authorization: `Bearer ${headerSafe(s)}` })),
    fc.string({ minLength: 43, maxLength: 60 }).map((s) => ({ "x-api-key": `lqs_${encodeURIComponent(s)}` })),
  );
  const contentType = fc.constantFrom(
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    "application/x-www-form-urlencoded",
    "application/problem+json",
    "",
  );
  return fc
    .record({
      id: hostileString,
      query,
      credentials,
      contentType,
      body: hostileBody,
      idempotency: fc.option(hostileString.map(headerSafe), { nil: undefined }),
    })
    .map(({ id, query, credentials, contentType, body, idempotency }) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) params.append(k, one);
      const path = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(id) || "%20");
      const headers: Record<string, string> = { ...credentials };
      if (op.hasBody && contentType) headers["content-type"] = contentType;
      if (idempotency !== undefined && op.method === "POST") headers["idempotency-key"] = idempotency;
      return { path: `${path}${params.size ? `?${params}` : ""}`, headers, body: op.hasBody ? body : undefined };
    });
}

/**
 * Statuses Bun's HTTP parser answers by itself, before the app sees the request, with no body (a head over Bun's
 * ceiling, a malformed request line or framing): no hook of Bun.serve can shape them. Not 413: the service lifts
 * Bun's body ceiling and its own limit answers every size (src/http/server.ts).
 */
export const PARSER_REJECTIONS = new Set([400, 431, 505]);

/**
 * The error contract: JSON `{error: {code, message}}` with non-empty strings. Returns false for a parser-level
 * rejection (empty body, no content type), which the caller counts separately.
 */
export async function expectContract(res: Response, what: string): Promise<boolean> {
  expect(res.status, what).toBeLessThan(500);
  if (res.status < 400) return true;
  if (PARSER_REJECTIONS.has(res.status) && !res.headers.has("content-type")) {
    expect(await res.text(), what).toBe("");
    return false;
  }
  const type = res.headers.get("content-type") ?? "";
  expect(type, what).toContain("application/json");
  const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code, what).toBe("string");
  expect(typeof body.error?.message, what).toBe("string");
  return true;
}

export async function rowCounts(database: Database) {
  const [row] = await database.rows<{ requests: number; problems: number; keys: number }>(sql`
    SELECT (SELECT count(*)::int FROM generation_requests) AS requests,
           (SELECT count(*)::int FROM problems) AS problems,
           (SELECT count(*)::int FROM api_keys) AS keys`);
  return { requests: row?.requests ?? 0, problems: row?.problems ?? 0, keys: row?.keys ?? 0 };
}

/**
 * Writes raw bytes to a socket and resolves with everything answered, or "timeout" after `ms`. With `halfClose` the
 * client then shuts its side (a truncated request, not a slow one); Bun 1.4.4 aborts a request whose client did that
 * before it was answered, so a request that must be answered is sent without it.
 */
export function rawExchange(
  port: number,
  bytes: Uint8Array | string,
  ms = ANSWER_WITHIN_MS,
  halfClose = true,
): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(answer || "timeout");
    }, ms);
    socket.on("data", (d) => {
      answer += d.toString("latin1");
      // One complete answer is enough: headers plus a body of the announced length.
      const head = answer.indexOf("\r\n\r\n");
      const length = /\r\ncontent-length: *(\d+)/i.exec(answer)?.[1];
      if (
        head >= 0 &&
        (length === undefined ? /\r\nconnection: close/i.test(answer) : answer.length >= head + 4 + Number(length))
      ) {
        clearTimeout(timer);
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.on("error", () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.write(bytes);
    if (halfClose) socket.end();
  });
}
