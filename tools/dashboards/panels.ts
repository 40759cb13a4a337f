import * as common from "@grafana/grafana-foundation-sdk/common";
import {
  type Dashboard,
  type Panel,
  type RowPanel,
  type Threshold,
  ThresholdsConfigBuilder,
  ThresholdsMode,
} from "@grafana/grafana-foundation-sdk/dashboard";
import { DataqueryBuilder } from "@grafana/grafana-foundation-sdk/prometheus";
import * as stat from "@grafana/grafana-foundation-sdk/stat";
import * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";
import { type Instrument, promLabel, promName, SERVICE_MATCHER } from "./prom-names";

/**
 * Building blocks for the dashboards: PromQL for the service's instruments, and panels that take one call each.
 * A panel for a metric added later (retries, dead-lettered, circuit state) is one `statPanel`, `timeseriesPanel`
 * or `percentilesPanel` line in the dashboard file.
 */

/** The Prometheus data source provisioned by infra/grafana/provisioning/datasources (fixed uid). */
export const DATASOURCE = { type: "prometheus", uid: "prometheus" } as const;

/** The grid is 24 columns wide. */
export const FULL_WIDTH = 24;

// --- PromQL -------------------------------------------------------------------------------------------------

/** Options that narrow a query: extra label matchers and the labels to keep. */
export interface QueryOptions {
  /** Extra matchers, e.g. `http_response_status_code=~"5.."`. */
  matchers?: string;
  /** Attribute names to group by, in OpenTelemetry form (`http.route`) or label form (`http_route`). */
  by?: readonly string[];
}

const RATE_WINDOW = "$__rate_interval";

/** `op(inner)`, or `op by (labels) (inner)` when there is something to group by. */
function aggregate(op: string, inner: string, by: readonly string[] | undefined, extra: readonly string[] = []) {
  const labels = [...extra, ...(by ?? []).map(promLabel)];
  return labels.length ? `${op} by (${labels.join(", ")}) (${inner})` : `${op}(${inner})`;
}

/** `name{job=~"(.+/)?language-quiz-service",...}` for an instrument, or one of a histogram's `_bucket/_sum/_count` series. */
export function selector(
  instrument: Instrument,
  options: { series?: "bucket" | "sum" | "count"; matchers?: string } = {},
) {
  const name = options.series ? `${promName(instrument)}_${options.series}` : promName(instrument);
  const matchers = [SERVICE_MATCHER, ...(options.matchers ? [options.matchers] : [])];
  return `${name}{${matchers.join(", ")}}`;
}

/**
 * Per-second rate of a counter (or of a histogram's observations), summed over the instances.
 * Counters are per instance, so summing is right.
 */
export function ratePerSecond(instrument: Instrument, options: QueryOptions = {}): string {
  const series = instrument.kind === "histogram" ? ("count" as const) : undefined;
  return aggregate(
    "sum",
    `rate(${selector(instrument, { series, matchers: options.matchers })}[${RATE_WINDOW}])`,
    options.by,
  );
}

/** The q-quantile of a histogram, aggregated over instances (and grouped by `by`). */
export function quantile(q: number, histogram: Instrument, options: QueryOptions = {}): string {
  const buckets = selector(histogram, { series: "bucket", matchers: options.matchers });
  return `histogram_quantile(${q}, ${aggregate("sum", `rate(${buckets}[${RATE_WINDOW}])`, options.by, ["le"])})`;
}

/**
 * A gauge across instances. Gauges read from shared state (the database, the broker's group offsets) are reported
 * identically by every instance: take the `max`. Gauges of per-instance state (tasks running here): `sum`.
 */
export function gauge(instrument: Instrument, aggregation: "max" | "sum" | "min", options: QueryOptions = {}) {
  return aggregate(aggregation, selector(instrument, { matchers: options.matchers }), options.by);
}

/**
 * `part / whole` as a ratio that reads 0 (not "no data") while `part` has never been counted, and 0 (not NaN)
 * while nothing happens at all.
 */
export function ratio(part: string, whole: string): string {
  return `(${part} or vector(0)) / clamp_min(${whole}, 1e-9)`;
}

// --- Panels -------------------------------------------------------------------------------------------------

/** A query of a panel: the expression and the legend (`{{label}}` templates allowed). */
export interface Target {
  expr: string;
  legend?: string;
}

/** Threshold steps: a base colour, then `[value, colour]` pairs in ascending order. */
export function steps(base: string, ...above: [number, string][]): Threshold[] {
  return [{ value: null, color: base }, ...above.map(([value, color]) => ({ value, color }))];
}

const thresholdsOf = (list: Threshold[]) => new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(list);

function query(target: Target, index: number) {
  const builder = new DataqueryBuilder()
    .datasource(DATASOURCE)
    .refId(String.fromCharCode(65 + index))
    .expr(target.expr);
  return target.legend ? builder.legendFormat(target.legend) : builder;
}

interface PanelOptions {
  title: string;
  description?: string;
  unit?: string;
  thresholds?: Threshold[];
  /** Columns out of 24. */
  width?: number;
  height?: number;
}

export interface StatOptions extends PanelOptions {
  expr: string;
  decimals?: number;
}

/** A single number with a sparkline; coloured by `thresholds` when given. */
export function statPanel(options: StatOptions): stat.PanelBuilder {
  const panel = new stat.PanelBuilder()
    .title(options.title)
    .datasource(DATASOURCE)
    .withTarget(query({ expr: options.expr }, 0))
    .unit(options.unit ?? "short")
    .span(options.width ?? 6)
    .height(options.height ?? 4)
    .graphMode(common.BigValueGraphMode.Area)
    .colorMode(common.BigValueColorMode.Value)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false))
    .thresholds(thresholdsOf(options.thresholds ?? steps("green")));
  if (options.description) panel.description(options.description);
  if (options.decimals !== undefined) panel.decimals(options.decimals);
  return panel;
}

export interface TimeseriesOptions extends PanelOptions {
  targets: Target[];
  /** Stack the series (for parts of a whole, e.g. throughput by topic). */
  stacked?: boolean;
  min?: number;
}

/** Lines over time, one query per target; thresholds, when given, are drawn as dashed lines. */
export function timeseriesPanel(options: TimeseriesOptions): timeseries.PanelBuilder {
  const panel = new timeseries.PanelBuilder()
    .title(options.title)
    .datasource(DATASOURCE)
    .targets(options.targets.map(query))
    .unit(options.unit ?? "short")
    .span(options.width ?? 12)
    .height(options.height ?? 8)
    .fillOpacity(options.stacked ? 30 : 10)
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.List)
        .placement(common.LegendPlacement.Bottom),
    )
    .tooltip(
      new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending),
    );
  if (options.description) panel.description(options.description);
  if (options.min !== undefined) panel.min(options.min);
  if (options.stacked) panel.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
  if (options.thresholds) {
    panel
      .thresholds(thresholdsOf(options.thresholds))
      .thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed));
  }
  return panel;
}

export interface PercentilesOptions extends Omit<PanelOptions, "unit"> {
  /** Attribute to split each percentile by, e.g. `http.route`. */
  by?: string;
  matchers?: string;
  quantiles?: readonly number[];
}

/** p50/p95/p99 of a histogram over time, optionally one line per value of `by`. */
export function percentilesPanel(histogram: Instrument, options: PercentilesOptions): timeseries.PanelBuilder {
  const by = options.by ? [options.by] : undefined;
  const targets = (options.quantiles ?? [0.5, 0.95, 0.99]).map((q) => {
    const label = `p${Math.round(q * 100)}`;
    return {
      expr: quantile(q, histogram, { by, matchers: options.matchers }),
      legend: options.by ? `${label} {{${promLabel(options.by)}}}` : label,
    };
  });
  return timeseriesPanel({ ...options, unit: histogram.unit === "s" ? "s" : "short", targets, min: 0 });
}

// --- Reading a built dashboard ------------------------------------------------------------------------------

/** Gives every panel (rows included) an id in layout order, so the JSON never depends on Grafana assigning them. */
export function numberPanels(dashboard: Dashboard): Dashboard {
  let next = 1;
  for (const panel of dashboard.panels ?? []) {
    panel.id = next++;
    if (panel.type === "row") for (const inner of (panel as RowPanel).panels) inner.id = next++;
  }
  return dashboard;
}

/**
 * The panels under each row title. Rows are expanded, so a row's panels follow it at the top level until the next
 * row; a collapsed row keeps them inside itself. Panels above the first row are listed under "".
 */
export function panelsByRow(dashboard: Dashboard): Map<string, Panel[]> {
  const rows = new Map<string, Panel[]>([["", []]]);
  let current = "";
  for (const panel of dashboard.panels ?? []) {
    if (panel.type === "row") {
      const row = panel as RowPanel;
      current = row.title ?? "";
      rows.set(current, [...(rows.get(current) ?? []), ...row.panels]);
    } else {
      rows.get(current)?.push(panel as Panel);
    }
  }
  return rows;
}

/** Every panel that is not a row, in layout order. */
export function allPanels(dashboard: Dashboard): Panel[] {
  return [...panelsByRow(dashboard).values()].flat();
}
