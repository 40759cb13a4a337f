import { expect, test } from "bun:test";
import { shutdownStack } from "../../src/shutdown-stack";
import { capturingLogger } from "../support/logs";

test("steps run last-pushed first, once, and a failing step does not skip the ones after it", async () => {
  const logs = capturingLogger("debug");
  const stack = shutdownStack(logs.logger, 5000);
  const ran: string[] = [];
  stack.push("close database", () => ran.push("database"));
  stack.push("close producer", () => {
    throw new Error("broker gone");
  });
  stack.push("drain http", async () => ran.push("http"));
  const first = stack.run();
  expect(stack.run()).toBe(first);
  await first;
  expect(ran).toEqual(["http", "database"]);
  expect(logs.lines.filter((l) => l.msg === "shutdown step failed").map((l) => l.step)).toEqual(["close producer"]);
  expect(logs.lines.filter((l) => l.msg === "shutdown step done").map((l) => l.step)).toEqual([
    "drain http",
    "close database",
  ]);
});

test("one budget for every step, measured from the start of the shutdown, never below the floor per step", async () => {
  const stack = shutdownStack(capturingLogger().logger, 10_000);
  // Before the shutdown begins there is no deadline yet: a step would get the whole budget, not an infinite one.
  expect(stack.left()).toBe(10_000);
  const seen: number[] = [];
  stack.push("last", () => seen.push(stack.left()));
  stack.push("first", () => seen.push(stack.left(3000), stack.left(60_000)));
  await stack.run();
  const [withReserve, floor, last] = seen as [number, number, number];
  expect(withReserve).toBeLessThanOrEqual(7000);
  expect(withReserve).toBeGreaterThan(0);
  expect(floor).toBe(500);
  expect(last).toBeLessThanOrEqual(10_000);
  expect(last).toBeGreaterThan(withReserve);
});
