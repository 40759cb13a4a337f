import { describe, expect, test } from "bun:test";
import { INSTRUMENTS } from "../../../src/telemetry/instruments";
import { metricNamesIn, promLabel, promName, promSeries } from "../../../tools/dashboards/prom-names";

// The names the collector's prometheus exporter produces (translation UnderscoreEscapingWithSuffixes).
describe("promName", () => {
  const byName = new Map(Object.values(INSTRUMENTS).map((i) => [i.name as string, i]));
  test.each([
    ["worker.messages.processed", "worker_messages_processed_total"],
    ["worker.queue.length", "worker_queue_length"],
    ["worker.message.processing_duration", "worker_message_processing_duration_seconds"],
    ["http.server.request.duration", "http_server_request_duration_seconds"],
    ["messaging.client.consumed.messages", "messaging_client_consumed_messages_total"],
    ["llm.tokens", "llm_tokens_total"],
    ["generation.requests", "generation_requests"],
  ])("%s -> %s", (name, expected) => {
    const instrument = byName.get(name);
    expect(instrument, `${name} is in the catalog`).toBeDefined();
    if (instrument) expect(promName(instrument)).toBe(expected);
  });

  test("units: words for known units, nothing for annotations, ratio for dimensionless gauges", () => {
    expect(promName({ name: "a.size", kind: "gauge", unit: "By" })).toBe("a_size_bytes");
    expect(promName({ name: "a.latency_seconds", kind: "histogram", unit: "s" })).toBe("a_latency_seconds");
    expect(promName({ name: "a.usage", kind: "gauge", unit: "1" })).toBe("a_usage_ratio");
    expect(promName({ name: "a.speed", kind: "gauge", unit: "By/s" })).toBe("a_speed_bytes_per_second");
    expect(promName({ name: "a.retries", kind: "counter", unit: "{retry}" })).toBe("a_retries_total");
  });

  test("a histogram is exposed as _bucket, _sum and _count", () => {
    expect(promSeries(INSTRUMENTS.workerDuration)).toEqual([
      "worker_message_processing_duration_seconds_bucket",
      "worker_message_processing_duration_seconds_sum",
      "worker_message_processing_duration_seconds_count",
    ]);
  });

  test("attribute names become labels with underscores", () => {
    expect(promLabel("messaging.destination.name")).toBe("messaging_destination_name");
    expect(promLabel("http.response.status_code")).toBe("http_response_status_code");
  });
});

describe("metricNamesIn", () => {
  test("finds metric names, skipping functions, grouping labels, matchers, ranges and numbers", () => {
    const expr =
      'histogram_quantile(0.95, sum by (le, http_route) (rate(a_seconds_bucket{job="x", le!="y"}[$__rate_interval]))) / clamp_min(b_total offset 5m, 1e-9) or vector(0)';
    expect(metricNamesIn(expr)).toEqual(["a_seconds_bucket", "b_total"]);
  });

  test("handles trailing grouping clauses and bare selectors", () => {
    expect(metricNamesIn("sum(rate(c_total[5m])) without (instance) + d")).toEqual(["c_total", "d"]);
  });
});
