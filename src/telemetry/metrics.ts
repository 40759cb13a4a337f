import type { Meter } from "@opentelemetry/api";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { PrometheusSerializer } from "@opentelemetry/exporter-prometheus";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  DataPointType,
  type IMetricReader,
  MeterProvider,
  type MetricData,
  MetricReader,
  PeriodicExportingMetricReader,
  type ResourceMetrics,
} from "@opentelemetry/sdk-metrics";
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from "@opentelemetry/semantic-conventions";
import { withDeadline } from "../deadline";
import { INSTRUMENTS, instrumentFactory } from "./instruments";
import { promName } from "./prometheus-names";

export interface TelemetryOptions {
  otlpEndpoint?: string;
  exportIntervalMs: number;
  serviceName: string;
  serviceVersion: string;
  /** `service.instance.id`: tells this process's series from its siblings'. */
  instanceId: string;
  resourceAttributes: Readonly<Record<string, string>>;
  /** Serve the Prometheus text format through `scrape()` (METRICS_PROMETHEUS=true). */
  prometheus?: boolean;
  /** Extra readers (tests read metrics back in memory). */
  readers?: IMetricReader[];
}

/** A reader that only collects when asked: the Prometheus endpoint pulls through it. */
class PullReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

export interface Telemetry {
  meter(name: string): Meter;
  /** The current values in Prometheus text format; undefined unless `prometheus` was asked for. */
  readonly scrape?: () => Promise<string>;
  /** Pushes what is buffered and stops the exporters; gives up after `timeoutMs` so a dead collector never stalls shutdown. */
  shutdown(timeoutMs?: number): Promise<void>;
}

/**
 * One MeterProvider for the process. With an OTLP endpoint, metrics are pushed as OTLP/HTTP protobuf to
 * `<endpoint>/v1/metrics` every `exportIntervalMs`; without one nothing is exported (instruments still work).
 */
export function createTelemetry(options: TelemetryOptions): Telemetry {
  const readers: IMetricReader[] = [...(options.readers ?? [])];
  const pull = options.prometheus ? new PullReader() : undefined;
  if (pull) readers.push(pull);
  if (options.otlpEndpoint) {
    const url = new URL(
      "v1/metrics",
      options.otlpEndpoint.endsWith("/") ? options.otlpEndpoint : `${options.otlpEndpoint}/`,
    ).toString();
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url }),
        exportIntervalMillis: options.exportIntervalMs,
        exportTimeoutMillis: Math.min(options.exportIntervalMs, 10_000),
      }),
    );
  }
  const provider = new MeterProvider({
    resource: resourceFromAttributes({
      // Without an instance id, several machines would export identical series and overwrite each other's counters.
      "service.instance.id": options.instanceId,
      ...options.resourceAttributes,
      [ATTR_SERVICE_NAME]: options.serviceName,
      [ATTR_SERVICE_VERSION]: options.serviceVersion,
    }),
    readers,
  });
  let stopped: Promise<void> | undefined;
  const startedAt = performance.now();
  instrumentFactory(provider.getMeter("process"))
    .createGauge(INSTRUMENTS.processUptime)
    .addCallback((result) => result.observe((performance.now() - startedAt) / 1000));
  const serializer = new PrometheusSerializer();
  return {
    meter: (name) => provider.getMeter(name),
    scrape: pull && (async () => serializer.serialize(withPrometheusNames((await pull.collect()).resourceMetrics))),
    shutdown(timeoutMs = 3000) {
      // A missing collector is not a reason to fail or stall shutdown; the data is lost either way.
      stopped ??= withDeadline(provider.shutdown({ timeoutMillis: timeoutMs }), timeoutMs + 500, "metrics flush").catch(
        () => {},
      );
      return stopped;
    },
  };
}

/**
 * The collected metrics renamed the way a Collector's Prometheus exporter names them (unit words, `_total`), so
 * `/metrics` and the collector path expose the same names. The serializer alone only sanitizes and adds `_total`.
 */
function withPrometheusNames(collected: ResourceMetrics): ResourceMetrics {
  const rename = (metric: MetricData): MetricData => {
    const kind =
      metric.dataPointType === DataPointType.HISTOGRAM
        ? "histogram"
        : metric.dataPointType === DataPointType.SUM && metric.isMonotonic
          ? "counter"
          : "gauge";
    const name = promName({ name: metric.descriptor.name, unit: metric.descriptor.unit, kind });
    return { ...metric, descriptor: { ...metric.descriptor, name } };
  };
  return {
    ...collected,
    scopeMetrics: collected.scopeMetrics.map((scope) => ({ ...scope, metrics: scope.metrics.map(rename) })),
  };
}
