import { describe, expect, test } from "bun:test";
import { INSTRUMENTS } from "../../../src/telemetry/instruments";
import { dashboards } from "../../../tools/dashboards/build";
import { allPanels } from "../../../tools/dashboards/panels";
import { metricNamesIn, promSeries } from "../../../tools/dashboards/prom-names";

// A panel whose query names a metric the service never emits shows "No data" forever and nobody notices.
// The only names allowed are the Prometheus series of the instrument catalog the service creates its metrics from.
const emitted = new Set(Object.values(INSTRUMENTS).flatMap(promSeries));

describe("every panel query", () => {
  for (const [file, dashboard] of Object.entries(dashboards())) {
    const panels = allPanels(dashboard);

    test(`${file}: every panel has at least one query`, () => {
      const empty = panels.filter((p) => !p.targets?.length).map((p) => p.title);
      expect(empty).toEqual([]);
    });

    test(`${file}: names only metrics derived from INSTRUMENTS`, () => {
      const unknown: string[] = [];
      for (const panel of panels) {
        for (const target of panel.targets ?? []) {
          const expr = (target as { expr?: string }).expr ?? "";
          const names = metricNamesIn(expr);
          if (names.length === 0) unknown.push(`${panel.title}: no metric in ${expr}`);
          for (const name of names) if (!emitted.has(name)) unknown.push(`${panel.title}: ${name}`);
        }
      }
      expect(unknown).toEqual([]);
    });

    test(`${file}: every metric a query reads is filtered on the service, with or without a service.namespace`, () => {
      const unfiltered = panels
        .flatMap((p) => (p.targets ?? []).map((t) => ({ title: p.title, expr: (t as { expr?: string }).expr ?? "" })))
        .filter(({ expr }) => {
          const selectors = metricNamesIn(expr).length;
          const filtered = expr.split('job=~"(.+/)?language-quiz-service"').length - 1;
          return filtered < selectors || expr.includes('job="');
        })
        .map(({ title }) => title);
      expect(unfiltered).toEqual([]);
    });
  }
});
