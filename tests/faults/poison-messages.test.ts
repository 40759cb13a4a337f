import { expect, test } from "bun:test";
import { kcatRead } from "../support/kcat";
import { faultEnvironment } from "./environment";

/** Lines produced by another client (kcat), one message each, by the reason the worker must give for each. */
const POISON = {
  not_json: Array.from({ length: 6 }, (_, i) => `not json ${i}`),
  schema_invalid: Array.from({ length: 5 }, (_, i) => JSON.stringify({ message_id: `not-a-uuid-${i}`, count: "many" })),
  unknown_type: Array.from({ length: 5 }, (_, i) => JSON.stringify({ message_type: "teleport", n: i })),
  oversized: Array.from({ length: 4 }, (_, i) => JSON.stringify({ padding: "x".repeat(70 * 1024), n: i })),
};
const EXPECTED = Object.fromEntries(Object.entries(POISON).map(([reason, lines]) => [reason, lines.length]));
const ALL = Object.values(POISON).flat();

async function kcat(bootstrap: string, topic: string, lines: string[]) {
  const child = Bun.spawn(["kcat", "-P", "-b", bootstrap, "-t", topic], {
    stdin: new TextEncoder().encode(`${lines.join("\n")}\n`),
    stdout: "ignore",
    stderr: "pipe",
  });
  const [code, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);
  if (code !== 0) throw new Error(`kcat exited ${code}: ${stderr}`);
}

test("5% poison from kcat among 400 good messages: each dead-lettered once with its reason, nothing else lost", async () => {
  const env = await faultEnvironment("poison", {}, { poison: EXPECTED });
  try {
    const { url } = await env.start();
    // Interleaved: half the poison before the good messages, half after.
    const [first, rest] = [ALL.filter((_, i) => i % 2 === 0), ALL.filter((_, i) => i % 2 === 1)];
    await kcat(env.bootstrap, env.topic, first);
    await env.post(url, 4, 100);
    await kcat(env.bootstrap, env.topic, rest);
    // Lag 0 means the poison was consumed and committed too, not left blocking its partitions; the DLQ invariants
    // mean each poison message is dead-lettered once with its reason and nothing else is.
    expect(await env.violations()).toEqual([]);
    expect(await env.stored()).toBe(400);
    expect(await env.counter(url, "worker_messages_malformed_total")).toBe(ALL.length);
    expect(await env.counter(url, "worker_messages_processed_total")).toBe(400);

    // Read back by kcat: every poison value, as produced, with its reason and the position it was read from.
    const letters = await kcatRead(env.bootstrap, env.topics.dlq);
    const byValue = new Map(letters.map((m) => [m.payload, m.headers]));
    for (const [reason, lines] of Object.entries(POISON))
      for (const line of lines)
        expect(byValue.get(line)).toMatchObject({
          error_code: reason,
          error_class: "poison",
          original_topic: env.topic,
        });
    expect(new Set(letters.map((m) => m.payload)).size).toBe(ALL.length);
    console.log(JSON.stringify({ poison: { produced: ALL.length, dlq: await env.dlq() } }));
  } finally {
    await env.close();
  }
}, 240_000);
