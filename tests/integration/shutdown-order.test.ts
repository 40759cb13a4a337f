import { expect, test } from "bun:test";
import { runService } from "../../src/service";
import { capturingLogger } from "../support/logs";
import { testConfig } from "../support/service";

test("shutdown runs its steps in order: HTTP, worker, background loops, producer, metrics, database", async () => {
  const logs = capturingLogger("debug");
  const service = await runService(
    testConfig({ PGLITE_DATA_DIR: "memory://", ENABLE_WORKER: "true", LOG_LEVEL: "debug" }),
    { logger: logs.logger },
  );
  await service.stop("test");
  const steps = logs.lines.filter((l) => l.msg === "shutdown step done").map((l) => l.step);
  expect(steps).toEqual([
    "drain http",
    "stop worker",
    "signal background loops",
    "stop background loops",
    "close queue producer",
    "flush metrics",
    "close database",
  ]);
  // The worker reached "stopped" before the database closed.
  const index = (msg: string, extra: Record<string, unknown> = {}) =>
    logs.lines.findIndex((l) => l.msg === msg && Object.entries(extra).every(([k, v]) => l[k] === v));
  expect(index("worker stopped")).toBeLessThan(index("shutdown step done", { step: "close database" }));
  expect(service.worker?.state).toBe("stopped");
}, 30_000);

test("stop() is idempotent: a second call returns the same shutdown, which runs once", async () => {
  const logs = capturingLogger("debug");
  const service = await runService(testConfig({ PGLITE_DATA_DIR: "memory://" }), { logger: logs.logger });
  const first = service.stop("one");
  expect(service.stop("two")).toBe(first);
  await first;
  expect(logs.lines.filter((l) => l.msg === "shutting down")).toHaveLength(1);
  expect(logs.lines.filter((l) => l.msg === "shutdown step done" && l.step === "close database")).toHaveLength(1);
}, 30_000);

test("a start that fails after the background loops began (port taken) cleans up and rejects instead of hanging", async () => {
  const squatter = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("taken") });
  try {
    const logs = capturingLogger("debug");
    const config = testConfig({
      PGLITE_DATA_DIR: "memory://",
      ENABLE_WORKER: "true",
      PORT: String(squatter.port),
      LOG_LEVEL: "debug",
    });
    const failure = await runService(config, { logger: logs.logger }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(logs.lines.some((l) => l.msg === "shutdown step done" && l.step === "close database")).toBe(true);
    // Every step ran within the shutdown budget: a 1 ms deadline (SHUTDOWN_TIMEOUT_MS not applied to a failed start)
    // used to time out the background loops and close the database while the expiry sweeper still ran.
    expect(logs.lines.filter((l) => l.msg === "shutdown step failed")).toEqual([]);
    expect(logs.lines.some((l) => l.msg === "shutdown step done" && l.step === "stop background loops")).toBe(true);
  } finally {
    squatter.stop(true);
  }
}, 30_000);
