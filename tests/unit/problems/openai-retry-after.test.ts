import { describe, expect, test } from "bun:test";
import { parseRetryAfterMs } from "../../../src/problems/generators/llm-errors";

describe("parseRetryAfterMs reads both forms of Retry-After", () => {
  const nowMs = Date.parse("2025-07-07T12:00:00Z");

  test("delay-seconds, whole or fractional", () => {
    expect(parseRetryAfterMs("120", nowMs)).toBe(120_000);
    expect(parseRetryAfterMs("0", nowMs)).toBe(0);
    expect(parseRetryAfterMs("1.5", nowMs)).toBe(1500);
    expect(parseRetryAfterMs(" 3 ", nowMs)).toBe(3000);
  });

  test("an HTTP-date, as the delay from now", () => {
    expect(parseRetryAfterMs("Mon, 07 Jul 2025 12:00:45 GMT", nowMs)).toBe(45_000);
  });

  test("an HTTP-date in the past means no wait, never a negative one", () => {
    expect(parseRetryAfterMs("Mon, 07 Jul 2025 11:59:00 GMT", nowMs)).toBe(0);
  });

  test("absent or unreadable values give undefined", () => {
    expect(parseRetryAfterMs(null, nowMs)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, nowMs)).toBeUndefined();
    expect(parseRetryAfterMs("", nowMs)).toBeUndefined();
    expect(parseRetryAfterMs("-5", nowMs)).toBeUndefined();
    expect(parseRetryAfterMs("soon", nowMs)).toBeUndefined();
  });
});
