import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { issueKey } from "../../src/access/api-keys";
import { loadConfig } from "../../src/config";
import { apiKeysRepository } from "../../src/db/repositories/api-keys";
import { topicNames } from "../../src/queue/topics";
import { runService, type Service } from "../../src/service";
import { INSTRUMENTS } from "../../src/telemetry/instruments";
import { promSeries } from "../../src/telemetry/prometheus-names";
import { type FakeOpenAI, startFakeOpenAI } from "../support/fake-openai";
import { kafkaBroker, testKafka, uniqueName } from "../support/kafka";
import { capturingLogger, eventually } from "../support/logs";
import { startOtlpReceiver } from "../support/otlp-receiver";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { stopWithin } from "../support/service";

const API_KEY = "sk-proj-VerySecretKey0123456789";
const DB_PASSWORD = "s3cr3t-db-pass";
const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

let t: TestDatabase;
let fake: FakeOpenAI;
let service: Service;
const receiver = startOtlpReceiver();
const logs = capturingLogger("debug");
let requestId: string;
let serviceKey: string;
const prefix = `${uniqueName("otel")}.`;

beforeAll(async () => {
  const broker = await kafkaBroker();
  t = await createTestDatabase("telemetry");
  // Items about "parler" fail at the LLM (403), so the error paths log too.
  fake = startFakeOpenAI({
    apiKey: API_KEY,
    respond: (request) =>
      JSON.stringify(request.body?.messages ?? []).includes("parler") ? { kind: "forbidden" } : { kind: "success" },
  });
  const url = new URL(t.url);
  url.password = DB_PASSWORD; // trust auth ignores it, but the service holds it like a real one
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: url.toString(),
    KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_TOPIC_PARTITIONS: "2",
    ENABLE_WORKER: "true",
    ...fake.env,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_METRIC_EXPORT_INTERVAL_MS: "500",
    OTEL_SERVICE_NAME: "lqs-under-test",
    OTEL_RESOURCE_ATTRIBUTES: "deployment.environment=test",
    METRICS_PROMETHEUS: "true",
    POOL_MIN_UNSERVED: "0",
    LOG_LEVEL: "debug",
  });
  service = await runService(config, { logger: logs.logger });
  await eventually(async () => (await fetch(new URL("/health/ready", service.url))).ok, 60_000, "ready");
  // Auth is on (its default with a real database): the traffic below carries a key, which must never be logged.
  serviceKey = (
    await issueKey(apiKeysRepository(service.database), { name: "telemetry test", scopes: ["read", "generate"] })
  ).key;
  const auth = { authorization: `Bearer ${serviceKey}` };

  // Real traffic: a generation request carrying the caller's trace, reads, an unknown route.
  const res = await fetch(new URL("/api/v1/problems/generate", service.url), {
    method: "POST",
    headers: { ...auth, "content-type": "application/json", traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` },
    body: JSON.stringify({ count: 2, constraints: { verb_infinitives: ["manger"] } }),
  });
  requestId = ((await res.json()) as { request_id: string }).request_id;
  await fetch(new URL("/api/v1/problems/generate", service.url), {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ count: 1, constraints: { verb_infinitives: ["parler"] } }),
  });
  await eventually(
    async () =>
      (
        (await (
          await fetch(new URL(`/api/v1/generation-requests/${requestId}`, service.url), { headers: auth })
        ).json()) as {
          status: string;
        }
      ).status === "completed",
    60_000,
    "generation completed",
  );
  await fetch(new URL("/api/v1/problems/random", service.url), { headers: auth });
  await fetch(new URL("/api/v1/nowhere", service.url), { headers: { "x-api-key": serviceKey } });
  // And a poison message straight onto the topic.
  const producer = testKafka(broker.bootstrap).producer();
  await producer.connect();
  await producer.send({ topic: topicNames(prefix).requests, messages: [{ key: "x", value: "not json at all" }] });
  await producer.disconnect();
}, 120_000);

afterAll(async () => {
  await stopWithin(service, 30_000);
  await fake?.stop();
  receiver.stop();
  await t?.drop();
}, 60_000);

describe("OTLP export of a running service", () => {
  test("every instrument of the catalog arrives, protobuf-encoded, with the configured resource", async () => {
    const names = Object.values(INSTRUMENTS).map((i) => i.name);
    await eventually(
      () => names.every((n) => receiver.points().some((p) => p.metric === n)),
      20_000,
      "every instrument exported",
    );
    expect(receiver.contentTypes.every((c) => c === "application/x-protobuf")).toBe(true);
    expect(receiver.exports.at(-1)?.resources[0]).toMatchObject({
      "service.name": "lqs-under-test",
      "deployment.environment": "test",
    });
  });

  test("instruments carry their attributes", async () => {
    const points = receiver.points();
    const find = (metric: string, attrs: Record<string, unknown>) =>
      points.findLast((p) => p.metric === metric && Object.entries(attrs).every(([k, v]) => p.attributes[k] === v));
    expect(
      find("http.server.request.duration", {
        "http.route": "/api/v1/problems/generate",
        "http.request.method": "POST",
        "http.response.status_code": 202,
      }),
    ).toBeDefined();
    expect(find("http.server.request.duration", { "http.route": "/api/v1/generation-requests/:id" })).toBeDefined();
    expect(
      points.some(
        (p) =>
          p.metric === "http.server.request.duration" &&
          p.attributes["http.response.status_code"] === 404 &&
          !("http.route" in p.attributes),
      ),
    ).toBe(true);
    const topic = points.find((p) => p.metric === "worker.messages.processed")?.attributes.topic;
    expect(String(topic)).toEndWith("problem-generation-requests");
    expect(find("worker.messages.failed", { error_type: "llm_auth" })).toBeDefined();
    expect(
      find("messaging.process.duration", {
        "messaging.system": "kafka",
        "messaging.consumer.group.name": `${prefix}problem-generator-workers`,
      }),
    ).toBeDefined();
    for (const kind of ["input", "output", "reasoning"]) expect(find("llm.tokens", { kind })).toBeDefined();
    expect(find("llm.errors", { error_type: "llm_auth" })).toBeDefined();
    expect(find("generation.requests", { status: "completed" })?.value).toBeGreaterThanOrEqual(1);
    expect(find("problems.pool.size", {})?.value).toBeGreaterThanOrEqual(2);
  });

  test("METRICS_PROMETHEUS=true serves the same instruments in Prometheus text format on /metrics", async () => {
    const res = await fetch(new URL("/metrics", service.url));
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    // The names a Collector's Prometheus exporter gives the same instruments, and no other.
    const catalog = new Set(["target_info", ...Object.values(INSTRUMENTS).flatMap((spec) => promSeries(spec))]);
    const names = new Set(
      text
        .split("\n")
        .filter((line) => line && !line.startsWith("#"))
        .map((line) => line.split(/[{\s]/, 1)[0] as string),
    );
    expect([...names].filter((name) => !catalog.has(name))).toEqual([]);
    expect(names).toContain("worker_messages_processed_total");
    expect(names).toContain("http_server_request_duration_seconds_bucket");
  });
});

describe("structured logs", () => {
  test("the worker's lines for a message carry the API caller's trace id, the message id and the request id", async () => {
    const recorded = logs.lines.find(
      (l) => l.msg === "generation request recorded" && l.generation_request_id === requestId,
    );
    expect(recorded?.trace_id).toBe(TRACE_ID);
    const generated = logs.lines.filter((l) => l.msg === "problem generated" && l.generation_request_id === requestId);
    expect(generated).toHaveLength(2);
    for (const line of generated) {
      expect(line.trace_id).toBe(TRACE_ID);
      expect(line.message_id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  test("every HTTP request is logged once with its request id", async () => {
    const access = logs.lines.filter((l) => l.msg === "request" && l.path === "/api/v1/problems/random");
    expect(access.length).toBeGreaterThanOrEqual(1);
    expect(access[0]?.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("no secret ever reaches the logs: not the LLM key, not the caller's API key, not the database password", () => {
    const text = logs.text();
    expect(logs.lines.some((l) => l.msg === "message failed")).toBe(true); // the error path was exercised
    expect(text).not.toContain(API_KEY);
    expect(serviceKey).toStartWith("lqs_");
    expect(text).not.toContain(serviceKey);
    expect(text).not.toContain(serviceKey.slice(12)); // not even the secret part after the shown prefix
    expect(text).not.toContain(DB_PASSWORD);
  });
});
