import { afterAll, beforeAll, expect, test } from "bun:test";
import { problemsRepository } from "../../src/db/repositories/problems";
import type { Service } from "../../src/service";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { sampleProblem } from "../support/problems";
import { startTestService, stopWithin } from "../support/service";

let t: TestDatabase;
let service: Service;
beforeAll(async () => {
  t = await createTestDatabase("concurrency");
  const repo = problemsRepository(t.database);
  await Promise.all(Array.from({ length: 100 }, (_, i) => repo.insert(sampleProblem(i))));
  service = await startTestService({ DATABASE_URL: t.url, DATABASE_POOL_MAX: "20" });
});
afterAll(async () => {
  await stopWithin(service);
  await t?.drop();
});

test("100 concurrent GET /random over real HTTP return 100 distinct problems", async () => {
  const responses = await Promise.all(
    Array.from({ length: 100 }, () => fetch(new URL("/api/v1/problems/random", service.url))),
  );
  expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
  const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id));
  expect(new Set(ids).size).toBe(100);
});
