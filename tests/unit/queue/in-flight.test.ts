import { describe, expect, test } from "bun:test";
import { createInFlightPool, type InFlightOptions, type PartitionRef } from "../../../src/queue/in-flight";
import { partitionControl } from "../../../src/queue/kafka-consumer";
import type { Envelope } from "../../../src/queue/transport";
import { capturingLogger, eventually } from "../../support/logs";

const envelope = (partition: number, offset: number): Envelope => ({
  topic: "t",
  partition,
  offset: String(offset),
  key: null,
  value: Buffer.from("{}"),
  headers: {},
  timestamp: "0",
});
const batch = (partition: number, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => envelope(partition, from + i));

/** A pool whose handlers wait until the test releases them, recording every pause and resume. */
function gatedPool(limit: number, control?: Pick<InFlightOptions, "pause" | "resume">) {
  const gates = new Map<string, PromiseWithResolvers<void>>();
  const started: string[] = [];
  const signals = new Map<string, AbortSignal>();
  const events: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const id = (m: { partition: number; offset: string }) => `${m.partition}:${m.offset}`;
  const gate = (key: string) => {
    const existing = gates.get(key);
    if (existing) return existing;
    const created = Promise.withResolvers<void>();
    gates.set(key, created);
    return created;
  };
  const pool = createInFlightPool({
    limit,
    retryDelayMs: 1,
    async handle(message, signal) {
      started.push(id(message));
      signals.set(id(message), signal);
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      try {
        await gate(id(message)).promise;
      } finally {
        running -= 1;
      }
    },
    pause: (p: PartitionRef) => events.push(`pause ${p.partition}`),
    resume: (p: PartitionRef) => events.push(`resume ${p.partition}`),
    ...control,
  });
  return {
    pool,
    started,
    signals,
    events,
    maxRunning: () => maxRunning,
    finish: (key: string) => gate(key).resolve(),
    fail: (key: string) => {
      gate(key).reject(new Error("boom"));
      gates.delete(key);
    },
  };
}

describe("in-flight pool", () => {
  test("messages of one partition run concurrently up to the limit, and never more", async () => {
    const g = gatedPool(4);
    g.pool.offer("t", 0, batch(0, 0, 10));
    expect(g.started).toEqual(["0:0", "0:1", "0:2", "0:3"]);
    expect(g.pool.active()).toBe(4);
    for (let i = 0; i < 10; i++) g.finish(`0:${i}`);
    await eventually(() => g.pool.active() === 0, 10_000, "all settled");
    expect(g.started).toHaveLength(10);
    expect(g.maxRunning()).toBe(4);
  });

  test("a full pool pauses the partition with waiting messages and resumes it once they all started", async () => {
    const g = gatedPool(2);
    g.pool.offer("t", 0, batch(0, 0, 3));
    expect(g.events).toEqual(["pause 0"]);
    g.finish("0:0");
    await eventually(() => g.started.includes("0:2"), 10_000, "the waiting message started");
    expect(g.events).toEqual(["pause 0", "resume 0"]);
  });

  test("free slots go round robin to the partitions waiting, so none starves", async () => {
    const g = gatedPool(1);
    g.pool.offer("t", 0, batch(0, 0, 3));
    g.pool.offer("t", 1, batch(1, 0, 3));
    g.finish("0:0");
    await eventually(() => g.started.length === 2, 10_000, "second start");
    g.finish(g.started[1] as string);
    await eventually(() => g.started.length === 3, 10_000, "third start");
    g.finish(g.started[2] as string);
    await eventually(() => g.started.length === 4, 10_000, "fourth start");
    // Partition 0 was waiting first; after that the two alternate.
    expect(g.started).toEqual(["0:0", "0:1", "1:0", "0:2"]);
  });

  test("the commit point never passes an unfinished message, and commit lag counts what waits behind it", async () => {
    const g = gatedPool(10);
    g.pool.offer("t", 0, batch(0, 0, 5));
    g.finish("0:1");
    g.finish("0:3");
    await eventually(() => g.pool.active() === 3, 10_000, "two finished");
    expect(g.pool.commitPoints()).toEqual([{ topic: "t", partition: 0, offset: 0 }]);
    expect(g.pool.commitLag()).toEqual([{ topic: "t", partition: 0, lag: 2 }]);
    g.finish("0:0");
    await eventually(() => g.pool.active() === 2, 10_000, "first finished");
    const points = g.pool.commitPoints();
    expect(points).toEqual([{ topic: "t", partition: 0, offset: 2 }]);
    g.pool.committed(points);
    expect(g.pool.commitPoints()).toEqual([]); // nothing moved since
  });

  test("a batch fetched again is not started twice", () => {
    const g = gatedPool(10);
    g.pool.offer("t", 0, batch(0, 0, 3));
    g.pool.offer("t", 0, batch(0, 0, 5));
    expect(g.started).toEqual(["0:0", "0:1", "0:2", "0:3", "0:4"]);
  });

  test("a rejected message is handed over again and still holds the commit point back until it succeeds", async () => {
    const g = gatedPool(10);
    g.pool.offer("t", 0, batch(0, 0, 1));
    g.fail("0:0");
    await eventually(() => g.started.length === 2, 10_000, "second attempt");
    expect(g.pool.commitPoints()).toEqual([{ topic: "t", partition: 0, offset: 0 }]);
    g.finish("0:0");
    await eventually(() => g.pool.active() === 0, 10_000, "settled");
    expect(g.pool.commitPoints()).toEqual([{ topic: "t", partition: 0, offset: 1 }]);
  });

  test("a revoked partition starts nothing more, is resumed, and its in-flight messages are aborted after the deadline", async () => {
    const g = gatedPool(1);
    g.pool.offer("t", 0, batch(0, 0, 3));
    g.pool.offer("t", 1, batch(1, 0, 1));
    g.pool.retain([{ topic: "t", partition: 1 }], 1);
    const signal = g.signals.get("0:0") as AbortSignal;
    await eventually(() => signal.aborted, 10_000, "revoked message aborted");
    expect(g.events).toContain("resume 0");
    g.fail("0:0"); // the handler gives up on the abort: not retried, the partition is someone else's now
    await eventually(() => g.started.includes("1:0"), 10_000, "the kept partition goes on");
    expect(g.started).toEqual(["0:0", "1:0"]);
    expect(g.pool.commitPoints().map((p) => p.partition)).toEqual([1]);
  });

  test("from a rebalance until the next join nothing is taken or committed; then only owned partitions", async () => {
    const g = gatedPool(4);
    g.pool.retain([{ topic: "t", partition: 0 }], 1);
    g.pool.offer("t", 0, batch(0, 0, 1));
    g.finish("0:0");
    await eventually(() => g.pool.active() === 0, 10_000, "settled");
    g.pool.disown();
    expect(g.pool.commitPoints()).toEqual([]);
    g.pool.offer("t", 0, batch(0, 1, 1));
    g.pool.offer("t", 1, batch(1, 0, 1));
    expect(g.started).toEqual(["0:0"]);
    g.pool.retain([{ topic: "t", partition: 0 }], 1);
    g.pool.offer("t", 1, batch(1, 0, 1)); // not assigned to us
    expect(g.started).toEqual(["0:0"]);
    expect(g.pool.commitPoints()).toEqual([{ topic: "t", partition: 0, offset: 1 }]);
  });

  test("every join sends a kept partition's commit point again, in case kafkajs dropped the last commit", async () => {
    const g = gatedPool(4);
    g.pool.retain([{ topic: "t", partition: 0 }], 1);
    g.pool.offer("t", 0, batch(0, 0, 1));
    g.finish("0:0");
    await eventually(() => g.pool.active() === 0, 10_000, "settled");
    g.pool.committed(g.pool.commitPoints());
    expect(g.pool.commitPoints()).toEqual([]);
    g.pool.retain([{ topic: "t", partition: 0 }], 1);
    expect(g.pool.commitPoints()).toEqual([{ topic: "t", partition: 0, offset: 1 }]);
  });

  test("dropping everything before a join (new member id) forgets old commit points and offsets seen", async () => {
    const g = gatedPool(4);
    const p0 = [{ topic: "t", partition: 0 }];
    g.pool.retain(p0, 60_000);
    g.pool.offer("t", 0, batch(0, 0, 2));
    g.finish("0:1"); // 0:0 still runs: our commit point stays at 0
    await eventually(() => g.pool.active() === 1, 10_000, "0:1 settled");
    g.pool.retain([], 60_000);
    g.pool.retain(p0, 60_000);
    expect(g.pool.commitPoints()).toEqual([]); // nothing that could move the group's offset back
    g.pool.offer("t", 0, batch(0, 100, 1)); // another member committed up to 100 meanwhile
    g.finish("0:100");
    await eventually(() => g.pool.active() === 1, 10_000, "0:100 settled");
    expect(g.pool.commitPoints()).toEqual([{ topic: "t", partition: 0, offset: 101 }]);
    g.finish("0:0"); // the old run ends: it no longer counts
    await eventually(() => g.pool.active() === 0, 10_000, "all settled");
    expect(g.pool.commitPoints()).toEqual([{ topic: "t", partition: 0, offset: 101 }]);
  });

  test("hold pauses every owned partition, busy or idle, and starts nothing new; in-flight messages go on", async () => {
    const g = gatedPool(2);
    g.pool.retain(
      [0, 1, 2].map((partition) => ({ topic: "t", partition })),
      1,
    );
    g.pool.offer("t", 0, batch(0, 0, 1));
    g.pool.hold();
    expect(g.pool.held()).toBe(true);
    expect(g.events.sort()).toEqual(["pause 0", "pause 1", "pause 2"]);
    // A batch fetched before the pause took effect waits; a free slot does not start it.
    g.pool.offer("t", 1, batch(1, 0, 2));
    g.finish("0:0");
    await eventually(() => g.pool.active() === 0, 10_000, "the in-flight message finished");
    expect(g.started).toEqual(["0:0"]);
    expect(g.pool.commitPoints()).toContainEqual({ topic: "t", partition: 0, offset: 1 });
  });

  test("release starts what waited, resumes idle partitions, and keeps a partition with messages still waiting paused", async () => {
    const g = gatedPool(1);
    g.pool.retain(
      [0, 1].map((partition) => ({ topic: "t", partition })),
      1,
    );
    g.pool.hold();
    g.pool.offer("t", 1, batch(1, 0, 2));
    g.events.length = 0;
    g.pool.release();
    expect(g.pool.held()).toBe(false);
    expect(g.started).toEqual(["1:0"]);
    expect(g.events).toEqual(["resume 0"]);
    g.finish("1:0");
    await eventually(() => g.started.includes("1:1"), 10_000, "the second waiting message started");
    expect(g.events).toEqual(["resume 0", "resume 1"]);
  });

  test("a partition assigned while held is paused at the join (repause)", () => {
    const g = gatedPool(2);
    g.pool.retain([{ topic: "t", partition: 0 }], 1);
    g.pool.hold();
    g.pool.disown();
    g.pool.retain(
      [0, 3].map((partition) => ({ topic: "t", partition })),
      1,
    );
    g.events.length = 0;
    g.pool.repause();
    expect(g.events.sort()).toEqual(["pause 0", "pause 3"]);
  });

  test("close starts nothing more and resolves once in-flight messages settled", async () => {
    const g = gatedPool(1);
    g.pool.offer("t", 0, batch(0, 0, 2));
    let closed = false;
    const closing = g.pool.close().then(() => (closed = true));
    expect(closed).toBe(false);
    g.finish("0:0");
    await closing;
    expect(g.started).toEqual(["0:0"]);
    expect(g.pool.commitPoints()).toEqual([{ topic: "t", partition: 0, offset: 1 }]);
  });

  describe("while the kafkajs consumer is between runs (pause/resume throw)", () => {
    /** kafkajs' own surface: pause/resume throw until run() created the consumer group. */
    function restartingConsumer() {
      const calls: string[] = [];
      let running = true;
      const act = (name: string) => (topics: { topic: string; partitions?: number[] }[]) => {
        if (!running) throw new Error("Consumer group was not initialized, consumer#run must be called first");
        calls.push(`${name} ${topics[0]?.partitions?.[0]}`);
      };
      const consumer = { pause: act("pause"), resume: act("resume") };
      return { consumer, calls, setRunning: (value: boolean) => (running = value) };
    }

    test("a message taken off the queue still runs and commits, and close does not hang", async () => {
      const kafka = restartingConsumer();
      const log = capturingLogger("debug");
      const g = gatedPool(
        1,
        partitionControl(() => kafka.consumer, log.logger),
      );
      g.pool.offer("t", 0, batch(0, 0, 2));
      expect(kafka.calls).toEqual(["pause 0"]);
      kafka.setRunning(false); // crashed: kafkajs is restarting
      g.finish("0:0");
      await eventually(() => g.started.includes("0:1"), 10_000, "the waiting message started despite the resume error");
      g.finish("0:1");
      await g.pool.close();
      expect(g.pool.commitPoints()).toEqual([{ topic: "t", partition: 0, offset: 2 }]);
      expect(log.text()).toContain("partition resume skipped between runs");
    });

    test("a pause that failed is applied again when the group is joined", () => {
      const kafka = restartingConsumer();
      const g = gatedPool(
        1,
        partitionControl(() => kafka.consumer, capturingLogger().logger),
      );
      kafka.setRunning(false);
      g.pool.offer("t", 0, batch(0, 0, 3)); // does not throw
      expect(g.started).toEqual(["0:0"]);
      kafka.setRunning(true);
      g.pool.repause();
      expect(kafka.calls).toEqual(["pause 0"]);
    });
  });
});
