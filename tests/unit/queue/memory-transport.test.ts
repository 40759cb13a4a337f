import { describe, expect, test } from "bun:test";
import { createMemoryTransport } from "../../../src/queue/memory";
import type { Envelope } from "../../../src/queue/transport";
import { eventually } from "../../support/logs";

const options = (concurrency: number) => ({
  groupId: "g",
  topics: ["t"],
  concurrency,
  revokeDeadlineMs: 1000,
  sessionTimeoutMs: 10_000,
  heartbeatIntervalMs: 1000,
});
const messages = (count: number) => Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: String(i) }));
const totalLag = async (transport: ReturnType<typeof createMemoryTransport>) =>
  (await transport.lag("g", "t")).reduce((sum, p) => sum + p.lag, 0);

describe("in-process transport: the same consumer semantics as Kafka", () => {
  test("messages of one partition run concurrently up to WORKER_CONCURRENCY, and no further", async () => {
    const transport = createMemoryTransport([{ name: "t", partitions: 1, config: {} }]);
    await transport.publisher.publish("t", messages(8));
    let running = 0;
    let most = 0;
    // Each handler waits until four run at once (or it is among the last): it could never finish one at a time.
    const full = Promise.withResolvers<void>();
    let finished = 0;
    const consumer = transport.consumer(options(4));
    await consumer.start(async () => {
      running += 1;
      most = Math.max(most, running);
      if (running === 4 || finished >= 4) full.resolve();
      await full.promise;
      running -= 1;
      finished += 1;
    });
    await eventually(async () => (await totalLag(transport)) === 0, 10_000, "all committed");
    await consumer.stop();
    expect(most).toBe(4);
    expect(finished).toBe(8);
  });

  test("a slow message holds the commit point, not the partition: later ones finish, lag stays until it ends", async () => {
    const transport = createMemoryTransport([{ name: "t", partitions: 1, config: {} }]);
    await transport.publisher.publish("t", messages(5));
    const slow = Promise.withResolvers<void>();
    const done: string[] = [];
    const consumer = transport.consumer(options(10));
    await consumer.start(async (m: Envelope) => {
      if (m.offset === "0") await slow.promise;
      done.push(m.offset);
    });
    await eventually(() => done.length === 4, 10_000, "the four fast ones");
    expect(await totalLag(transport)).toBe(5);
    expect(consumer.commitLag()).toEqual([{ topic: "t", partition: 0, lag: 4 }]);
    expect(consumer.inFlight()).toBe(1);
    slow.resolve();
    await eventually(async () => (await totalLag(transport)) === 0, 10_000, "all committed");
    await consumer.stop();
  });

  test("hold stops consumption of every partition until release, and nothing published meanwhile is lost", async () => {
    const transport = createMemoryTransport([{ name: "t", partitions: 3, config: {} }]);
    const handled: string[] = [];
    const consumer = transport.consumer(options(4));
    await consumer.start(async (m: Envelope) => {
      handled.push(m.value?.toString() ?? "");
    });
    await transport.publisher.publish("t", messages(3));
    await eventually(() => handled.length === 3, 10_000, "the first three handled");
    consumer.hold();
    await transport.publisher.publish("t", messages(6).slice(3));
    // The feed loop runs between the publish and the release: it must take nothing into a handler.
    await eventually(async () => (await totalLag(transport)) === 3, 10_000, "the first three committed");
    expect(handled).toHaveLength(3);
    consumer.release();
    await eventually(() => handled.length === 6, 10_000, "the held three handled after release");
    await eventually(async () => (await totalLag(transport)) === 0, 10_000, "all committed");
    await consumer.stop();
    expect(handled.sort()).toEqual(["0", "1", "2", "3", "4", "5"]);
  });

  test("a rejected message is handed over again; stop leaves an unfinished one uncommitted", async () => {
    const transport = createMemoryTransport([{ name: "t", partitions: 1, config: {} }]);
    await transport.publisher.publish("t", messages(2));
    const attempts = new Map<string, number>();
    const stuck = Promise.withResolvers<void>();
    const consumer = transport.consumer(options(2));
    await consumer.start(async (m: Envelope) => {
      attempts.set(m.offset, (attempts.get(m.offset) ?? 0) + 1);
      if (m.offset === "0" && attempts.get("0") === 1) throw new Error("database down");
      if (m.offset === "1") await stuck.promise;
    });
    await eventually(() => attempts.get("0") === 2, 10_000, "offset 0 handed over again");
    await eventually(async () => (await totalLag(transport)) === 1, 10_000, "offset 0 committed");
    const stopping = consumer.stop();
    stuck.reject(new Error("abandoned"));
    await stopping;
    expect(await totalLag(transport)).toBe(1);
  });
});
