import { expect, test } from "bun:test";
import { faultEnvironment } from "./environment";

/** Lines produced by another client (kcat), one message each: what a foreign or broken producer writes. */
const POISON = [
  ...Array.from({ length: 6 }, (_, i) => `not json ${i}`),
  ...Array.from({ length: 5 }, (_, i) => JSON.stringify({ message_id: `not-a-uuid-${i}`, count: "many" })),
  ...Array.from({ length: 5 }, (_, i) => JSON.stringify({ message_type: "teleport", n: i })),
  ...Array.from({ length: 4 }, (_, i) => JSON.stringify({ padding: "x".repeat(70 * 1024), n: i })),
];

async function kcat(bootstrap: string, topic: string, lines: string[]) {
  const child = Bun.spawn(["kcat", "-P", "-b", bootstrap, "-t", topic], {
    stdin: new TextEncoder().encode(`${lines.join("\n")}\n`),
    stdout: "ignore",
    stderr: "pipe",
  });
  const [code, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);
  if (code !== 0) throw new Error(`kcat exited ${code}: ${stderr}`);
}

test("5% poison from kcat among 400 good messages: each skipped and counted by reason, nothing else lost", async () => {
  const env = await faultEnvironment("poison");
  try {
    const { url } = await env.start();
    await kcat(env.bootstrap, env.topic, POISON.slice(0, 10));
    await env.post(url, 4, 100);
    await kcat(env.bootstrap, env.topic, POISON.slice(10));
    // Lag 0 means the poison was consumed and committed too, not left blocking its partitions.
    expect(await env.violations()).toEqual([]);
    expect(await env.stored()).toBe(400);
    expect(await env.counter(url, "worker_messages_malformed_total")).toBe(POISON.length);
    expect(await env.counter(url, "worker_messages_processed_total")).toBe(400);
  } finally {
    await env.close();
  }
}, 240_000);
