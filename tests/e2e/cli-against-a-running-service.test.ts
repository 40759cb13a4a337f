import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Service } from "../../src/service";
import { lqsAgainst } from "../support/cli";
import { startServiceWithOwnDatabase } from "../support/service";

// The real `lqs` binary, spawned as a user would run it, against a real service (Postgres, in-process queue, worker).
let running: Awaited<ReturnType<typeof startServiceWithOwnDatabase>>;
let service: Service;

beforeAll(async () => {
  running = await startServiceWithOwnDatabase("cli", { SEED_ON_EMPTY: "5" });
  service = running.service;
}, 60_000);
afterAll(() => running?.stop(), 30_000);

const lqs = lqsAgainst(() => service.url);

test("generate --watch draws the bar until the request completed, then exits 0", async () => {
  const { stdout, stderr, code } = await lqs(["generate", "--count", "6", "--focus", "pronouns", "--watch"]);
  expect(code).toBe(0);
  expect(stderr).toContain("[##############################] 6/6 100% completed");
  expect(stdout).toMatch(/status\s+completed/);
  expect(stdout).toMatch(/generated\s+6/);
}, 90_000);

test("generate --watch --json prints the final request as JSON with the problems it produced", async () => {
  const { stdout, code } = await lqs(["generate", "--count", "3", "--watch", "--json"]);
  expect(code).toBe(0);
  const request = JSON.parse(stdout) as { id: string; status: string; problem_ids: string[] };
  expect(request.status).toBe("completed");
  expect(request.problem_ids).toHaveLength(3);

  const shown = await lqs(["requests", "show", request.id, "--json"]);
  expect(shown.code).toBe(0);
  expect((JSON.parse(shown.stdout) as { id: string }).id).toBe(request.id);
  const listed = await lqs(["requests", "list", "--status", "completed", "--json"]);
  expect(listed.code).toBe(0);
  expect((JSON.parse(listed.stdout) as { id: string }[]).map((r) => r.id)).toContain(request.id);
  const human = await lqs(["requests", "show", request.id]);
  expect(human.stdout).toContain(request.problem_ids[0] ?? "missing");
}, 90_000);

test("problems random and pool answer parseable JSON with --json, and readable text without", async () => {
  const random = await lqs(["problems", "random", "--json"]);
  expect(random.code).toBe(0);
  const problem = JSON.parse(random.stdout) as { id: string; statements: unknown[] };
  expect(problem.statements.length).toBeGreaterThanOrEqual(2);
  const text = await lqs(["problems", "random"]);
  expect(text.stdout).toMatch(/answer: \d/);

  const pool = await lqs(["pool", "--json"]);
  expect(pool.code).toBe(0);
  const state = JSON.parse(pool.stdout) as { pool: { total: number }; worker: { state: string } };
  expect(state.pool.total).toBeGreaterThanOrEqual(5);
  expect(state.worker.state).toBe("running");
  expect((await lqs(["pool"])).stdout).toMatch(/worker\s+running/);
}, 60_000);

test("--level goes into the generated problems, and problems random --level serves one of them", async () => {
  const generated = await lqs(["generate", "--count", "2", "--level", "A2", "--watch", "--json"]);
  expect(generated.code).toBe(0);
  const random = await lqs(["problems", "random", "--level", "A2", "--json"]);
  expect(random.code).toBe(0);
  expect((JSON.parse(random.stdout) as { metadata: { level: string } }).metadata.level).toBe("A2");
}, 90_000);

test("an unreachable service exits 3 with one line on stderr", async () => {
  const { stdout, stderr, code } = await lqs(["pool"], { LQS_URL: "http://127.0.0.1:1" });
  expect(code).toBe(3);
  expect(stdout).toBe("");
  expect(stderr.trimEnd().split("\n")).toEqual([
    "lqs: cannot reach the service at http://127.0.0.1:1 (connection refused)",
  ]);
}, 30_000);

test("an outcome the service refuses exits 1 with the service's message", async () => {
  const unknown = await lqs(["requests", "show", crypto.randomUUID()]);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain("no generation request with id");
  const refused = await lqs(["generate", "--count", "2", "--verb", "xyzzyer"]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("xyzzyer");
}, 30_000);

test("bad arguments exit 2 with the usage; --help exits 0 on every command", async () => {
  for (const args of [["generate"], ["generate", "--count", "0"], ["frobnicate"], ["pool", "--bogus"], ["keys"], []]) {
    const { code, stderr } = await lqs(args);
    expect({ args, code }).toEqual({ args, code: 2 });
    expect(stderr).toContain("usage: lqs");
  }
  const paths = [[], ["generate"], ["requests"], ["requests", "list"], ["requests", "show"], ["problems", "random"]];
  for (const path of [
    ...paths,
    ["pool"],
    ["topics", "ensure"],
    ["db", "migrate"],
    ["db", "seed"],
    ["keys"],
    ["keys", "create"],
    ["keys", "list"],
    ["keys", "revoke"],
    ["dlq"],
  ]) {
    const { code, stdout } = await lqs([...path, "--help"]);
    expect({ path, code }).toEqual({ path, code: 0 });
    expect(stdout).toContain("Exit codes: 0 ok, 1 failed outcome, 2 usage, 3 service unreachable.");
  }
}, 120_000);

test("db migrate reaches the database directly, without the service", async () => {
  const { code, stdout } = await lqs(["db", "migrate"], {
    DATABASE_URL: running.db.url,
    LQS_URL: "http://127.0.0.1:1",
  });
  expect(code).toBe(0);
  expect(stdout).toContain("migrations applied (postgres)");
}, 60_000);
