import { expect, test } from "bun:test";
import { eventually } from "../support/logs";
import { faultEnvironment } from "./environment";

test("kill -9 of the worker three times while 2,000 messages are in flight, restarted each time: nothing lost or doubled", async () => {
  const env = await faultEnvironment("kill3", { WORKER_CONCURRENCY: "16" });
  try {
    let current = await env.start();
    await env.post(current.url, 20, 100);
    for (let kill = 1; kill <= 3; kill++) {
      // Each process dies mid-run: after it has stored work of its own, before the end.
      const before = await env.stored();
      await eventually(async () => (await env.stored()) >= before + 100, 120_000, `progress before kill ${kill}`);
      expect(await env.stored()).toBeLessThan(2000);
      current.service.child.kill("SIGKILL");
      await current.service.child.exited;
      current = await env.start();
    }
    expect(await env.violations(240_000)).toEqual([]);
    expect(await env.stored()).toBe(2000);
  } finally {
    await env.close();
  }
}, 480_000);
