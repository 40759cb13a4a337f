import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Service } from "../../src/service";
import { eventually } from "../support/logs";
import { startTestService, stopWithin } from "../support/service";

// What `bun run dev` gives a newcomer: embedded PGlite, the in-process queue, the template generator, worker on.
let service: Service;
beforeAll(async () => {
  service = await startTestService({
    PGLITE_DATA_DIR: "memory://",
    ENABLE_WORKER: "true",
    SEED_ON_EMPTY: "25",
    POOL_MIN_UNSERVED: "0",
  });
}, 60_000);
afterAll(() => stopWithin(service, 20_000));

test("an empty embedded pool is seeded at start, so /random serves a generated problem at once", async () => {
  const res = await fetch(new URL("/api/v1/problems/random?include_metadata=true", service.url));
  expect(res.status).toBe(200);
  const problem = (await res.json()) as {
    title: string;
    statements: unknown[];
    metadata: { verb_infinitives: string[] };
  };
  expect(problem.title).toStartWith("Grammar: ");
  expect(problem.statements.length).toBe(4);
  const pool = (await (await fetch(new URL("/api/v1/pool", service.url))).json()) as { total: number };
  expect(pool.total).toBe(25);
});

test("POST generate then polling the status works with no broker, through the in-process queue", async () => {
  expect(service.transport.kind).toBe("memory");
  const res = await fetch(new URL("/api/v1/problems/generate", service.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ count: 5, focus: "pronouns", statement_count: 3 }),
  });
  expect(res.status).toBe(202);
  const { status_url } = (await res.json()) as { status_url: string };
  const done = await eventually(
    async () => {
      const body = (await (await fetch(new URL(`${status_url}?include_problems=true`, service.url))).json()) as {
        status: string;
        problems: { statements: unknown[]; topic_tags: string[] }[];
      };
      return body.status === "completed" ? body : undefined;
    },
    20_000,
    "completed",
  );
  expect(done.problems).toHaveLength(5);
  expect(done.problems.every((p) => p.statements.length === 3 && p.topic_tags.includes("focus:pronouns"))).toBe(true);
});
