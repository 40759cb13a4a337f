import { afterAll, beforeAll, expect, test } from "bun:test";
import postgres from "postgres";
import { problemsRepository } from "../../src/db/repositories/problems";
import { eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { sampleProblem } from "../support/problems";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("shutdown");
  await problemsRepository(t.database).insert(sampleProblem(1));
});
afterAll(() => t?.drop());

test("SIGTERM lets an in-flight request complete, then the process exits 0 within the shutdown timeout", async () => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = Bun.spawn(["bun", "src/main.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      REQUIRE_AUTH: "false", // not about keys
      DATABASE_URL: t.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      SHUTDOWN_TIMEOUT_MS: "8000",
    },
    stdout: "pipe",
    stderr: "pipe",
  });
  const blocker = postgres(t.url, { max: 1, onnotice: () => {} });
  try {
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${base}/health/live`)).ok, 15_000, "service up");
    // Hold a lock that the LRU pick needs, so the request stays in flight for as long as the test wants.
    const release = Promise.withResolvers<void>();
    const locked = Promise.withResolvers<void>();
    const held = blocker.begin(async (tx) => {
      await tx`LOCK TABLE problems IN ACCESS EXCLUSIVE MODE`;
      locked.resolve();
      await release.promise;
    });
    await locked.promise;
    const inFlight = fetch(`${base}/api/v1/problems/random`);
    await Bun.sleep(300);
    const signalledAt = performance.now();
    child.kill("SIGTERM");
    await Bun.sleep(300);
    release.resolve();
    await held;
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await child.exited).toBe(0);
    expect(performance.now() - signalledAt).toBeLessThan(8000);
    // New connections are refused once draining is over.
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
  } finally {
    child.kill("SIGKILL");
    await blocker.end({ timeout: 5 });
  }
}, 30_000);

test("a second signal forces the exit while the drain is still waiting", async () => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = Bun.spawn(["bun", "src/main.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      REQUIRE_AUTH: "false", // not about keys
      DATABASE_URL: t.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      SHUTDOWN_TIMEOUT_MS: "20000",
      PLATFORM_KILL_TIMEOUT_MS: "30000",
    },
  });
  const blocker = postgres(t.url, { max: 1, onnotice: () => {} });
  try {
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${base}/health/live`)).ok, 15_000, "service up");
    const release = Promise.withResolvers<void>();
    const locked = Promise.withResolvers<void>();
    const held = blocker.begin(async (tx) => {
      await tx`LOCK TABLE problems IN ACCESS EXCLUSIVE MODE`;
      locked.resolve();
      await release.promise;
    });
    await locked.promise;
    const inFlight = fetch(`${base}/api/v1/problems/random`).catch(() => "cut");
    await Bun.sleep(300);
    child.kill("SIGTERM");
    await Bun.sleep(300);
    const forcedAt = performance.now();
    child.kill("SIGINT");
    expect(await child.exited).toBe(130);
    expect(performance.now() - forcedAt).toBeLessThan(5000);
    release.resolve();
    await held;
    await inFlight;
  } finally {
    child.kill("SIGKILL");
    await blocker.end({ timeout: 5 });
  }
}, 30_000);

test("SIGTERM while the service is still starting shuts it down cleanly once it is up (exit 0)", async () => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = Bun.spawn(["bun", "src/main.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      REQUIRE_AUTH: "false", // not about keys
      PGLITE_DATA_DIR: "memory://",
      SEED_ON_EMPTY: "50",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
    },
    stdout: "pipe",
    stderr: "pipe",
  });
  try {
    await Bun.sleep(300); // PGlite is still booting and migrating
    child.kill("SIGTERM");
    expect(await child.exited).toBe(0);
    expect(await new Response(child.stdout).text()).toContain("shutdown complete");
  } finally {
    child.kill("SIGKILL");
  }
}, 30_000);
