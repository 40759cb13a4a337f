import { describe, expect, test } from "bun:test";
import { createDlqGuard } from "../../../src/worker/dlq-guard";

describe("the DLQ guard", () => {
  test("more than maxConsecutive dead letters in a row on a partition trips it; an ordinary outcome resets the run", () => {
    const guard = createDlqGuard({ window: 100, maxRatio: 1, maxConsecutive: 2 });
    expect(guard.admit("t", 0)).toBe(true);
    expect(guard.admit("t", 0)).toBe(true);
    guard.passed("t", 0);
    expect(guard.admit("t", 0)).toBe(true);
    expect(guard.admit("t", 1)).toBe(true); // another partition has its own run
    expect(guard.admit("t", 0)).toBe(true);
    expect(guard.tripped()).toBeUndefined();
    expect(guard.admit("t", 0)).toBe(false);
    expect(guard.tripped()).toContain("t[0]: more than 2 messages in a row");
    // Tripped for the process: nothing else is dead-lettered anywhere.
    expect(guard.admit("t", 1)).toBe(false);
  });

  test("more than maxRatio of a full window trips it; a window not yet full is judged by the run limit alone", () => {
    const guard = createDlqGuard({ window: 10, maxRatio: 0.5, maxConsecutive: 100 });
    // The first 5 all dead: 100% of what was seen, but the window is not full.
    for (let i = 0; i < 5; i++) expect(guard.admit("t", 0)).toBe(true);
    for (let i = 0; i < 4; i++) guard.passed("t", 0);
    // The tenth message, dead, would make 6 of 10: above 0.5.
    expect(guard.admit("t", 0)).toBe(false);
    expect(guard.tripped()).toContain("6 of the last 10");
  });

  test("old outcomes leave the window: 5 of 10 is not more than half, at any point of a long run", () => {
    const guard = createDlqGuard({ window: 10, maxRatio: 0.5, maxConsecutive: 100 });
    for (let i = 0; i < 1000; i++) {
      if (i % 2 === 0) expect(guard.admit("t", 0)).toBe(true);
      else guard.passed("t", 0);
    }
    expect(guard.tripped()).toBeUndefined();
  });
});
