import { expect, test } from "bun:test";
import { logLevel } from "kafkajs";
import { kafkaLogCreator } from "../../../src/queue/kafka-log";
import { capturingLogger } from "../../support/logs";

const entry = (level: logLevel, message: string, extra: Record<string, unknown> = {}) => ({
  namespace: "Connection",
  level,
  label: "ERROR",
  log: { timestamp: new Date().toISOString(), logger: "kafkajs", message, ...extra },
});

test("a kafkajs line repeated at every retry is written once per window, at warn, as JSON, without a stack", () => {
  const logs = capturingLogger("debug");
  const log = kafkaLogCreator(logs.logger, 60_000)();
  for (let i = 0; i < 60; i++)
    log(entry(logLevel.ERROR, "Connection error: connect ECONNREFUSED", { broker: "b:9092", stack: "Error\n at x" }));
  log(entry(logLevel.WARN, "Response Metadata timed out"));
  log(entry(logLevel.INFO, "Starting"));
  expect(logs.lines.map((l) => [l.level, l.msg])).toEqual([
    [40, "Connection error: connect ECONNREFUSED"],
    [40, "Response Metadata timed out"],
  ]);
  expect(logs.lines[0]?.kafka).toEqual({ logger: "kafkajs", broker: "b:9092" });
});

test("after the window the line is written again, saying how many were held back", () => {
  const logs = capturingLogger();
  let now = 0;
  const log = kafkaLogCreator(logs.logger, 30_000, () => now)();
  for (let i = 0; i < 5; i++) log(entry(logLevel.ERROR, "Connection error"));
  now = 30_000;
  log(entry(logLevel.ERROR, "Connection error"));
  expect(logs.lines).toHaveLength(2);
  expect(logs.lines[0]?.repeated_since_last_line).toBeUndefined();
  expect(logs.lines[1]?.repeated_since_last_line).toBe(4);
});
