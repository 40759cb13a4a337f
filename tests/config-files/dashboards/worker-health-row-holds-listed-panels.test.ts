import { expect, test } from "bun:test";
import { panelsByRow } from "../../../tools/dashboards/panels";
import { serviceOverviewDashboard, WORKER_HEALTH_ROW } from "../../../tools/dashboards/service-overview";

// The panels the "Worker Health" section has always listed, plus the lag and poison views; the
// operations runbook (docs/operations.md) refers to them by these titles.
const REQUIRED: Record<string, string> = {
  "Messages Processed/sec": "stat",
  "Active Worker Tasks": "stat",
  "Queue Length": "stat",
  "Worker Error Rate": "stat",
  "Processing Duration (p50/p95/p99)": "timeseries",
  "Worker Throughput by Topic": "timeseries",
  "Malformed Messages/min": "timeseries",
  "Consumer Lag per Partition": "timeseries",
  "Breaker State": "stat",
  "Breaker State by Instance": "timeseries",
};

test("the Worker Health row of Service Overview holds the listed panels", () => {
  const row = panelsByRow(serviceOverviewDashboard().build()).get(WORKER_HEALTH_ROW) ?? [];
  const byTitle = new Map(row.map((p) => [p.title, p]));
  for (const [title, type] of Object.entries(REQUIRED)) {
    expect(byTitle.get(title)?.type, `panel "${title}"`).toBe(type);
  }
});

test("Queue Length, Worker Error Rate and Breaker State carry thresholds beyond the base colour", () => {
  const row = panelsByRow(serviceOverviewDashboard().build()).get(WORKER_HEALTH_ROW) ?? [];
  for (const title of ["Queue Length", "Worker Error Rate", "Breaker State"]) {
    const steps = row.find((p) => p.title === title)?.fieldConfig?.defaults?.thresholds?.steps ?? [];
    expect(steps.length, title).toBeGreaterThanOrEqual(3);
  }
});

test("Processing Duration plots p50, p95 and p99", () => {
  const row = panelsByRow(serviceOverviewDashboard().build()).get(WORKER_HEALTH_ROW) ?? [];
  const panel = row.find((p) => p.title === "Processing Duration (p50/p95/p99)");
  const exprs = (panel?.targets ?? []).map((t) => (t as { expr?: string }).expr ?? "");
  for (const q of ["0.5", "0.95", "0.99"])
    expect(exprs.some((e) => e.startsWith(`histogram_quantile(${q},`))).toBe(true);
});
