import { describe, expect, test } from "bun:test";
import { createCallLimit } from "../../../src/problems/generators/openai/call-limit";

describe("process-wide call limit", () => {
  test("a waiter whose signal aborts leaves the queue and never runs; the next one takes the slot", async () => {
    const limit = createCallLimit(1);
    const first = Promise.withResolvers<void>();
    const running = limit.run(new AbortController().signal, () => first.promise);
    const abandoned = new AbortController();
    let abandonedRan = false;
    const waiting = limit.run(abandoned.signal, async () => {
      abandonedRan = true;
    });
    const next = limit.run(new AbortController().signal, async () => "next");
    abandoned.abort(new Error("caller gave up"));
    await expect(waiting).rejects.toThrow("caller gave up");
    expect(limit.running()).toBe(1);
    first.resolve();
    await running;
    expect(await next).toBe("next");
    expect(abandonedRan).toBe(false);
    expect(limit.running()).toBe(0);
  });

  test("a call that throws frees its slot", async () => {
    const limit = createCallLimit(1);
    const signal = new AbortController().signal;
    await expect(limit.run(signal, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limit.run(signal, async () => 7)).toBe(7);
  });
});
