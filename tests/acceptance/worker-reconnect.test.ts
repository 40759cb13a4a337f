import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startLocalBroker, testKafka, uniqueName } from "../support/kafka";
import { capturingLogger, eventually } from "../support/logs";
import { testTelemetry } from "../support/metrics";
import { freePort } from "../support/ports";
import { startTestWorker } from "../support/worker";

// Its own broker, so stopping it does not disturb the other tests' shared broker.
let broker: Awaited<ReturnType<typeof startLocalBroker>>;
beforeAll(async () => {
  // A free port, so two checkouts running this test at once do not collide.
  broker = await startLocalBroker(Number(process.env.KAFKA_RECONNECT_TEST_PORT ?? freePort()));
}, 120_000);
afterAll(() => broker?.destroy(), 60_000);

/** Short, so the tests see readiness follow the broker; the default is WORKER_READY_TTL_MS (5 s). */
const READY_TTL_MS = 3000;
/** What the issue allows (the TTL plus one fetch wait, under a second), plus room for a loaded 2-core machine. */
const FLIP_WITHIN_MS = READY_TTL_MS + 1000 + 15_000;

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
    readyTtlMs: READY_TTL_MS,
  });
  try {
    await eventually(() => harness.worker.ready, 60_000, "worker ready");
    await broker.stop();
    await eventually(() => !harness.worker.ready, FLIP_WITHIN_MS, "worker notices the broker is gone");
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

test("a frozen broker (SIGSTOP) turns the worker not ready within the ready TTL, and ready again once thawed", async () => {
  const logs = capturingLogger();
  const { telemetry } = testTelemetry();
  const harness = startTestWorker({
    bootstrap: broker.bootstrap,
    prefix: `${uniqueName("frozen")}.`,
    groupId: uniqueName("group"),
    logger: logs.logger,
    meter: telemetry.meter("w"),
    readyTtlMs: READY_TTL_MS,
  });
  const pid = Number(readFileSync(join(broker.dataDir, "kafka.pid"), "utf8").trim());
  try {
    await eventually(() => harness.worker.ready, 60_000, "worker ready");
    process.kill(pid, "SIGSTOP");
    await eventually(() => !harness.worker.ready, FLIP_WITHIN_MS, "not ready while the broker is frozen");
    expect(harness.worker.health().detail).toBeString();
    process.kill(pid, "SIGCONT");
    await eventually(() => harness.worker.ready, 90_000, "ready again once thawed");
  } finally {
    try {
      process.kill(pid, "SIGCONT");
    } catch {
      // already running
    }
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
