import { describe, expect, test } from "bun:test";
import { CommitTracker } from "../../../src/queue/commit-tracker";

/** A small deterministic generator, so a failing order can be reproduced from its seed. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function shuffled<T>(items: T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe("ordered-commit tracker", () => {
  test("nothing to commit before anything was accepted", () => {
    expect(new CommitTracker().committable()).toBeUndefined();
  });

  test("the commit point stops at the first unfinished offset and jumps when it finishes", () => {
    const tracker = new CommitTracker();
    for (const offset of [5, 6, 7, 8]) tracker.accept(offset);
    expect(tracker.committable()).toBe(5);
    tracker.finish(7);
    tracker.finish(6);
    expect(tracker.committable()).toBe(5);
    expect(tracker.finishedAhead()).toBe(2);
    tracker.finish(5);
    expect(tracker.committable()).toBe(8);
    expect(tracker.finishedAhead()).toBe(0);
    tracker.finish(8);
    expect(tracker.committable()).toBe(9);
  });

  test("offsets seen before are refused (a refetch after a rebalance or a resume)", () => {
    const tracker = new CommitTracker();
    expect(tracker.accept(3)).toBe(true);
    expect(tracker.accept(4)).toBe(true);
    expect(tracker.accept(3)).toBe(false);
    expect(tracker.accept(4)).toBe(false);
    expect(tracker.accept(5)).toBe(true);
  });

  test("gaps in offsets (compaction, transaction markers) do not hold the commit point back", () => {
    const tracker = new CommitTracker();
    for (const offset of [10, 12, 15]) tracker.accept(offset);
    tracker.finish(10);
    expect(tracker.committable()).toBe(12);
    tracker.finish(15);
    tracker.finish(12);
    expect(tracker.committable()).toBe(16);
  });

  // Property: for any completion order, after every step the commit point is exactly the smallest unfinished
  // accepted offset (never past an unfinished message), and once all finished it is the last offset + 1.
  test("property: random completion orders never commit past an unfinished message and always reach the end", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const count = 1 + Math.floor(next() * 3000);
      const offsets: number[] = [];
      let offset = Math.floor(next() * 1000);
      for (let i = 0; i < count; i++) {
        offsets.push(offset);
        offset += next() < 0.1 ? 2 + Math.floor(next() * 3) : 1; // occasional gaps
      }
      const tracker = new CommitTracker();
      const unfinished = new Set<number>();
      const indexOf = new Map(offsets.map((o, i) => [o, i]));
      // Accepting and finishing interleave, as fetches arrive while handlers complete: a message is accepted
      // before it finishes, and sometimes more are accepted ahead of it.
      let accepted = 0;
      for (const candidate of shuffled(offsets, next)) {
        const needed = (indexOf.get(candidate) as number) + 1;
        while (accepted < needed || (accepted < offsets.length && next() < 0.3)) {
          const o = offsets[accepted++] as number;
          expect(tracker.accept(o)).toBe(true);
          unfinished.add(o);
        }
        tracker.finish(candidate);
        unfinished.delete(candidate);
        const point = tracker.committable() as number;
        const lowest = unfinished.size ? Math.min(...unfinished) : (offsets[accepted - 1] as number) + 1;
        if (point !== lowest) throw new Error(`seed ${seed}: commit point ${point}, expected ${lowest}`);
      }
      expect(tracker.committable()).toBe((offsets.at(-1) as number) + 1);
      expect(tracker.unfinished()).toBe(0);
    }
  });
});
