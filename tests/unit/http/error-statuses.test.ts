import { describe, expect, test } from "bun:test";
import { join, resolve } from "node:path";
import { Glob } from "bun";
import { Hono } from "hono";
import { AppError, LimitExceededError, NotFoundError, UnavailableError, ValidationError } from "../../../src/errors";
import { STATUS_BY_CODE, statusOf } from "../../../src/http/error-statuses";
import { errorHandler } from "../../../src/http/middleware/errors";
import { LLM_ERROR_CODES } from "../../../src/problems/generators/llm-errors";
import { capturingLogger } from "../../support/logs";

const SRC = resolve(import.meta.dir, "../../../src");
/**
 * Every code literal the sources raise as an AppError: `new SomeAppError("code", ...)`, `super("code", ...)` in an
 * AppError subclass, and ValidationError's code (its second argument).
 */
async function raisedCodes(): Promise<Set<string>> {
  const sources = await Promise.all([...new Glob("**/*.ts").scanSync(SRC)].map((f) => Bun.file(join(SRC, f)).text()));
  const classes = sources.flatMap((s) => [...s.matchAll(/class (\w+) extends (\w+)/g)].map(([, c, p]) => [c, p]));
  const appErrors = new Set(["AppError"]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, parent] of classes)
      if (appErrors.has(parent as string) && !appErrors.has(name as string)) grew = !!appErrors.add(name as string);
  }
  const codes = new Set<string>();
  for (const source of sources) {
    for (const [, type, code] of source.matchAll(/new (\w+)\(\s*"([a-z][a-z0-9_]*)"/g))
      if (appErrors.has(type as string)) codes.add(code as string);
    for (const [, code] of source.matchAll(/new ValidationError\([^;]*?,\s*"([a-z][a-z0-9_]*)",?\s*\)/g))
      codes.add(code as string);
    // A class body runs to the next class: its super("code") belongs to it.
    for (const body of source.split(/(?=\bclass \w+ extends )/)) {
      const parent = /^class \w+ extends (\w+)/.exec(body)?.[1];
      if (parent && appErrors.has(parent))
        for (const [, code] of body.matchAll(/super\(\s*"([a-z][a-z0-9_]*)"/g)) codes.add(code as string);
    }
  }
  return codes;
}

describe("HTTP status of each error", () => {
  test("every code the service raises has its own status in the table", async () => {
    const codes = await raisedCodes();
    expect(codes.size).toBeGreaterThan(15); // the scan really read the sources
    expect(codes).toContain("unknown_verb"); // ...ValidationError's second argument included
    expect([...codes, ...LLM_ERROR_CODES].filter((code) => !(code in STATUS_BY_CODE))).toEqual([]);
  });

  test("the table says what each kind of failure is", () => {
    expect(statusOf(new ValidationError("bad"))).toBe(400);
    expect(statusOf(new NotFoundError("problem_not_found", "none"))).toBe(404);
    expect(statusOf(new LimitExceededError("generation_quota_exceeded", "used up", 60))).toBe(429);
    expect(statusOf(new UnavailableError("database_unavailable", "down"))).toBe(503);
    for (const code of LLM_ERROR_CODES) expect([502, 503, 504]).toContain(statusOf(new AppError(code, "upstream")));
  });

  test("a code missing from the table answers its class's status, or 500 when the class says nothing", () => {
    expect(statusOf(new ValidationError("bad", "not_in_the_table"))).toBe(400);
    expect(statusOf(new NotFoundError("not_in_the_table", "none"))).toBe(404);
    expect(statusOf(new UnavailableError("not_in_the_table", "down"))).toBe(503);
    expect(statusOf(new AppError("not_in_the_table", "what?"))).toBe(500);
  });

  test("the error handler answers the table's status with the error's code, and Retry-After for a limit", async () => {
    const app = new Hono();
    app.onError(errorHandler(capturingLogger().logger));
    app.get("/limit", () => {
      throw new LimitExceededError("generation_quota_exceeded", "used up", 42);
    });
    app.get("/unknown", () => {
      throw new AppError("not_in_the_table", "what?");
    });
    const limited = await app.request("/limit");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("42");
    expect(await limited.json()).toEqual({ error: { code: "generation_quota_exceeded", message: "used up" } });
    const unknown = await app.request("/unknown");
    expect(unknown.status).toBe(500);
    expect(await unknown.json()).toEqual({ error: { code: "not_in_the_table", message: "what?" } });
  });
});
