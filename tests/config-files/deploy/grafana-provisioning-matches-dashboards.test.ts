import { expect, test } from "bun:test";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { DATASOURCE } from "../../../tools/dashboards/panels";
import { environmentOf, hostPort, mountsOf, ROOT, readCompose, readText, readYaml, service } from "./config-files";

interface Datasources {
  datasources: { name: string; uid: string; type: string; url: string; isDefault?: boolean }[];
}
interface Providers {
  providers: { name: string; type: string; options: { path: string } }[];
}

const DASHBOARDS = "infra/grafana/dashboards";
const PROVISIONING = "infra/grafana/provisioning";

async function provisioningFiles<T>(kind: "datasources" | "dashboards"): Promise<T[]> {
  const dir = join(PROVISIONING, kind);
  const files = (await readdir(join(ROOT, dir))).filter((f) => /\.ya?ml$/.test(f));
  return Promise.all(files.map((f) => readYaml<T>(join(dir, f))));
}

function uidsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) uidsIn(v, found);
  else if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const ds = record.datasource as { uid?: string } | undefined;
    if (ds?.uid) found.add(ds.uid);
    for (const v of Object.values(record)) uidsIn(v, found);
  }
  return found;
}

test("Grafana mounts the provisioning folder where it reads provisioning", async () => {
  const grafana = service(await readCompose(), "grafana");
  expect(mountsOf(grafana).find((m) => m.source === `./${PROVISIONING}`)?.target).toBe("/etc/grafana/provisioning");
});

test("the dashboards provider reads the folder compose mounts the generated dashboards into", async () => {
  const grafana = service(await readCompose(), "grafana");
  const mounted = mountsOf(grafana).find((m) => m.source === `./${DASHBOARDS}`);
  expect(mounted?.readOnly).toBe(true);
  const providers = (await provisioningFiles<Providers>("dashboards")).flatMap((p) => p.providers);
  expect(providers.map((p) => p.type)).toEqual(["file"]);
  expect(providers[0]?.options.path).toBe(mounted?.target as string);

  const home = environmentOf(grafana).GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
  if (home) {
    expect(home.startsWith(`${mounted?.target}/`)).toBe(true);
    expect(await Bun.file(join(ROOT, DASHBOARDS, home.slice(`${mounted?.target}/`.length))).exists()).toBe(true);
  }
});

test("the provisioned Prometheus data source has the uid every dashboard panel uses", async () => {
  const datasources = (await provisioningFiles<Datasources>("datasources")).flatMap((d) => d.datasources);
  const prometheus = datasources.find((d) => d.type === "prometheus");
  expect(prometheus?.uid).toBe(DATASOURCE.uid);

  for (const file of (await readdir(join(ROOT, DASHBOARDS))).filter((f) => f.endsWith(".json"))) {
    const uids = uidsIn(JSON.parse(await readText(join(DASHBOARDS, file))));
    expect([...uids], file).toEqual([DATASOURCE.uid]);
  }
});

test("the data source points at the prometheus service", async () => {
  const compose = await readCompose();
  const datasources = (await provisioningFiles<Datasources>("datasources")).flatMap((d) => d.datasources);
  const url = hostPort(datasources.find((d) => d.type === "prometheus")?.url ?? "");
  expect(url.host).toBe("prometheus");
  expect(service(compose, "prometheus").ports ?? []).toContain(`${url.port}:${url.port}`);
});
