import { mkdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import { llmPerformanceDashboard } from "./llm-performance";
import { numberPanels } from "./panels";
import { serviceOverviewDashboard } from "./service-overview";

/**
 * `bun run dashboards:build`: writes the dashboards as JSON into infra/grafana/dashboards/, where Grafana's file
 * provider (infra/grafana/provisioning/dashboards/) loads them. The output is deterministic (fixed uids and panel
 * ids, sorted keys, no timestamps), so a test can compare a fresh build with the committed files.
 */

export const DASHBOARDS_DIR = resolve(import.meta.dir, "../../infra/grafana/dashboards");

/** File name -> dashboard, one entry per dashboard. */
export function dashboards(): Record<string, Dashboard> {
  return {
    "service-overview.json": numberPanels(serviceOverviewDashboard().build()),
    "llm-performance.json": numberPanels(llmPerformanceDashboard().build()),
  };
}

// Sorted keys make the files independent of the order in which the SDK happens to set fields.
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/** File name -> the exact text written to disk. */
export function renderDashboards(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(dashboards()).map(([file, dashboard]) => [
      file,
      `${JSON.stringify(sortKeys(dashboard), null, 2)}\n`,
    ]),
  );
}

if (import.meta.main) {
  await mkdir(DASHBOARDS_DIR, { recursive: true });
  for (const [file, text] of Object.entries(renderDashboards())) {
    const path = join(DASHBOARDS_DIR, file);
    await Bun.write(path, text);
    console.log(`wrote ${relative(process.cwd(), path)}`);
  }
}
