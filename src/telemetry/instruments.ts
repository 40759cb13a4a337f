import type { Counter, Histogram, Meter, ObservableGauge } from "@opentelemetry/api";

/**
 * Bucket bounds, in seconds, of every histogram. The SDK's default bounds (0, 5, 10, 25, ... 10000) are meant for
 * milliseconds: in seconds every sample would land in the first bucket and every quantile would read ~4.75 s.
 */
const SECONDS_BUCKETS = {
  /** The OpenTelemetry semantic-convention bounds for HTTP and messaging durations. */
  semconv: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
  /** LLM calls: a reasoning model or a slow provider answers in tens of seconds. */
  llm: [0.1, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120],
} as const;

/**
 * Every metric instrument the service creates: name, kind and unit (and bucket bounds for histograms). Instruments are created from this catalog,
 * and the dashboards test checks each panel query against it, so a renamed metric breaks the build, not a panel.
 */
export const INSTRUMENTS = {
  // Worker (meter "worker"): the service's own `worker.*` names.
  workerProcessed: {
    name: "worker.messages.processed",
    kind: "counter",
    unit: "{message}",
    description: "Messages handled successfully",
  },
  workerSkipped: {
    name: "worker.messages.skipped",
    kind: "counter",
    unit: "{message}",
    description: "Redeliveries of messages already handled: acknowledged without doing the work again",
  },
  workerFailed: {
    name: "worker.messages.failed",
    kind: "counter",
    unit: "{message}",
    description: "Failed handler attempts (each one then retried, dead-lettered or left for redelivery), by error type",
  },
  workerRetried: {
    name: "worker.messages.retried",
    kind: "counter",
    unit: "{message}",
    description: "Messages republished to the retry topic after a transient failure, by error code",
  },
  workerDeadLettered: {
    name: "worker.messages.dead_lettered",
    kind: "counter",
    unit: "{message}",
    description: "Messages published to the dead-letter topic, by reason (the error code)",
  },
  workerMalformed: {
    name: "worker.messages.malformed",
    kind: "counter",
    unit: "{message}",
    description: "Messages that could not be decoded or validated",
  },
  workerDuration: {
    name: "worker.message.processing_duration",
    kind: "histogram",
    unit: "s",
    buckets: SECONDS_BUCKETS.semconv,
    description: "Handler time per message",
  },
  workerQueueLength: {
    name: "worker.queue.length",
    kind: "gauge",
    unit: "{message}",
    description: "Consumer group lag summed over partitions",
  },
  workerPartitionLag: {
    name: "worker.partition.lag",
    kind: "gauge",
    unit: "{message}",
    description: "Consumer group lag per partition",
  },
  workerTasksActive: {
    name: "worker.tasks.active",
    kind: "gauge",
    unit: "{task}",
    description: "Messages in flight now (handlers running or waiting to retry), at most worker.inflight.limit",
  },
  workerInflightLimit: {
    name: "worker.inflight.limit",
    kind: "gauge",
    unit: "{message}",
    description: "Messages one process may have in flight (WORKER_CONCURRENCY)",
  },
  workerCommitLag: {
    name: "worker.commit.lag",
    kind: "gauge",
    unit: "{message}",
    description: "Per partition: messages finished but not committable yet, behind an earlier unfinished one",
  },
  workerCircuitState: {
    name: "worker.circuit.state",
    kind: "gauge",
    unit: "{state}",
    description: "The LLM circuit breaker: 0 closed, 1 half-open (one probe), 2 open (partitions paused)",
  },
  // OpenTelemetry messaging semantic conventions.
  messagingConsumed: {
    name: "messaging.client.consumed.messages",
    kind: "counter",
    unit: "{message}",
    description: "Messages delivered to the application",
  },
  messagingProcessDuration: {
    name: "messaging.process.duration",
    kind: "histogram",
    unit: "s",
    buckets: SECONDS_BUCKETS.semconv,
    description: "Time to process a message",
  },
  // Process (semantic conventions).
  processUptime: { name: "process.uptime", kind: "gauge", unit: "s", description: "Time since the process started" },
  // HTTP (semantic conventions).
  httpDuration: {
    name: "http.server.request.duration",
    kind: "histogram",
    unit: "s",
    buckets: SECONDS_BUCKETS.semconv,
    description: "Duration of HTTP server requests",
  },
  // Problem pool and generation requests.
  poolSize: { name: "problems.pool.size", kind: "gauge", unit: "{problem}", description: "Problems stored" },
  poolUnserved: {
    name: "problems.pool.unserved",
    kind: "gauge",
    unit: "{problem}",
    description: "Problems never served",
  },
  generationRequests: {
    name: "generation.requests",
    kind: "gauge",
    unit: "{request}",
    description: "Generation requests stored, by status",
  },
  outboxPending: {
    name: "outbox.pending",
    kind: "gauge",
    unit: "{message}",
    description: "Generation messages written to the outbox and not yet published (grows while the broker is down)",
  },
  // LLM calls.
  llmDuration: {
    name: "llm.request.duration",
    kind: "histogram",
    unit: "s",
    buckets: SECONDS_BUCKETS.llm,
    description: "LLM request duration",
  },
  llmRequests: { name: "llm.requests", kind: "counter", unit: "{request}", description: "LLM requests sent" },
  llmErrors: {
    name: "llm.errors",
    kind: "counter",
    unit: "{error}",
    description: "LLM requests that failed, by error_type",
  },
  llmTokens: {
    name: "llm.tokens",
    kind: "counter",
    unit: "{token}",
    description: "LLM tokens, by kind (input, output, reasoning)",
  },
  llmValidationRejected: {
    name: "llm.validation.rejected",
    kind: "counter",
    unit: "{problem}",
    description: "Generated problems rejected by the output checks (and regenerated or failed), by reason",
  },
} as const;

/**
 * The `error_type` of an LLM call cut short because a sibling statement failed or the caller gave up: recorded on
 * `llm.request.duration` and `llm.requests`, never counted in `llm.errors` (one failure is one error).
 */
export const LLM_CANCELLED_ERROR_TYPE = "cancelled";

export type InstrumentSpec = (typeof INSTRUMENTS)[keyof typeof INSTRUMENTS];

/** Creates instruments from their catalog entries, so name, unit and description are written once. */
export function instrumentFactory(meter: Meter) {
  const options = (spec: InstrumentSpec) => ({ description: spec.description, unit: spec.unit });
  return {
    createCounter: (spec: InstrumentSpec & { kind: "counter" }) => meter.createCounter(spec.name, options(spec)),
    createHistogram: (spec: InstrumentSpec & { kind: "histogram" }) =>
      meter.createHistogram(spec.name, {
        ...options(spec),
        advice: { explicitBucketBoundaries: [...spec.buckets] },
      }),
    createGauge: (spec: InstrumentSpec & { kind: "gauge" }) => meter.createObservableGauge(spec.name, options(spec)),
  };
}

type Catalog = typeof INSTRUMENTS;
type Instrument<S> = S extends { kind: "counter" }
  ? Counter
  : S extends { kind: "histogram" }
    ? Histogram
    : ObservableGauge;

/** The catalog entries whose key starts with `P`, keyed by the rest of the key (`workerProcessed` is `processed`). */
export type InstrumentGroup<P extends string> = {
  [K in keyof Catalog as K extends `${P}${infer Rest}` ? Uncapitalize<Rest> : never]: Instrument<Catalog[K]>;
};

/** Creates every instrument of one catalog group at once: `createInstruments(meter, "worker").processed`. */
export function createInstruments<P extends string>(meter: Meter, prefix: P): InstrumentGroup<P> {
  const { createCounter, createHistogram, createGauge } = instrumentFactory(meter);
  const group: Record<string, Counter | Histogram | ObservableGauge> = {};
  for (const [key, spec] of Object.entries(INSTRUMENTS)) {
    if (!key.startsWith(prefix) || key.length === prefix.length) continue;
    const rest = key.slice(prefix.length);
    group[rest[0]?.toLowerCase() + rest.slice(1)] =
      spec.kind === "counter"
        ? createCounter(spec)
        : spec.kind === "histogram"
          ? createHistogram(spec)
          : createGauge(spec);
  }
  return group as InstrumentGroup<P>;
}
