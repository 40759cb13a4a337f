import { describe, expect, test } from "bun:test";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { DASHBOARDS_DIR, renderDashboards } from "../../../tools/dashboards/build";

// The JSON in infra/grafana/dashboards/ is what Grafana loads; the builders in tools/dashboards/ are what people edit.
// Editing one without regenerating the other must fail here: run `bun run dashboards:build` and commit the result.
describe("committed dashboards", () => {
  const fresh = renderDashboards();

  test.each(Object.keys(fresh))("%s equals a fresh build", async (file) => {
    const committed = await Bun.file(join(DASHBOARDS_DIR, file)).text();
    expect(committed, `${file} is stale: run \`bun run dashboards:build\``).toBe(fresh[file] as string);
  });

  test("the folder holds no dashboard that the builders no longer produce", async () => {
    const onDisk = (await readdir(DASHBOARDS_DIR)).filter((f) => f.endsWith(".json")).sort();
    expect(onDisk).toEqual(Object.keys(fresh).sort());
  });

  test("two builds are byte-identical (no timestamps, no random ids)", () => {
    expect(renderDashboards()).toEqual(fresh);
  });
});
