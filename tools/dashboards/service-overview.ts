import { DashboardBuilder, DashboardCursorSync, RowBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import { INSTRUMENTS } from "../../src/telemetry/instruments";
import {
  FULL_WIDTH,
  gauge,
  percentilesPanel,
  quantile,
  ratePerSecond,
  ratio,
  statPanel,
  steps,
  timeseriesPanel,
} from "./panels";
import type { Instrument } from "./prom-names";

export const SERVICE_OVERVIEW_UID = "lqs-service-overview";

/** Title of the row that the dashboards test checks panel by panel. */
export const WORKER_HEALTH_ROW = "Worker Health";

const {
  httpDuration,
  poolSize,
  poolUnserved,
  generationRequests,
  workerProcessed,
  workerFailed,
  workerSkipped,
  workerMalformed,
  workerDuration,
  workerQueueLength,
  workerPartitionLag,
  workerTasksActive,
  workerInflightLimit,
  workerCommitLag,
  workerCircuitState,
  messagingConsumed,
  messagingProcessDuration,
} = INSTRUMENTS;

// The catalog has no uptime instrument yet; the stat appears as soon as `process.uptime` (semantic conventions,
// gauge, seconds) is added to it, after a `bun run dashboards:build`.
const uptime = Object.values(INSTRUMENTS).find((i) => (i.name as string) === "process.uptime") as
  | Instrument
  | undefined;

const serverErrors = { matchers: 'http_response_status_code=~"5.."' };

function topStats() {
  const stats = [
    ...(uptime
      ? [
          statPanel({
            title: "Uptime",
            description: "Time since the youngest instance started (a restart resets it).",
            expr: gauge(uptime, "min"),
            unit: "s",
          }),
        ]
      : []),
    statPanel({
      title: "Request Rate",
      description: "HTTP requests per second, all routes and instances.",
      expr: ratePerSecond(httpDuration),
      unit: "reqps",
    }),
    statPanel({
      title: "Error Rate",
      description: "Share of HTTP responses with a 5xx status.",
      expr: ratio(ratePerSecond(httpDuration, serverErrors), ratePerSecond(httpDuration)),
      unit: "percentunit",
      thresholds: steps("green", [0.01, "orange"], [0.05, "red"]),
    }),
    statPanel({
      title: "p95 Latency",
      description: "95th percentile of HTTP request duration, all routes.",
      expr: quantile(0.95, httpDuration),
      unit: "s",
      thresholds: steps("green", [0.25, "orange"], [1, "red"]),
    }),
  ];
  const width = Math.floor(FULL_WIDTH / stats.length);
  return stats.map((panel) => panel.span(width));
}

/** "Service Overview": HTTP traffic, the problem pool, and the health of the generation worker. */
export function serviceOverviewDashboard() {
  const dashboard = new DashboardBuilder("Service Overview")
    .uid(SERVICE_OVERVIEW_UID)
    .description("language-quiz-service: HTTP traffic, the problem pool and the generation worker.")
    .tags(["language-quiz-service", "generated"])
    .time({ from: "now-1h", to: "now" })
    .refresh("30s")
    .tooltip(DashboardCursorSync.Crosshair)
    .readonly();

  dashboard.withRow(new RowBuilder("Overview"));
  for (const panel of topStats()) dashboard.withPanel(panel);

  dashboard
    .withRow(new RowBuilder("Traffic and Latency"))
    .withPanel(
      timeseriesPanel({
        title: "Requests/sec by Route",
        targets: [{ expr: ratePerSecond(httpDuration, { by: ["http.route"] }), legend: "{{http_route}}" }],
        unit: "reqps",
        stacked: true,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Responses/sec by Status",
        targets: [
          {
            expr: ratePerSecond(httpDuration, { by: ["http.response.status_code"] }),
            legend: "{{http_response_status_code}}",
          },
        ],
        unit: "reqps",
        stacked: true,
      }),
    )
    .withPanel(
      percentilesPanel(httpDuration, {
        title: "Latency by Route (p50/p95/p99)",
        description: "Request duration percentiles per route template.",
        by: "http.route",
        width: FULL_WIDTH,
      }),
    );

  dashboard
    .withRow(new RowBuilder("Database and Problem Pool"))
    .withPanel(
      statPanel({
        title: "Problems in Pool",
        description: "Problems stored (same value from every instance: max).",
        expr: gauge(poolSize, "max"),
        width: 8,
      }),
    )
    .withPanel(
      statPanel({
        title: "Unserved Problems",
        description: "Problems never served yet. Below POOL_MIN_UNSERVED (default 50) a refill is requested.",
        expr: gauge(poolUnserved, "max"),
        thresholds: steps("red", [10, "orange"], [50, "green"]),
        width: 8,
      }),
    )
    .withPanel(
      statPanel({
        title: "Open Generation Requests",
        description: "Generation requests pending or processing.",
        expr: `sum(${gauge(generationRequests, "max", { by: ["status"], matchers: 'status=~"pending|processing"' })})`,
        width: 8,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Problem Pool",
        targets: [
          { expr: gauge(poolSize, "max"), legend: "stored" },
          { expr: gauge(poolUnserved, "max"), legend: "never served" },
        ],
        min: 0,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Generation Requests by Status",
        targets: [{ expr: gauge(generationRequests, "max", { by: ["status"] }), legend: "{{status}}" }],
        min: 0,
      }),
    );

  dashboard
    .withRow(new RowBuilder(WORKER_HEALTH_ROW))
    .withPanel(
      statPanel({
        title: "Messages Processed/sec",
        description: "Messages handled successfully per second, all instances.",
        expr: ratePerSecond(workerProcessed),
        unit: "ops",
      }),
    )
    .withPanel(
      statPanel({
        title: "Active Worker Tasks",
        description: "Messages in flight right now (running or waiting to retry), summed over instances.",
        expr: gauge(workerTasksActive, "sum"),
      }),
    )
    .withPanel(
      statPanel({
        title: "Queue Length",
        description: "Consumer group lag: messages published but not yet committed, all topics.",
        // Every instance reads the same group lag from the broker: max per topic, then the sum over topics.
        expr: `sum(${gauge(workerQueueLength, "max", { by: ["topic"] })})`,
        thresholds: steps("green", [100, "orange"], [1000, "red"]),
      }),
    )
    .withPanel(
      statPanel({
        title: "Worker Error Rate",
        description: "Share of handled messages that failed for good.",
        expr: ratio(
          ratePerSecond(workerFailed),
          `(${ratePerSecond(workerProcessed)} or vector(0)) + (${ratePerSecond(workerFailed)} or vector(0))`,
        ),
        unit: "percentunit",
        thresholds: steps("green", [0.01, "orange"], [0.05, "red"]),
      }),
    )
    .withPanel(
      statPanel({
        title: "Breaker State",
        description:
          "The LLM circuit breaker, worst instance: 0 closed, 1 half-open (one probe), 2 open (consumption paused, no attempts used).",
        expr: gauge(workerCircuitState, "max"),
        thresholds: steps("green", [1, "orange"], [2, "red"]),
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Breaker State by Instance",
        description: "0 closed, 1 half-open, 2 open. Open for long: the LLM provider is down (see the runbook).",
        targets: [{ expr: gauge(workerCircuitState, "max", { by: ["instance"] }), legend: "{{instance}}" }],
        thresholds: steps("green", [1, "orange"], [2, "red"]),
        width: 18,
        height: 4,
        min: 0,
      }),
    )
    .withPanel(
      percentilesPanel(workerDuration, {
        title: "Processing Duration (p50/p95/p99)",
        description: "Handler time per message, successes and failures.",
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Worker Throughput by Topic",
        targets: [
          { expr: ratePerSecond(workerProcessed, { by: ["topic"] }), legend: "processed {{topic}}" },
          { expr: ratePerSecond(workerFailed, { by: ["topic"] }), legend: "failed {{topic}}" },
          { expr: ratePerSecond(workerSkipped, { by: ["topic"] }), legend: "skipped redeliveries {{topic}}" },
        ],
        unit: "ops",
        min: 0,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Malformed Messages/min",
        description: "Messages that could not be decoded or validated (poison), by reason.",
        targets: [{ expr: `60 * ${ratePerSecond(workerMalformed, { by: ["reason"] })}`, legend: "{{reason}}" }],
        min: 0,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Consumer Lag per Partition",
        description: "Messages waiting for the group on each partition (max over the instances reporting it).",
        targets: [
          {
            expr: gauge(workerPartitionLag, "max", { by: ["topic", "partition"] }),
            legend: "{{topic}} [{{partition}}]",
          },
        ],
        min: 0,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Messages In Flight vs Limit",
        description:
          "Per instance: messages in flight and WORKER_CONCURRENCY. Pinned at the limit with a growing queue: add machines or raise it.",
        targets: [
          { expr: gauge(workerTasksActive, "sum", { by: ["instance"] }), legend: "in flight {{instance}}" },
          { expr: gauge(workerInflightLimit, "max", { by: ["instance"] }), legend: "limit {{instance}}" },
        ],
        min: 0,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Commit Lag per Partition",
        description:
          "Messages finished but not committable yet, behind a slower one of the same partition; redelivered (and skipped) after a crash.",
        targets: [
          {
            expr: gauge(workerCommitLag, "max", { by: ["topic", "partition"] }),
            legend: "{{topic}} [{{partition}}]",
          },
        ],
        min: 0,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Worker Failures by Error Type",
        targets: [{ expr: ratePerSecond(workerFailed, { by: ["error_type"] }), legend: "{{error_type}}" }],
        unit: "ops",
        min: 0,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Queue Length by Topic",
        targets: [{ expr: gauge(workerQueueLength, "max", { by: ["topic"] }), legend: "{{topic}}" }],
        thresholds: steps("green", [100, "orange"], [1000, "red"]),
        min: 0,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Consumed Messages/sec (messaging semconv)",
        description: "messaging.client.consumed.messages: every delivered message, whatever its outcome.",
        targets: [
          {
            expr: ratePerSecond(messagingConsumed, { by: ["messaging.destination.name"] }),
            legend: "{{messaging_destination_name}}",
          },
        ],
        unit: "ops",
        min: 0,
      }),
    )
    .withPanel(
      percentilesPanel(messagingProcessDuration, {
        title: "Process Duration by Destination (messaging semconv)",
        by: "messaging.destination.name",
        quantiles: [0.5, 0.95],
      }),
    );

  return dashboard;
}
