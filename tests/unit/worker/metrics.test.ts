import { afterAll, describe, expect, test } from "bun:test";
import { createTelemetry } from "../../../src/telemetry/metrics";
import { createWorkerMetrics } from "../../../src/worker/metrics";
import { eventually } from "../../support/logs";
import { testTelemetry } from "../../support/metrics";
import { startOtlpReceiver } from "../../support/otlp-receiver";

const sources = {
  lag: async () => [
    { topic: "t", partition: 0, lag: 3 },
    { topic: "t", partition: 1, lag: 4 },
  ],
  activeTasks: () => 2,
  inFlightLimit: 32,
  commitLag: () => [{ topic: "t", partition: 1, lag: 5 }],
};

describe("worker metrics", () => {
  const { reader, telemetry } = testTelemetry();
  const metrics = createWorkerMetrics(telemetry.meter("worker"), "group-a", sources);
  metrics.processed("t", 0.25);
  metrics.processed("t", 0.75);
  metrics.failed("t", "llm_timeout", 1.5);
  metrics.malformed("t", "not_json");
  metrics.malformed("t", "schema_invalid");

  test("worker.messages.processed counts per topic", async () => {
    expect(await reader.value("worker.messages.processed", { topic: "t" })).toBe(2);
  });

  test("worker.messages.failed counts per topic and error_type", async () => {
    expect(await reader.value("worker.messages.failed", { topic: "t", error_type: "llm_timeout" })).toBe(1);
  });

  test("worker.messages.malformed counts per reason", async () => {
    expect(await reader.value("worker.messages.malformed", { topic: "t", reason: "not_json" })).toBe(1);
    expect(await reader.value("worker.messages.malformed", { topic: "t", reason: "schema_invalid" })).toBe(1);
  });

  test("worker.message.processing_duration is a histogram in seconds per topic", async () => {
    const [metric] = (await reader.metrics()).filter((m) => m.descriptor.name === "worker.message.processing_duration");
    expect(metric?.descriptor.unit).toBe("s");
    const point = metric?.dataPoints[0] as {
      attributes: Record<string, unknown>;
      value: { count: number; sum: number };
    };
    expect(point.attributes).toEqual({ topic: "t" });
    expect(point.value.count).toBe(3);
    expect(point.value.sum).toBeCloseTo(2.5);
  });

  test("worker.queue.length sums the lag over partitions; the per-partition gauge keeps each", async () => {
    expect(await reader.value("worker.queue.length", { topic: "t" })).toBe(7);
    expect(await reader.value("worker.partition.lag", { topic: "t", partition: 1 })).toBe(4);
  });

  test("worker.tasks.active reports messages in flight now, next to worker.inflight.limit", async () => {
    expect(await reader.value("worker.tasks.active")).toBe(2);
    expect(await reader.value("worker.inflight.limit")).toBe(32);
  });

  test("worker.commit.lag reports finished-but-not-committable messages per partition", async () => {
    expect(await reader.value("worker.commit.lag", { topic: "t", partition: 1 })).toBe(5);
  });

  test("the messaging semantic-convention pair carries system, destination and group", async () => {
    const semconv = {
      "messaging.system": "kafka",
      "messaging.destination.name": "t",
      "messaging.consumer.group.name": "group-a",
    };
    expect(await reader.value("messaging.client.consumed.messages", semconv)).toBe(5);
    const durations = await reader.points("messaging.process.duration");
    expect(durations.some((p) => p.attributes["error.type"] === "llm_timeout")).toBe(true);
  });

  test("an unreachable broker reports no lag instead of a made-up zero", async () => {
    const { reader: r, telemetry: t } = testTelemetry();
    createWorkerMetrics(t.meter("worker"), "g", {
      lag: async () => Promise.reject(new Error("down")),
      activeTasks: () => 0,
      inFlightLimit: 1,
      commitLag: () => [],
    });
    expect(await r.value("worker.queue.length")).toBeUndefined();
    expect(await r.value("worker.tasks.active")).toBe(0);
  });
});

describe("OTLP export", () => {
  const receiver = startOtlpReceiver();
  afterAll(() => receiver.stop());

  test("with OTEL_EXPORTER_OTLP_ENDPOINT set, protobuf POSTs to /v1/metrics carry the five worker.* instruments", async () => {
    const telemetry = createTelemetry({
      otlpEndpoint: receiver.endpoint,
      exportIntervalMs: 200,
      serviceName: "lqs-test",
      serviceVersion: "1.2.3",
      instanceId: "test-instance-1",
      resourceAttributes: { "deployment.environment": "test" },
    });
    const metrics = createWorkerMetrics(telemetry.meter("worker"), "g", sources);
    metrics.processed("t", 0.1);
    metrics.failed("t", "boom", 0.1);
    const names = [
      "worker.messages.processed",
      "worker.messages.failed",
      "worker.message.processing_duration",
      "worker.queue.length",
      "worker.tasks.active",
    ];
    await eventually(
      () => names.every((n) => receiver.points().some((p) => p.metric === n)),
      10_000,
      "all five worker metrics exported",
    );
    expect(receiver.contentTypes[0]).toBe("application/x-protobuf");
    expect(receiver.exports[0]?.resources[0]).toMatchObject({
      "service.instance.id": "test-instance-1",
      "service.name": "lqs-test",
      "service.version": "1.2.3",
      "deployment.environment": "test",
    });
    await telemetry.shutdown();
  });

  test("shutdown does not stall when the collector is gone", async () => {
    const telemetry = createTelemetry({
      otlpEndpoint: "http://127.0.0.1:1",
      exportIntervalMs: 60_000,
      serviceName: "x",
      serviceVersion: "1",
      instanceId: "i",
      resourceAttributes: {},
    });
    createWorkerMetrics(telemetry.meter("worker"), "g", sources).processed("t", 1);
    const before = performance.now();
    await telemetry.shutdown(1000);
    expect(performance.now() - before).toBeLessThan(3000);
  });
});
