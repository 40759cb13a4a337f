import { expect, test } from "bun:test";
import { once } from "node:events";
import { templateGenerator } from "../../../src/problems/generators/template";

test("an already aborted signal rejects with the signal's reason", async () => {
  const controller = new AbortController();
  const reason = new Error("shutting down");
  controller.abort(reason);
  await expect(templateGenerator.generate({}, { signal: controller.signal, seed: 1 })).rejects.toBe(reason);
});

test("a timed-out signal rejects with a TimeoutError", async () => {
  const signal = AbortSignal.timeout(0);
  if (!signal.aborted) await once(signal, "abort");
  await expect(templateGenerator.generate({}, { signal, seed: 1 })).rejects.toMatchObject({ name: "TimeoutError" });
});
