import protobuf from "protobufjs";

/**
 * The part of the OTLP metrics protocol a test needs to read an export: names, attributes, values. Field numbers
 * follow opentelemetry-proto (metrics/v1, common/v1, resource/v1); fields left out are skipped when decoding.
 */
const OTLP_METRICS_SUBSET = `
syntax = "proto3";
message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
message Resource { repeated KeyValue attributes = 1; }
message ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; }
message InstrumentationScope { string name = 1; string version = 2; }
message Metric {
  string name = 1; string description = 2; string unit = 3;
  oneof data { Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; }
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; bool is_monotonic = 3; }
message Histogram { repeated HistogramDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message NumberDataPoint { repeated KeyValue attributes = 7; oneof value { double as_double = 4; sfixed64 as_int = 6; } }
message HistogramDataPoint { repeated KeyValue attributes = 9; fixed64 count = 4; double sum = 5; }
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; } }
`;

const Request = protobuf.parse(OTLP_METRICS_SUBSET).root.lookupType("ExportMetricsServiceRequest");

export interface ReceivedPoint {
  metric: string;
  scope: string;
  kind: "gauge" | "sum" | "histogram";
  attributes: Record<string, string | number | boolean>;
  value: number;
}

interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number;
  doubleValue?: number;
}
type KeyValues = { key: string; value?: AnyValue }[] | undefined;
const attrs = (list: KeyValues) =>
  Object.fromEntries(
    (list ?? []).map(({ key, value }) => [
      key,
      value?.stringValue ?? value?.boolValue ?? value?.intValue ?? value?.doubleValue ?? "",
    ]),
  );

/** Decodes one `application/x-protobuf` body into flat points, plus the resource attributes. */
function decodeMetricsExport(body: Uint8Array) {
  const decoded = Request.toObject(Request.decode(body), { longs: Number, defaults: false, oneofs: true }) as {
    resourceMetrics?: {
      resource?: { attributes: KeyValues };
      scopeMetrics?: { scope?: { name: string }; metrics?: Record<string, never>[] }[];
    }[];
  };
  const points: ReceivedPoint[] = [];
  const resources: Record<string, unknown>[] = [];
  for (const rm of decoded.resourceMetrics ?? []) {
    resources.push(attrs(rm.resource?.attributes));
    for (const sm of rm.scopeMetrics ?? []) {
      for (const m of sm.metrics ?? []) {
        const metric = m as unknown as { name: string; data: "gauge" | "sum" | "histogram" } & Record<
          string,
          { dataPoints?: Record<string, unknown>[] }
        >;
        for (const dp of metric[metric.data]?.dataPoints ?? []) {
          const value = (dp.asDouble ?? dp.asInt ?? dp.count ?? 0) as number;
          points.push({
            metric: metric.name,
            scope: sm.scope?.name ?? "",
            kind: metric.data,
            attributes: attrs(dp.attributes as KeyValues),
            value,
          });
        }
      }
    }
  }
  return { points, resources };
}

/** A local OTLP/HTTP receiver: records every protobuf POST to /v1/metrics. */
export function startOtlpReceiver() {
  const exports: ReturnType<typeof decodeMetricsExport>[] = [];
  const contentTypes: string[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const url = new URL(request.url);
      if (request.method !== "POST" || url.pathname !== "/v1/metrics")
        return new Response("not found", { status: 404 });
      contentTypes.push(request.headers.get("content-type") ?? "");
      exports.push(decodeMetricsExport(new Uint8Array(await request.arrayBuffer())));
      return new Response(new Uint8Array(), { status: 200, headers: { "content-type": "application/x-protobuf" } });
    },
  });
  return {
    endpoint: `http://127.0.0.1:${server.port}`,
    exports,
    contentTypes,
    points: () => exports.flatMap((e) => e.points),
    stop: () => server.stop(true),
  };
}
