import { afterAll, beforeAll, expect, test } from "bun:test";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { topicNames } from "../../src/queue/topics";
import type { Service } from "../../src/service";
import { metricNamesIn } from "../../tools/dashboards/prom-names";
import { type FakeOpenAI, startFakeOpenAI } from "../support/fake-openai";
import { kafkaBroker, testKafka, uniqueName } from "../support/kafka";
import { eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { type PrometheusServer, startPrometheus } from "../support/prometheus";
import { startTestService, stopWithin } from "../support/service";

/**
 * The dashboards against a real Prometheus (Debian's package) scraping the running service's /metrics every second
 * while HTTP and Kafka traffic run: every panel query must evaluate, and return series for what the traffic made.
 * A direct scrape names metrics exactly as the collector does, so the same dashboards serve both paths.
 */

const API_KEY = "sk-test-prometheus-7f3a";
const JOB = "language-quiz-service";
const DASHBOARDS = "infra/grafana/dashboards";
/** Grafana's $__rate_interval, at least four scrape intervals. */
const RATE_WINDOW = "20s";
/** Metrics this traffic cannot make, and why: a query reading only these may come back empty. */
const NOT_PRODUCED: Record<string, string> = {
  worker_messages_skipped_total: "counts redeliveries of handled messages, which need a consumer crash or rebalance",
};

/** Every LLM call that succeeds takes this long, so latency quantiles have a known answer. */
const LLM_DELAY_MS = 3000;

let t: TestDatabase;
let fake: FakeOpenAI;
let service: Service;
let prometheus: PrometheusServer;
let trafficRunning = true;
let traffic: Promise<void> = Promise.resolve();
const prefix = `${uniqueName("prom")}.`;

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  return (await (await fetch(new URL(path, service.url), init)).json()) as T;
}

beforeAll(async () => {
  const broker = await kafkaBroker();
  t = await createTestDatabase("prometheus");
  // Items about "parler" fail at the LLM for good (403): failures, errors and the DLQ get series too.
  fake = startFakeOpenAI({
    apiKey: API_KEY,
    respond: (request) =>
      JSON.stringify(request.body?.messages ?? []).includes("parler")
        ? { kind: "forbidden" }
        : { kind: "success", delayMs: LLM_DELAY_MS },
  });
  service = await startTestService({
    DATABASE_URL: t.url,
    KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_TOPIC_PARTITIONS: "2",
    ENABLE_WORKER: "true",
    WORKER_CONCURRENCY: "4",
    ...fake.env,
    METRICS_PROMETHEUS: "true",
    POOL_MIN_UNSERVED: "0",
    SHUTDOWN_TIMEOUT_MS: "10000",
  });
  await eventually(async () => (await fetch(new URL("/health/ready", service.url))).ok, 90_000, "service ready");
  prometheus = await startPrometheus({ job: JOB, targets: [service.url.host] });

  // Kafka traffic: generation requests (one of them failing at the LLM) and a poison message.
  const requestIds: string[] = [];
  for (const [verb, count] of [
    ["manger", 3],
    ["finir", 3],
    ["parler", 1],
  ] as const) {
    const accepted = await json<{ request_id: string }>("/api/v1/problems/generate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count, constraints: { verb_infinitives: [verb] } }),
    });
    requestIds.push(accepted.request_id);
  }
  const producer = testKafka(broker.bootstrap).producer();
  await producer.connect();
  await producer.send({ topic: topicNames(prefix).requests, messages: [{ key: "poison", value: "not json at all" }] });
  await producer.disconnect();

  // HTTP traffic on every kind of route, until the test has read the dashboards.
  traffic = (async () => {
    while (trafficRunning) {
      const random = await fetch(new URL("/api/v1/problems/random", service.url));
      const body = (await random.json()) as { id?: string };
      if (body.id) await fetch(new URL(`/api/v1/problems/${body.id}`, service.url));
      for (const id of requestIds) await fetch(new URL(`/api/v1/generation-requests/${id}`, service.url));
      await fetch(new URL("/api/v1/nowhere", service.url));
      await fetch(new URL("/health/live", service.url));
    }
  })();

  await eventually(
    async () => {
      const statuses = await Promise.all(
        requestIds.map((id) => json<{ status: string }>(`/api/v1/generation-requests/${id}`)),
      );
      return statuses.every((s) => s.status === "completed" || s.status === "failed");
    },
    120_000,
    "generation requests finished",
  );
  // What Prometheus holds, not only what the service did: the finished work scraped, and each of these series
  // scraped often enough within a rate window for rate() to have two samples.
  await eventually(
    async () =>
      (await prometheus.query(`sum(worker_messages_processed_total{job="${JOB}"}) >= 6`)).length === 1 &&
      (await prometheus.query(`sum(worker_messages_malformed_total{job="${JOB}"}) >= 1`)).length === 1 &&
      (await prometheus.query(`sum(llm_errors_total{job="${JOB}"}) >= 1`)).length === 1,
    60_000,
    "the traffic's metrics scraped",
  );
  const lastToAppear = ["worker_messages_malformed_total", "worker_messages_failed_total", "llm_errors_total"];
  await eventually(
    async () => {
      for (const name of lastToAppear) {
        const query = `min(count_over_time(${name}{job="${JOB}"}[${RATE_WINDOW}])) >= 3`;
        if ((await prometheus.query(query)).length !== 1) return false;
      }
      return true;
    },
    60_000,
    "samples within a rate window",
  );
}, 240_000);

afterAll(async () => {
  trafficRunning = false;
  await traffic.catch(() => {});
  await prometheus?.stop();
  await stopWithin(service, 30_000);
  await fake?.stop();
  await t?.drop();
}, 60_000);

interface DashboardJson {
  panels?: { title?: string; targets?: { expr?: string }[]; panels?: DashboardJson["panels"] }[];
}

async function dashboardQueries(): Promise<{ dashboard: string; title: string; expr: string }[]> {
  const files = (await readdir(DASHBOARDS)).filter((f) => f.endsWith(".json")).sort();
  const queries: { dashboard: string; title: string; expr: string }[] = [];
  for (const file of files) {
    const dashboard = (await Bun.file(join(DASHBOARDS, file)).json()) as DashboardJson;
    const panels = (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
    for (const panel of panels) {
      for (const target of panel.targets ?? []) {
        if (target.expr) queries.push({ dashboard: file, title: panel.title ?? "", expr: target.expr });
      }
    }
  }
  return queries;
}

test("every query of every dashboard evaluates and returns series for what the traffic produced", async () => {
  const queries = await dashboardQueries();
  expect(queries.length).toBeGreaterThan(20);
  const failures: string[] = [];
  for (const { dashboard, title, expr } of queries) {
    const promql = expr.replaceAll("$__rate_interval", RATE_WINDOW);
    try {
      const result = await prometheus.query(promql);
      // The traffic makes every other metric the dashboards read, so an empty answer is a wrong name or label.
      const expected = metricNamesIn(promql).filter((name) => !(name in NOT_PRODUCED));
      if (result.length === 0 && expected.length > 0) failures.push(`${dashboard} "${title}": no series: ${promql}`);
    } catch (error) {
      failures.push(`${dashboard} "${title}": ${(error as Error).message}`);
    }
  }
  if (failures.length) console.error(failures.join("\n"));
  expect(failures).toEqual([]);
});

test("p95 from the histogram buckets is within a factor of 2 of the mean from _sum/_count", async () => {
  // Successful LLM calls all take about LLM_DELAY_MS: with buckets in seconds both figures land near it (with the
  // SDK's millisecond bounds the p95 read 4.75 s whatever the calls took).
  const histogram = "llm_request_duration_seconds";
  const matchers = `job="${JOB}", error_type=""`;
  const [p95] = await prometheus.query(
    `histogram_quantile(0.95, sum by (le) (rate(${histogram}_bucket{${matchers}}[5m])))`,
  );
  const [mean] = await prometheus.query(
    `sum(rate(${histogram}_sum{${matchers}}[5m])) / sum(rate(${histogram}_count{${matchers}}[5m]))`,
  );
  const p95s = Number(p95?.value[1]);
  const meanS = Number(mean?.value[1]);
  expect(meanS).toBeGreaterThanOrEqual(LLM_DELAY_MS / 1000);
  const ratio = p95s / meanS;
  expect(ratio, `p95 ${p95s} s against a mean of ${meanS} s`).toBeLessThanOrEqual(2);
  expect(ratio, `p95 ${p95s} s against a mean of ${meanS} s`).toBeGreaterThanOrEqual(0.5);
});
