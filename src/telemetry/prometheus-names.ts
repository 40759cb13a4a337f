import type { InstrumentSpec } from "./instruments";

/**
 * How an OpenTelemetry instrument is named once it reaches Prometheus, by either path: an OpenTelemetry Collector's
 * `prometheus` exporter translating the OTLP stream (infra/otel-collector/config.yaml pins the strategy,
 * `UnderscoreEscapingWithSuffixes`), or the service's own `/metrics`, which applies these same rules before it
 * serializes. One dashboard therefore fits both.
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
