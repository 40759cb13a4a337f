import { type DataPoint, type MetricData, MetricReader } from "@opentelemetry/sdk-metrics";
import { createTelemetry } from "../../src/telemetry/metrics";

/** A metric reader the test pulls from: what the service records, read back in memory. */
export class CollectingReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}

  async metrics(): Promise<MetricData[]> {
    const { resourceMetrics } = await this.collect();
    return resourceMetrics.scopeMetrics.flatMap((s) => s.metrics);
  }

  async points(name: string): Promise<DataPoint<unknown>[]> {
    return (await this.metrics())
      .filter((m) => m.descriptor.name === name)
      .flatMap((m) => m.dataPoints as DataPoint<unknown>[]);
  }

  /** The value of a counter or gauge point whose attributes include `attrs`. */
  async value(name: string, attrs: Record<string, unknown> = {}): Promise<number | undefined> {
    const point = (await this.points(name)).find((p) => Object.entries(attrs).every(([k, v]) => p.attributes[k] === v));
    return point === undefined ? undefined : (point.value as number);
  }
}

export function testTelemetry() {
  const reader = new CollectingReader();
  const telemetry = createTelemetry({
    exportIntervalMs: 60_000,
    serviceName: "test",
    serviceVersion: "test",
    instanceId: "test",
    resourceAttributes: {},
    readers: [reader],
  });
  return { reader, telemetry };
}

/** The sum of every sample of `name` in a Prometheus text exposition (all label sets of one counter). */
export function promTotal(text: string, name: string): number {
  const sample = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+(\\S+)`);
  return text.split("\n").reduce((sum, line) => sum + Number(line.match(sample)?.[1] ?? 0), 0);
}
