import { afterAll, beforeAll, expect, test } from "bun:test";
import type { GenerationRequest } from "../../src/cli/commands/requests";
import type { Service } from "../../src/service";
import { kafkaBroker } from "../support/kafka";
import { eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { startKafkaService, stopWithin } from "../support/service";

let t: TestDatabase;
let service: Service;
beforeAll(async () => {
  const broker = await kafkaBroker();
  t = await createTestDatabase("e2e");
  service = await startKafkaService("e2e", {
    DATABASE_URL: t.url,
    KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap,
    KAFKA_TOPIC_PARTITIONS: "4",
    WORKER_CONCURRENCY: "4",
  });
}, 120_000);
afterAll(async () => {
  await stopWithin(service, 30_000);
  await t?.drop();
}, 60_000);

test("POST generate count=20 through Kafka: the request completes with exactly 20 problems, each served by /random", async () => {
  const res = await fetch(new URL("/api/v1/problems/generate", service.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ count: 20, focus: "conjugation" }),
  });
  expect(res.status).toBe(202);
  const { status_url } = (await res.json()) as { status_url: string };
  const done = await eventually(
    async () => {
      const body = (await (await fetch(new URL(status_url, service.url))).json()) as GenerationRequest;
      return body.status === "completed" ? body : undefined;
    },
    60_000,
    "request completed",
  );
  expect(done).toMatchObject({ generated_count: 20, failed_count: 0, progress: 1 });
  expect(new Set(done.problem_ids).size).toBe(20);

  const served = await Promise.all(
    Array.from(
      { length: 20 },
      async () =>
        (
          (await (await fetch(new URL("/api/v1/problems/random?focus=conjugation", service.url))).json()) as {
            id: string;
          }
        ).id,
    ),
  );
  expect(new Set(served)).toEqual(new Set(done.problem_ids));
}, 90_000);

test("readiness includes the worker component, running on Kafka", async () => {
  const body = (await (await fetch(new URL("/health/ready", service.url))).json()) as {
    components: Record<string, { ready: boolean; transport?: string }>;
  };
  expect(body.components.worker).toMatchObject({ ready: true, transport: "kafka" });
});
