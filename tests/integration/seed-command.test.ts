import { afterAll, beforeAll, expect, test } from "bun:test";
import { problemsRepository } from "../../src/db/repositories/problems";
import { testApp } from "../support/app";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { run } from "../support/processes";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("seed");
});
afterAll(() => t?.drop());

function seed(args: string[]) {
  return run(["bun", "scripts/seed.ts", ...args], { env: { DATABASE_URL: t.url, NODE_ENV: "test" } });
}

test("db:seed --count 30 --focus pronouns stores 30 problems that /random then serves", async () => {
  const { code, stdout } = await seed(["--count", "30", "--focus", "pronouns"]);
  expect(code).toBe(0);
  expect(stdout).toContain("seeded 30 problems (postgres)");
  expect((await problemsRepository(t.database).poolStats()).total).toBe(30);
  const { app } = testApp(t.database);
  const ids = new Set<string>();
  for (let i = 0; i < 30; i++) {
    const res = await app.request("/api/v1/problems/random?focus=pronouns");
    expect(res.status).toBe(200);
    ids.add(((await res.json()) as { id: string }).id);
  }
  expect(ids.size).toBe(30);
}, 60_000);

test.each([
  [["--count", "0"], "--count must be a whole number"],
  [["--count", "many"], "--count must be a whole number"],
  [["--count", "1000001"], "--count must be a whole number from 1 to 1000000"],
  [["--focus", "spelling"], "--focus must be one of conjugation, pronouns"],
])("db:seed %p fails with a clear message and stores nothing", async (args, message) => {
  const before = (await problemsRepository(t.database).poolStats()).total;
  const { code, stderr } = await seed(args);
  expect(code).toBe(2);
  expect(stderr).toContain(message);
  expect((await problemsRepository(t.database).poolStats()).total).toBe(before);
});
