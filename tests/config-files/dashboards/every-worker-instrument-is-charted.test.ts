import { expect, test } from "bun:test";
import { INSTRUMENTS } from "../../../src/telemetry/instruments";
import { dashboards } from "../../../tools/dashboards/build";
import { allPanels } from "../../../tools/dashboards/panels";
import { metricNamesIn, promSeries } from "../../../tools/dashboards/prom-names";

// The worker's instruments (meter "worker": the service's own `worker.*` names and the `messaging.*` semantic-convention
// pair). A new one (retries, dead-lettered, circuit state) fails here until a panel shows it.
const workerInstruments = Object.values(INSTRUMENTS).filter(
  (i) => i.name.startsWith("worker.") || i.name.startsWith("messaging."),
);

test("every worker instrument appears in some dashboard panel", () => {
  const charted = new Set(
    Object.values(dashboards())
      .flatMap(allPanels)
      .flatMap((p) => p.targets ?? [])
      .flatMap((t) => metricNamesIn((t as { expr?: string }).expr ?? "")),
  );
  const missing = workerInstruments.filter((i) => !promSeries(i).some((s) => charted.has(s))).map((i) => i.name);
  expect(workerInstruments.length).toBeGreaterThanOrEqual(6);
  expect(missing).toEqual([]);
});
