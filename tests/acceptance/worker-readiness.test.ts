import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { startLocalBroker, testKafka, uniqueName } from "../support/kafka";
import { capturingLogger, eventually } from "../support/logs";
import { testTelemetry } from "../support/metrics";
import { startTestWorker } from "../support/worker";

// A private broker on a free port: these tests stop and freeze it, which the shared broker must never suffer.
const READY_TTL_MS = 3000;
/** What the issue allows (the TTL plus one fetch wait, under a second), plus room for a loaded 2-core machine. */
const FLIP_WITHIN_MS = READY_TTL_MS + 1000 + 15_000;

let broker: Awaited<ReturnType<typeof startLocalBroker>>;
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
beforeAll(async () => {
  broker = await startLocalBroker(await freePort());
}, 180_000);
afterAll(() => broker?.destroy(), 60_000);

function worker() {
  const logs = capturingLogger();
  const harness = startTestWorker({
    bootstrap: broker.bootstrap,
    prefix: `${uniqueName("ready")}.`,
    groupId: uniqueName("group"),
    logger: logs.logger,
    meter: testTelemetry().telemetry.meter("w"),
    readyTtlMs: READY_TTL_MS,
  });
  return { harness, logs };
}

async function processesANewMessage(h: ReturnType<typeof worker>) {
  const id = crypto.randomUUID();
  const producer = testKafka(broker.bootstrap).producer();
  await producer.connect();
  await producer.send({
    topic: h.harness.topic,
    messages: [{ key: id, value: JSON.stringify({ message_type: "test", message_id: id, payload: {} }) }],
  });
  await producer.disconnect();
  await eventually(
    () => h.logs.lines.some((l) => l.msg === "Processed test message successfully" && l.message_id === id),
    60_000,
    "a message sent after the outage to be processed",
  );
}

test("a stopped broker turns the worker not ready within the ready TTL, and ready again after it returns", async () => {
  const h = worker();
  try {
    await eventually(() => h.harness.worker.ready, 90_000, "worker ready");
    await broker.stop();
    const stoppedAt = performance.now();
    await eventually(() => !h.harness.worker.ready, FLIP_WITHIN_MS, "not ready after the broker stopped");
    console.info(`broker stopped: not ready after ${Math.round(performance.now() - stoppedAt)} ms`);
    expect(h.harness.worker.health().detail).toBeString();
    await broker.start();
    await eventually(() => h.harness.worker.ready, 120_000, "ready again");
    await processesANewMessage(h);
  } finally {
    await h.harness.close();
  }
}, 300_000);

test("a frozen broker (SIGSTOP) turns the worker not ready within the ready TTL, and ready again once thawed", async () => {
  const h = worker();
  const pid = Number(readFileSync(join(broker.dataDir, "kafka.pid"), "utf8").trim());
  try {
    await eventually(() => h.harness.worker.ready, 90_000, "worker ready");
    process.kill(pid, "SIGSTOP");
    const frozenAt = performance.now();
    await eventually(() => !h.harness.worker.ready, FLIP_WITHIN_MS, "not ready while the broker is frozen");
    console.info(`broker frozen: not ready after ${Math.round(performance.now() - frozenAt)} ms`);
    process.kill(pid, "SIGCONT");
    const thawedAt = performance.now();
    await eventually(() => h.harness.worker.ready, 120_000, "ready again");
    console.info(`broker thawed: ready again after ${Math.round(performance.now() - thawedAt)} ms`);
    await processesANewMessage(h);
  } finally {
    try {
      process.kill(pid, "SIGCONT");
    } catch {
      // already running or gone
    }
    await h.harness.close();
  }
}, 300_000);
