import { expect, test } from "bun:test";
import { dirname } from "node:path";
import { SERVICE_LABEL, SERVICE_NAME } from "../../../tools/dashboards/prom-names";
import { commandOf, environmentOf, hostPort, mountsOf, readCompose, readYaml, service } from "./config-files";

interface CollectorConfig {
  receivers: { otlp?: { protocols?: { http?: { endpoint?: string }; grpc?: { endpoint?: string } } } };
  exporters: {
    prometheus?: {
      endpoint?: string;
      add_metric_suffixes?: boolean;
      translation_strategy?: string;
      namespace?: string;
      enable_open_metrics?: boolean;
      without_scope_info?: boolean;
      resource_to_telemetry_conversion?: { enabled?: boolean };
    };
  };
  service: { pipelines: Record<string, { receivers: string[]; exporters: string[] }> };
}

interface PrometheusConfig {
  rule_files?: string[];
  scrape_configs: { job_name: string; honor_labels?: boolean; static_configs: { targets: string[] }[] }[];
}

const COLLECTOR_CONFIG = "infra/otel-collector/config.yaml";

test("the collector runs the config file from the repository", async () => {
  const collector = service(await readCompose(), "otel-collector");
  const configPath = commandOf(collector).match(/--config=(\S+)/)?.[1];
  const mount = mountsOf(collector).find((m) => m.source === `./${COLLECTOR_CONFIG}`);
  expect(mount?.target).toBe(configPath as string);
});

test("the app pushes OTLP/HTTP to the collector's OTLP HTTP receiver", async () => {
  const compose = await readCompose();
  const collector = await readYaml<CollectorConfig>(COLLECTOR_CONFIG);
  const endpoint = environmentOf(service(compose, "app")).OTEL_EXPORTER_OTLP_ENDPOINT ?? "";
  const receiver = collector.receivers.otlp?.protocols?.http?.endpoint ?? "";
  expect(hostPort(endpoint)).toEqual({ host: "otel-collector", port: hostPort(receiver).port });
  expect(hostPort(receiver).port).toBe(4318);
  expect(hostPort(collector.receivers.otlp?.protocols?.grpc?.endpoint ?? "").port).toBe(4317);
  // A container listens on every interface; the collector's default is localhost only.
  expect(hostPort(receiver).host).toBe("0.0.0.0");
});

test("the metrics pipeline goes from the OTLP receiver to the Prometheus exporter", async () => {
  const collector = await readYaml<CollectorConfig>(COLLECTOR_CONFIG);
  const metrics = collector.service.pipelines.metrics;
  expect(metrics?.receivers).toContain("otlp");
  expect(metrics?.exporters).toContain("prometheus");
});

test("Prometheus scrapes the collector's exporter port and keeps the service's job label", async () => {
  const collector = await readYaml<CollectorConfig>(COLLECTOR_CONFIG);
  const prometheus = await readYaml<PrometheusConfig>("infra/prometheus/prometheus.yml");
  const exporterPort = hostPort(collector.exporters.prometheus?.endpoint ?? "").port;
  const job = prometheus.scrape_configs.find((j) => j.static_configs.some((s) => s.targets.length > 0));
  expect(job?.static_configs.flatMap((s) => s.targets)).toEqual([`otel-collector:${exporterPort}`]);
  // The dashboards select the service by job: the collector's job label (from service.name) must win.
  expect(SERVICE_LABEL).toBe("job");
  expect(job?.honor_labels).toBe(true);

  const compose = await readCompose();
  const mount = mountsOf(service(compose, "prometheus")).find((m) => m.source === "./infra/prometheus/prometheus.yml");
  expect(commandOf(service(compose, "prometheus"))).toContain(`--config.file=${mount?.target}`);
});

test("the exporter's naming options are pinned to what src/telemetry/prometheus-names.ts implements", async () => {
  const exporter = (await readYaml<CollectorConfig>(COLLECTOR_CONFIG)).exporters.prometheus;
  // Written out, not left to defaults that a collector upgrade could change.
  expect(exporter?.add_metric_suffixes).toBe(true);
  expect(exporter?.enable_open_metrics).toBe(false);
  expect(exporter?.without_scope_info).toBe(false);
  expect(exporter?.resource_to_telemetry_conversion?.enabled).toBe(false);
  expect(exporter?.translation_strategy ?? "UnderscoreEscapingWithSuffixes").toBe("UnderscoreEscapingWithSuffixes");
  expect(exporter?.namespace).toBeUndefined();
  // And the collector image is a fixed version.
  const image = String(service(await readCompose(), "otel-collector").image);
  expect(image).toMatch(/^otel\/opentelemetry-collector-contrib:\d+\.\d+\.\d+$/);
});

test("the compose Prometheus loads the alert rules file that promtool checks", async () => {
  const prometheus = await readYaml<PrometheusConfig>("infra/prometheus/prometheus.yml");
  expect(prometheus.rule_files).toEqual(["alerts.yml"]);
  const mounts = mountsOf(service(await readCompose(), "prometheus"));
  const config = mounts.find((m) => m.source === "./infra/prometheus/prometheus.yml");
  const rules = mounts.find((m) => m.source === "./infra/prometheus/alerts.yml");
  expect(rules?.target).toBe(`${dirname(config?.target ?? "")}/alerts.yml`);
});

test("the app reports the service name the dashboards select", async () => {
  const env = environmentOf(service(await readCompose(), "app"));
  expect(env.OTEL_SERVICE_NAME ?? SERVICE_NAME).toBe(SERVICE_NAME);
});
