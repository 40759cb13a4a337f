import { afterAll, beforeAll, expect, test } from "bun:test";
import { deadLettersRepository } from "../../src/db/repositories/dead-letters";
import { topicNames } from "../../src/queue/topics";
import { runService, type Service } from "../../src/service";
import { capturingLogger, eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { stopWithin, testConfig } from "../support/service";

// The whole service, worker on the in-process queue: the DLQ guard must show in /health/ready, not just in the worker.
let db: TestDatabase;
let service: Service | undefined;
const logs = capturingLogger();
beforeAll(async () => {
  db = await createTestDatabase("dlq_guard_ready");
  const config = testConfig({
    DATABASE_URL: db.url,
    ENABLE_WORKER: "true",
    POOL_MIN_UNSERVED: "0",
    WORKER_CONCURRENCY: "1",
    DLQ_MAX_CONSECUTIVE: "2",
  });
  service = await runService(config, { logger: logs.logger });
}, 60_000);
afterAll(async () => {
  await stopWithin(service);
  await db?.drop();
});

test("past DLQ_MAX_CONSECUTIVE dead letters the service reports not-ready with the guard's reason, and dead-letters no more", async () => {
  const ready = () => fetch(new URL("/health/ready", service?.url));
  await eventually(async () => (await ready()).status === 200, 20_000, "ready first");
  // All on one partition (one key), one at a time: two dead letters, then the third is refused.
  await service?.transport.publisher.publish(
    topicNames("").requests,
    ["{1", "{2", "{3", "{4"].map((value) => ({ key: "same", value })),
  );
  const res = await eventually(async () => {
    const answer = await ready();
    return answer.status === 503 ? answer : undefined;
  }, 20_000);
  const body = (await res.json()) as { components: { worker: { ready: boolean; detail: string } } };
  expect(body.components.worker.ready).toBe(false);
  expect(body.components.worker.detail).toContain("dead-letter guard tripped");
  expect((await deadLettersRepository(db.database).counts()).pending).toBe(2);
  expect(logs.lines.filter((l) => l.msg === "dead-letter refused; message held")).toHaveLength(1);
}, 60_000);
