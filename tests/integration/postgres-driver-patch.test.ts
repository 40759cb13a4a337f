import { afterAll, beforeAll, expect, test } from "bun:test";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BASE_DATABASE_URL } from "../support/postgres";

// The repository keeps a patch of postgres.js (patches/, applied by `bun install` through package.json's
// patchedDependencies). This test proves both halves: the driver as published dies on a write queued for a
// closed connection, and the patched driver turns that into a catchable CONNECTION_CLOSED and keeps its pool.

const ROOT = resolve(import.meta.dir, "../..");
const PATCH = join(ROOT, "patches/postgres@3.4.9.patch");
const SCRIPT = join(ROOT, "tests/support/postgres-closed-write.ts");
let unpatched: string;

beforeAll(async () => {
  unpatched = mkdtempSync(join(tmpdir(), "lqs-postgres-unpatched-"));
  cpSync(join(ROOT, "node_modules/postgres"), unpatched, { recursive: true });
  const revert = Bun.spawn(["git", "apply", "-R", PATCH], { cwd: unpatched, stderr: "pipe" });
  if ((await revert.exited) !== 0) throw new Error(`git apply -R failed: ${await new Response(revert.stderr).text()}`);
});
afterAll(() => rmSync(unpatched, { recursive: true, force: true }));

async function closedWrite(driverDir: string) {
  const child = Bun.spawn(["bun", SCRIPT], {
    env: { ...process.env, DRIVER_PATH: join(driverDir, "src/index.js"), DATABASE_URL: BASE_DATABASE_URL },
    stdout: "pipe",
    stderr: "pipe",
  });
  // A hung driver must fail the test, not stall the suite.
  const watchdog = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const [code, stdout] = await Promise.all([child.exited, new Response(child.stdout).text()]);
  clearTimeout(watchdog);
  return { code, report: JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown> };
}

test("the published driver dies on a small write queued for a closed reserved connection", async () => {
  const { code, report } = await closedWrite(unpatched);
  expect(report.uncaught).toContain("socket.write");
  expect(code).toBe(70);
}, 40_000);

test("the patched driver rejects those queries with a catchable error and its pool keeps serving", async () => {
  const { code, report } = await closedWrite(join(ROOT, "node_modules/postgres"));
  expect(code).toBe(0);
  expect(["CONNECTION_CLOSED", "ECONNRESET"]).toContain(report.first as string);
  expect(report.second).toBe("CONNECTION_CLOSED");
  expect(report.poolAfter).toBe(42);
}, 40_000);
