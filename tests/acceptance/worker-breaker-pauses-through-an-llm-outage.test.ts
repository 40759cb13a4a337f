import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { GenerationRequest } from "../../src/cli/commands/requests";
import type { Service } from "../../src/service";
import { INSTRUMENTS } from "../../src/telemetry/instruments";
import { promName } from "../../src/telemetry/prometheus-names";
import { type FakeOpenAI, startFakeOpenAI } from "../support/fake-openai";
import { problemCount } from "../support/generation";
import { kafkaBroker } from "../support/kafka";
import { eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { startKafkaService, stopWithin } from "../support/service";

const API_KEY = "sk-test-breaker-outage-7a8b";
/** How long the LLM fails every call, from its first call: the fault suite's 20 s outage. */
const OUTAGE_MS = 20_000;

let t: TestDatabase;
let fake: FakeOpenAI;
let service: Service;
let outageStartedAt: number | undefined;
const failing = () => outageStartedAt === undefined || performance.now() - outageStartedAt < OUTAGE_MS;

interface WorkerHealth {
  ready: boolean;
  circuit: string;
  paused: boolean;
  degraded: boolean;
}
const health = async () =>
  (await (await fetch(new URL("/health", service.url))).json()) as {
    status: string;
    components: { worker: WorkerHealth };
  };
const circuitGauge = async () => {
  const text = await (await fetch(new URL("/metrics", service.url))).text();
  const line = text.split("\n").find((l) => l.startsWith(promName(INSTRUMENTS.workerCircuitState)));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
};
const requestRow = async (id: string) =>
  (await (await fetch(new URL(`/api/v1/generation-requests/${id}`, service.url))).json()) as GenerationRequest;
const generate = async (count: number) => {
  const res = await fetch(new URL("/api/v1/problems/generate", service.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ count, constraints: { verb_infinitives: ["manger"] } }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { request_id: string }).request_id;
};

beforeAll(async () => {
  const broker = await kafkaBroker();
  t = await createTestDatabase("breaker");
  fake = startFakeOpenAI({
    apiKey: API_KEY,
    respond: () => {
      outageStartedAt ??= performance.now();
      return failing() ? { kind: "server_error", status: 503 } : { kind: "success" };
    },
  });
  service = await startKafkaService("breaker", {
    DATABASE_URL: t.url,
    KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap,
    WORKER_CONCURRENCY: "3",
    ...fake.env,
    METRICS_PROMETHEUS: "true",
    // Timings scaled down so the outage spans several probes within the test's bound.
    WORKER_BREAKER_THRESHOLD: "3",
    WORKER_BREAKER_HALF_OPEN_MS: "2000",
  });
}, 120_000);

afterAll(async () => {
  await stopWithin(service, 30_000);
  await fake?.stop();
  await t?.drop();
}, 60_000);

describe("an LLM outage opens the breaker: consumption pauses, no attempt is burned, all completes after", () => {
  test("the outage, seen from health, metrics, the consumer and the database, then the recovery", async () => {
    const first = await generate(5);

    // The breaker opens on the failures: /health says degraded, the worker is paused but still ready and alive.
    const open = await eventually(
      async () => {
        const h = await health();
        return h.components.worker.circuit === "open" ? h : undefined;
      },
      60_000,
      "circuit open",
    );
    expect(open.status).toBe("degraded");
    expect(open.components.worker).toMatchObject({ ready: true, paused: true, degraded: true });
    expect((await fetch(new URL("/health/ready", service.url))).status).toBe(200);
    expect((await fetch(new URL("/health/live", service.url))).status).toBe(200);
    await eventually(async () => (await circuitGauge()) === 2, 10_000, "worker.circuit.state 2 (open)");

    // Paused: a request submitted during the outage is not taken in; no more messages start than were in flight.
    const inFlightAtOpen = service.worker?.inFlight ?? 0;
    expect(inFlightAtOpen).toBeLessThanOrEqual(3);
    const second = await generate(3);
    const probesBefore = fake.requests.length;
    await eventually(() => fake.requests.length > probesBefore, 20_000, "a half-open probe");
    expect(failing()).toBe(true);
    expect(service.worker?.inFlight).toBeLessThanOrEqual(inFlightAtOpen);
    expect((await health()).components.worker.paused).toBe(true);

    // Nothing failed or was written while the LLM was down.
    for (const id of [first, second]) {
      const row = await requestRow(id);
      expect(row.failed_count).toBe(0);
      expect(row.generated_count).toBe(0);
    }
    expect(await problemCount(service.database)).toBe(0);

    // Recovery: the probe succeeds, the breaker closes, consumption resumes and every item completes.
    await eventually(() => !failing(), OUTAGE_MS + 10_000, "the LLM back");
    for (const [id, count] of [
      [first, 5],
      [second, 3],
    ] as const) {
      const done = await eventually(
        async () => {
          const row = await requestRow(id);
          return row.status === "completed" ? row : undefined;
        },
        60_000,
        `request ${id} completed`,
      );
      expect(done).toMatchObject({ requested_count: count, generated_count: count, failed_count: 0 });
      expect(await problemCount(service.database, id)).toBe(count);
    }
    const after = await health();
    expect(after.status).toBe("ok");
    expect(after.components.worker).toMatchObject({ circuit: "closed", paused: false, degraded: false });
    await eventually(async () => (await circuitGauge()) === 0, 10_000, "worker.circuit.state 0 (closed)");
  }, 150_000);
});
