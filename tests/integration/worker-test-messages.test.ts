import { afterAll, beforeAll, expect, test } from "bun:test";
import { topicNames } from "../../src/queue/topics";
import { runService, type Service } from "../../src/service";
import { capturingLogger, eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { stopWithin, testConfig } from "../support/service";

// The smoke-test handler of scripts/test-kafka-traffic.sh is wired only when WORKER_TEST_MESSAGES asks for it.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("test_messages");
});
afterAll(() => db?.drop());

/** Starts the service with its worker on the in-process queue, sends one smoke-test message, returns the logs. */
async function sendTestMessage(env: Record<string, string>) {
  const logs = capturingLogger();
  let service: Service | undefined;
  try {
    const config = testConfig({ DATABASE_URL: db.url, ENABLE_WORKER: "true", POOL_MIN_UNSERVED: "0", ...env });
    service = await runService(config, { logger: logs.logger });
    const message_id = crypto.randomUUID();
    await service.transport.publisher.publish(topicNames("").requests, [
      { key: message_id, value: JSON.stringify({ message_type: "test", message_id, payload: { n: 1 } }) },
    ]);
    const outcome = await eventually(
      () =>
        logs.lines.find(
          (l) => l.msg === "Processed test message successfully" || l.msg === "malformed message skipped",
        ),
      20_000,
      "the test message handled or skipped",
    );
    return { outcome, lines: logs.lines };
  } finally {
    await stopWithin(service);
  }
}

test("by default a test message is not handled: it is skipped as a message of unknown type", async () => {
  const { outcome, lines } = await sendTestMessage({});
  expect(outcome).toMatchObject({ msg: "malformed message skipped", reason: "unknown_type" });
  expect(lines.some((l) => l.msg === "Received test message")).toBe(false);
}, 60_000);

test("with WORKER_TEST_MESSAGES=true the smoke-test handler logs and processes it", async () => {
  const { outcome, lines } = await sendTestMessage({ WORKER_TEST_MESSAGES: "true" });
  expect(outcome).toMatchObject({ msg: "Processed test message successfully" });
  expect(lines.find((l) => l.msg === "Received test message")).toMatchObject({ payload: { n: 1 } });
}, 60_000);
