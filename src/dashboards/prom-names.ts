import type { InstrumentSpec } from "../telemetry/instruments";

/**
 * How an OpenTelemetry instrument is named once it reaches Prometheus.
 *
 * The service pushes OTLP to an OpenTelemetry Collector whose `prometheus` exporter translates names with the
 * default strategy (`UnderscoreEscapingWithSuffixes`, i.e. `add_metric_suffixes: true`, see
 * infra/otel-collector/config.yaml). These rules are written down once, here; the dashboards build their queries
 * with them and the dashboards test checks every query against them, so a renamed instrument fails a test instead
 * of leaving an empty panel.
 *
 * 1. Every character outside `[a-zA-Z0-9_:]` becomes `_` (`worker.queue.length` -> `worker_queue_length`).
 * 2. Annotations in braces add nothing (`{message}`); a known unit adds its word (`s` -> `_seconds`), unless the
 *    name already ends with it. `X/Y` becomes `X_per_Y`.
 * 3. A gauge measured in `1` gets `_ratio`; a counter (monotonic sum) gets `_total`.
 * 4. A histogram is exposed as three series: `<name>_bucket`, `<name>_sum` and `<name>_count`.
 */

/** The fields of a catalog entry that decide its Prometheus name (any instrument, not only today's catalog). */
export interface Instrument {
  readonly name: string;
  readonly kind: InstrumentSpec["kind"];
  readonly unit: string;
}

/** The label that identifies the service. The collector turns `service.name` into `job` (honoured by Prometheus). */
export const SERVICE_LABEL = "job";
export const SERVICE_NAME = "language-quiz-service";

// The collector translator's table of unit words (the subset that a service like this one can plausibly use).
const UNIT_WORDS: Record<string, string> = {
  d: "days",
  h: "hours",
  min: "minutes",
  s: "seconds",
  ms: "milliseconds",
  us: "microseconds",
  ns: "nanoseconds",
  By: "bytes",
  KiBy: "kibibytes",
  MiBy: "mebibytes",
  GiBy: "gibibytes",
  KBy: "kilobytes",
  MBy: "megabytes",
  GBy: "gigabytes",
  bit: "bits",
  Hz: "hertz",
  "%": "percent",
};
const PER_UNIT_WORDS: Record<string, string> = { s: "second", m: "minute", h: "hour", d: "day", w: "week" };

const sanitize = (text: string) => text.replace(/[^a-zA-Z0-9_:]+/g, "_").replace(/_+/g, "_");

function unitSuffix(unit: string): string {
  const bare = unit.replace(/\{[^}]*\}/g, "").trim();
  if (bare === "" || bare === "1") return "";
  const [main = "", per] = bare.split("/", 2);
  const words = [UNIT_WORDS[main] ?? main];
  if (per) words.push("per", PER_UNIT_WORDS[per] ?? UNIT_WORDS[per] ?? per);
  return sanitize(words.filter(Boolean).join("_")).replace(/^_|_$/g, "");
}

/** The Prometheus metric name of an instrument (for a histogram: the base of its `_bucket/_sum/_count` series). */
export function promName(instrument: Instrument): string {
  let name = sanitize(instrument.name);
  const unit = unitSuffix(instrument.unit);
  if (unit && !name.endsWith(`_${unit}`)) name = `${name}_${unit}`;
  if (instrument.kind === "gauge" && instrument.unit === "1" && !name.endsWith("_ratio")) name = `${name}_ratio`;
  if (instrument.kind === "counter" && !name.endsWith("_total")) name = `${name}_total`;
  return name;
}

/** Every series name an instrument produces in Prometheus. */
export function promSeries(instrument: Instrument): string[] {
  const name = promName(instrument);
  return instrument.kind === "histogram" ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
}

/** The Prometheus label of an attribute: `http.route` -> `http_route`. */
export function promLabel(attribute: string): string {
  return sanitize(attribute);
}

// Words that look like metric names in PromQL but are not.
const PROMQL_KEYWORDS = new Set([
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "bool",
  "and",
  "or",
  "unless",
  "offset",
  "atan2",
  "inf",
  "nan",
]);

/**
 * The metric names a PromQL expression reads. A small scanner, not a parser: it drops strings, label matchers,
 * range selectors and grouping clauses, then keeps identifiers that are not functions, aggregations or keywords.
 */
export function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, " ")
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ");
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const word = match[0];
    const after = stripped.slice((match.index ?? 0) + word.length).trimStart();
    if (after.startsWith("(")) continue; // a function or an aggregation
    if (PROMQL_KEYWORDS.has(word.toLowerCase())) continue;
    const before = stripped.slice(0, match.index ?? 0);
    if (/[0-9.]$/.test(before)) continue; // the tail of a number such as 1e3
    names.add(word);
  }
  return [...names].sort();
}
