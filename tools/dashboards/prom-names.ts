export { type Instrument, promLabel, promName, promSeries } from "../../src/telemetry/prometheus-names";

/**
 * What the dashboards need to know about Prometheus beyond metric names (src/telemetry/prometheus-names.ts): the
 * label that identifies the service, and which metrics a query reads, so the dashboards test checks every query
 * against the instrument catalog and a renamed instrument fails a test instead of leaving an empty panel.
 */

/**
 * The label that identifies the service. The collector turns `service.name` into `job` (honoured by Prometheus), or
 * `service.namespace/service.name` when a namespace is set; a direct scrape gets the scrape job's name.
 */
export const SERVICE_LABEL = "job";
export const SERVICE_NAME = "language-quiz-service";
/** Selects the service's series with or without a `service.namespace/` in front of its name. */
export const SERVICE_MATCHER = `${SERVICE_LABEL}=~"(.+/)?${SERVICE_NAME}"`;

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
