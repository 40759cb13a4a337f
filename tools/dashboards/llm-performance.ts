import { DashboardBuilder, DashboardCursorSync, RowBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import { INSTRUMENTS, LLM_CANCELLED_ERROR_TYPE } from "../../src/telemetry/instruments";
import {
  FULL_WIDTH,
  percentilesPanel,
  quantile,
  ratePerSecond,
  ratio,
  statPanel,
  steps,
  timeseriesPanel,
} from "./panels";

export const LLM_PERFORMANCE_UID = "lqs-llm-performance";

const { llmDuration, llmRequests, llmErrors, llmTokens, llmValidationRejected } = INSTRUMENTS;

/** Calls cut short because a sibling statement failed (or the caller gave up) say nothing about the endpoint's speed. */
const ANSWERED = `error_type!="${LLM_CANCELLED_ERROR_TYPE}"`;

/** "LLM Performance": calls to the OpenAI-compatible endpoint (GENERATOR=openai). */
export function llmPerformanceDashboard() {
  const dashboard = new DashboardBuilder("LLM Performance")
    .uid(LLM_PERFORMANCE_UID)
    .description("language-quiz-service: requests, latency, errors and tokens of the openai generator.")
    .tags(["language-quiz-service", "generated", "llm"])
    .time({ from: "now-6h", to: "now" })
    .refresh("1m")
    .tooltip(DashboardCursorSync.Crosshair)
    .readonly();

  dashboard
    .withRow(new RowBuilder("Overview"))
    .withPanel(
      statPanel({
        title: "LLM Requests/sec",
        expr: ratePerSecond(llmRequests),
        unit: "reqps",
      }),
    )
    .withPanel(
      statPanel({
        title: "LLM Error Rate",
        description: "Share of LLM requests that failed (timeouts, 429s, 5xx, invalid output).",
        expr: ratio(ratePerSecond(llmErrors), ratePerSecond(llmRequests)),
        unit: "percentunit",
        thresholds: steps("green", [0.02, "orange"], [0.1, "red"]),
      }),
    )
    .withPanel(
      statPanel({
        title: "p95 LLM Latency",
        expr: quantile(0.95, llmDuration, { matchers: ANSWERED }),
        unit: "s",
        thresholds: steps("green", [10, "orange"], [30, "red"]),
      }),
    )
    .withPanel(
      statPanel({
        title: "Tokens/min",
        description: "Input, output and reasoning tokens together.",
        expr: `60 * ${ratePerSecond(llmTokens)}`,
      }),
    );

  dashboard
    .withRow(new RowBuilder("Requests and Latency"))
    .withPanel(
      timeseriesPanel({
        title: "Request Rate by Model",
        targets: [{ expr: ratePerSecond(llmRequests, { by: ["model"] }), legend: "{{model}}" }],
        unit: "reqps",
        min: 0,
      }),
    )
    .withPanel(
      percentilesPanel(llmDuration, {
        title: "Latency Percentiles (p50/p95/p99)",
        description: "Duration of each LLM request, failures included, cancelled calls left out.",
        matchers: ANSWERED,
      }),
    )
    .withPanel(
      percentilesPanel(llmDuration, {
        title: "p95 Latency by Model",
        by: "model",
        matchers: ANSWERED,
        quantiles: [0.95],
        width: FULL_WIDTH,
      }),
    );

  dashboard
    .withRow(new RowBuilder("Errors and Tokens"))
    .withPanel(
      timeseriesPanel({
        title: "Errors by Type",
        targets: [{ expr: ratePerSecond(llmErrors, { by: ["error_type"] }), legend: "{{error_type}}" }],
        unit: "reqps",
        stacked: true,
        min: 0,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Tokens/min by Kind",
        targets: [{ expr: `60 * ${ratePerSecond(llmTokens, { by: ["kind"] })}`, legend: "{{kind}}" }],
        stacked: true,
        min: 0,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Tokens/min by Model and Kind",
        targets: [
          { expr: `60 * ${ratePerSecond(llmTokens, { by: ["model", "kind"] })}`, legend: "{{model}} {{kind}}" },
        ],
        width: FULL_WIDTH,
        min: 0,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: "Output Rejections/min by Reason",
        description:
          "Written problems the output checks rejected (each is written again, up to LLM_OUTPUT_MAX_REGENERATIONS, then fails).",
        targets: [{ expr: `60 * ${ratePerSecond(llmValidationRejected, { by: ["reason"] })}`, legend: "{{reason}}" }],
        width: FULL_WIDTH,
        stacked: true,
        min: 0,
      }),
    );

  return dashboard;
}
