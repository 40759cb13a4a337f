import { describe, expect, test } from "bun:test";
import { createKafkaTransport } from "../../../src/queue/kafka";
import { createMemoryTransport } from "../../../src/queue/memory";
import { topicSpecs } from "../../../src/queue/topics";
import type { Transport } from "../../../src/queue/transport";
import { startWorker } from "../../../src/worker";
import type { WorkerConfig } from "../../../src/worker/config";
import { handlerRegistry } from "../../../src/worker/handlers";
import { testHandler } from "../../../src/worker/handlers/test-handler";
import { silentLogger } from "../../support/app";
import { eventually } from "../../support/logs";
import { testTelemetry } from "../../support/metrics";

const config: WorkerConfig = {
  groupId: "lifecycle",
  topics: ["problem-generation-requests"],
  topicPrefix: "",
  requestPartitions: 2,
  concurrency: 2,
  sessionTimeoutMs: 10_000,
  heartbeatIntervalMs: 1000,
  shutdownTimeoutMs: 2000,
  readyTtlMs: 30_000,
  maxMessageBytes: 1024,
  maxAttempts: 1,
};

function start(transport: Transport, signal = new AbortController().signal) {
  return startWorker(
    {
      transport,
      handlers: handlerRegistry([testHandler]),
      meter: testTelemetry().telemetry.meter("w"),
      logger: silentLogger,
      config,
    },
    signal,
  );
}

/** Nothing listens on port 1: every connection is refused at once. */
const unreachable = () => createKafkaTransport({ brokers: ["127.0.0.1:1"], clientId: "t", logger: silentLogger });

describe("worker lifecycle", () => {
  test("start returns at once with an unreachable broker; the worker is connecting and not ready, with a reason", async () => {
    const transport = unreachable();
    // start() hands back the worker synchronously: nothing in it waits for the broker.
    const worker = start(transport);
    expect(["starting", "connecting"]).toContain(worker.state);
    const health = await eventually(
      () => (worker.health().detail?.includes("cannot ensure topics") ? worker.health() : undefined),
      20_000,
      "reason",
    );
    expect(health).toMatchObject({ ready: false, state: "connecting" });
    await worker.stop();
    await transport.close();
  });

  test("stop is idempotent and returns the same promise", async () => {
    const worker = start(createMemoryTransport(topicSpecs(2)));
    await eventually(() => worker.ready, 30_000, "ready");
    const first = worker.stop();
    expect(worker.stop()).toBe(first);
    await first;
    expect(worker.state).toBe("stopped");
    await worker.stop();
    expect(worker.state).toBe("stopped");
  });

  test("stop during start (broker unreachable) finishes promptly", async () => {
    const transport = unreachable();
    const worker = start(transport);
    const before = performance.now();
    await worker.stop();
    // Bounded by the drain deadline, not by the broker's (endless) connect retries; the margin allows a loaded machine.
    expect(performance.now() - before).toBeLessThan(config.shutdownTimeoutMs + 10_000);
    expect(worker.state).toBe("stopped");
    await transport.close();
  });

  test("aborting the owning signal stops the worker", async () => {
    const controller = new AbortController();
    const worker = start(createMemoryTransport(topicSpecs(2)), controller.signal);
    await eventually(() => worker.ready, 30_000, "ready");
    controller.abort();
    await eventually(() => worker.state === "stopped", 30_000, "stopped");
  });

  test("on the in-process transport a published message is handled and the lag drops to zero", async () => {
    const transport = createMemoryTransport(topicSpecs(2));
    const worker = start(transport);
    await eventually(() => worker.ready, 30_000, "ready");
    await transport.publisher.publish("problem-generation-requests", [
      { key: "a", value: JSON.stringify({ message_type: "test", message_id: "m1", payload: 1 }) },
    ]);
    await eventually(
      async () => (await transport.lag("lifecycle", "problem-generation-requests")).every((p) => p.lag === 0),
      30_000,
      "lag 0",
    );
    await worker.stop();
  });
});
