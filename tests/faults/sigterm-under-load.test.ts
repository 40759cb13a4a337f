import { expect, test } from "bun:test";
import { eventually } from "../support/logs";
import { faultEnvironment } from "./environment";

const SHUTDOWN_TIMEOUT_MS = 5000;
const PLATFORM_KILL_TIMEOUT_MS = 15_000;
const TIMER_SLACK_MS = 1000;

test("SIGTERM under load: the process drains by its deadline, exits 0, and a successor finishes with nothing lost", async () => {
  const env = await faultEnvironment("sigterm", {
    WORKER_CONCURRENCY: "16",
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    PLATFORM_KILL_TIMEOUT_MS: String(PLATFORM_KILL_TIMEOUT_MS),
  });
  try {
    const first = await env.start();
    await env.post(first.url, 5, 100);
    await eventually(async () => (await env.stored()) >= 100, 120_000, "work under way");
    const signalledAt = performance.now();
    first.service.child.kill("SIGTERM");
    const code = await first.service.child.exited;
    const exitMs = performance.now() - signalledAt;
    expect(code).toBe(0);
    // The contract with the platform: gone before it would SIGKILL.
    expect(exitMs).toBeLessThan(PLATFORM_KILL_TIMEOUT_MS);
    const lines = first.service.lines;
    const at = (msg: string) => lines.find((l) => l.msg === msg)?.time;
    const [began, ended] = [at("shutting down"), at("shutdown complete")];
    expect(began && ended).toBeTruthy();
    // The service's own budget, read from its own clock: every step (drain, producer, metrics, database) within it.
    // A deadline's timer may fire late on a loaded machine, so the last log line gets a second past the budget.
    const drainMs = new Date(String(ended)).getTime() - new Date(String(began)).getTime();
    expect(drainMs).toBeLessThanOrEqual(SHUTDOWN_TIMEOUT_MS + TIMER_SLACK_MS);
    expect(lines.filter((l) => l.msg === "shutdown step failed")).toEqual([]);
    expect(await env.stored()).toBeLessThan(500); // it stopped mid-run, with work left for the successor

    await env.start();
    expect(await env.violations()).toEqual([]);
    expect(await env.stored()).toBe(500);
    console.log(
      JSON.stringify({
        sigterm: {
          exit_ms: Math.round(exitMs),
          drain_ms: drainMs,
        },
      }),
    );
  } finally {
    await env.close();
  }
}, 300_000);
