import { expect, test } from "bun:test";
import { runService } from "../../src/service";
import { capturingLogger } from "../support/logs";
import { testConfig } from "../support/service";

test("shutdown runs its steps in order: HTTP, background loops, worker, producer, metrics, database", async () => {
  const logs = capturingLogger("debug");
  const service = await runService(
    testConfig({ PGLITE_DATA_DIR: "memory://", ENABLE_WORKER: "true", LOG_LEVEL: "debug" }),
    { logger: logs.logger },
  );
  await service.stop("test");
  const steps = logs.lines.filter((l) => l.msg === "shutdown step done").map((l) => l.step);
  expect(steps).toEqual([
    "drain http",
    "signal background loops",
    "stop background loops",
    "stop worker",
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
