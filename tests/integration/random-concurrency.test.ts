import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Service } from "../../src/service";
import { insertGeneratedProblems } from "../support/generated-problems";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { startTestService, stopWithin } from "../support/service";

let t: TestDatabase;
let service: Service;
beforeAll(async () => {
  t = await createTestDatabase("concurrency");
  await insertGeneratedProblems(t.database, 1000);
  // Coalescing on, with several statements in flight at once: requests share statements, and statements still
  // race each other for rows, so a pick that is not atomic would hand one problem to two requests.
  service = await startTestService({
    DATABASE_URL: t.url,
    DATABASE_POOL_MAX: "20",
    RANDOM_PICK_BATCH_MAX: "16",
    RANDOM_PICK_IN_FLIGHT: "8",
  });
});
afterAll(async () => {
  await stopWithin(service);
  await t?.drop();
});

test("200 concurrent GET /random over real HTTP on 1,000 problems return 200 distinct problems", async () => {
  const responses = await Promise.all(
    Array.from({ length: 200 }, () => fetch(new URL("/api/v1/problems/random", service.url))),
  );
  expect(responses.map((r) => r.status)).toEqual(Array(200).fill(200));
  const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id));
  expect(new Set(ids).size).toBe(200);
}, 60_000);
