import { afterAll, beforeAll, expect, test } from "bun:test";
import { startLocalBroker, testKafka, uniqueName } from "../support/kafka";
import { capturingLogger, eventually } from "../support/logs";
import { testTelemetry } from "../support/metrics";
import { startTestWorker } from "../support/worker";

// Its own broker, so stopping it does not disturb the other tests' shared broker.
let broker: Awaited<ReturnType<typeof startLocalBroker>>;
beforeAll(async () => {
  broker = await startLocalBroker(Number(process.env.KAFKA_RECONNECT_TEST_PORT ?? 19192));
}, 120_000);
afterAll(() => broker?.destroy(), 60_000);

const testMessage = (n: number) =>
  JSON.stringify({ message_type: "test", message_id: crypto.randomUUID(), payload: { n } });

test("the worker reconnects after the broker goes away and comes back, then processes new messages", async () => {
  const logs = capturingLogger();
  const { telemetry } = testTelemetry();
  const harness = startTestWorker({
    bootstrap: broker.bootstrap,
    prefix: `${uniqueName("reconnect")}.`,
    groupId: uniqueName("group"),
    logger: logs.logger,
    meter: telemetry.meter("w"),
  });
  try {
    await eventually(() => harness.worker.ready, 60_000, "worker ready");
    await broker.stop();
    await eventually(
      () => !harness.worker.ready || harness.worker.state !== "running",
      60_000,
      "worker notices the broker is gone",
    );
    await broker.start();
    await eventually(() => harness.worker.ready, 90_000, "worker ready again");

    const producer = testKafka(broker.bootstrap).producer();
    await producer.connect();
    const value = testMessage(1);
    const id = (JSON.parse(value) as { message_id: string }).message_id;
    await producer.send({ topic: harness.topic, messages: [{ key: "after", value }] });
    await producer.disconnect();
    await eventually(
      () => logs.lines.some((l) => l.msg === "Processed test message successfully" && l.message_id === id),
      60_000,
      "message after restart processed",
    );
  } finally {
    await harness.close();
  }
}, 240_000);

test("started while the broker is down, the worker does not block, reports why it is not ready, and recovers on its own", async () => {
  await broker.stop();
  const logs = capturingLogger();
  const { telemetry } = testTelemetry();
  const startedAt = performance.now();
  const harness = startTestWorker({
    bootstrap: broker.bootstrap,
    prefix: `${uniqueName("late")}.`,
    groupId: uniqueName("group"),
    logger: logs.logger,
    meter: telemetry.meter("w"),
  });
  try {
    expect(performance.now() - startedAt).toBeLessThan(100); // returned at once
    const health = await eventually(
      () => {
        const h = harness.worker.health();
        return h.detail?.includes("cannot") ? h : undefined;
      },
      30_000,
      "a reason in health",
    );
    expect(health.ready).toBe(false);
    expect(harness.worker.state).toBe("connecting");
    await broker.start();
    await eventually(() => harness.worker.ready, 90_000, "worker ready once the broker is up");
  } finally {
    await harness.close();
  }
}, 240_000);
