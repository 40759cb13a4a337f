import { expect, test } from "bun:test";
import { INSTRUMENTS, instrumentFactory } from "../../../src/telemetry/instruments";
import { createTelemetry } from "../../../src/telemetry/metrics";
import { promSeries } from "../../../src/telemetry/prometheus-names";

/** The sample names of a Prometheus text exposition (comments and labels dropped). */
function sampleNames(text: string): Set<string> {
  return new Set(
    text
      .split("\n")
      .filter((line) => line && !line.startsWith("#"))
      .map((line) => line.split(/[{\s]/, 1)[0] as string),
  );
}

/** Telemetry with the Prometheus scrape on and an export interval no test reaches. */
const scrapingTelemetry = () =>
  createTelemetry({
    exportIntervalMs: 60_000,
    serviceName: "language-quiz-service",
    serviceVersion: "test",
    instanceId: "test",
    resourceAttributes: {},
    prometheus: true,
  });

test("/metrics names every instrument of the catalog exactly as the collector's translation does", async () => {
  const telemetry = scrapingTelemetry();
  try {
    const factory = instrumentFactory(telemetry.meter("test"));
    for (const spec of Object.values(INSTRUMENTS)) {
      if (spec.kind === "counter") factory.createCounter(spec).add(1);
      else if (spec.kind === "histogram") factory.createHistogram(spec).record(0.02);
      else if (spec.name !== INSTRUMENTS.processUptime.name)
        factory.createGauge(spec).addCallback((result) => result.observe(1));
    }
    const text = await telemetry.scrape?.();
    expect(text).toBeDefined();

    const expected = new Set(["target_info", ...Object.values(INSTRUMENTS).flatMap((spec) => promSeries(spec))]);
    expect([...sampleNames(text ?? "")].sort()).toEqual([...expected].sort());
    // Spot checks against names the collector is known to produce.
    expect(text).toContain("http_server_request_duration_seconds_bucket{");
    expect(text).toContain("process_uptime_seconds{");
    expect(text).toContain("worker_messages_processed_total{");
  } finally {
    await telemetry.shutdown();
  }
});

test("seconds histograms are bucketed in seconds: a 20 ms sample is not in the first bucket of the default bounds", async () => {
  const telemetry = scrapingTelemetry();
  try {
    instrumentFactory(telemetry.meter("test")).createHistogram(INSTRUMENTS.httpDuration).record(0.02);
    const text = (await telemetry.scrape?.()) ?? "";
    const bucket = (le: string) =>
      Number(text.match(new RegExp(`http_server_request_duration_seconds_bucket\\{[^}]*le="${le}"\\} (\\S+)`))?.[1]);
    expect(bucket("0.01")).toBe(0);
    expect(bucket("0.025")).toBe(1);
    expect(text).not.toContain('le="5000"');
  } finally {
    await telemetry.shutdown();
  }
});
