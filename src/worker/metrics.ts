import type { Attributes, Meter } from "@opentelemetry/api";
import { createInstruments } from "../telemetry/instruments";

/** Why a message could not even be handed to a handler. */
export type MalformedReason = "not_json" | "schema_invalid" | "oversized" | "unknown_type";

export interface WorkerMetricSources {
  /** Messages waiting for the group on `topic`, per partition: end offset minus committed offset. */
  lag(): Promise<{ topic: string; partition: number; lag: number }[]>;
  /** Messages in flight right now. */
  activeTasks(): number;
  /** The most messages in flight at once. */
  inFlightLimit: number;
  /** Per owned partition: finished messages held back from the commit by an earlier unfinished one. */
  commitLag(): { topic: string; partition: number; lag: number }[];
  /** The generator's circuit as `worker.circuit.state` reports it (0 closed, 1 half-open, 2 open); none: 0. */
  circuitState?(): number;
}

export interface WorkerMetrics {
  processed(topic: string, durationS: number): void;
  /** A redelivery of a message already handled: acknowledged, but no work done. */
  skipped(topic: string): void;
  failed(topic: string, errorType: string, durationS: number): void;
  /** Republished to the retry topic. */
  retried(topic: string, errorCode: string): void;
  /** Published to the dead-letter topic; `reason` is the error code (or the poison reason). */
  deadLettered(topic: string, reason: string): void;
  malformed(topic: string, reason: MalformedReason): void;
}

type Lags = Awaited<ReturnType<WorkerMetricSources["lag"]>>;

/** How long a metric collection waits for a fresh lag before it reports the previous one. */
const LAG_WAIT_MS = 250;

/**
 * Lag comes from broker round trips. A collection must not stall on them (the export has its own deadline, and a
 * slow broker would lose every other metric with it), so it waits briefly for a fresh value and otherwise reports
 * the last one it had; one query runs at a time.
 */
function lagReader(read: () => Promise<Lags>): () => Promise<Lags | undefined> {
  let last: Lags | undefined;
  let refreshing: Promise<void> | undefined;
  return async () => {
    refreshing ??= (async () => {
      try {
        last = await read();
      } catch {
        last = undefined;
      } finally {
        refreshing = undefined;
      }
    })();
    await Promise.race([refreshing, Bun.sleep(LAG_WAIT_MS)]);
    return last;
  };
}

/**
 * The worker's instruments (meter `worker`): the service's own `worker.*` names, plus the OpenTelemetry messaging
 * semantic-convention pair so generic Kafka dashboards work too.
 */
export function createWorkerMetrics(meter: Meter, groupId: string, sources: WorkerMetricSources): WorkerMetrics {
  const worker = createInstruments(meter, "worker");
  // The semantic-convention pair: `consumed` and `processDuration`.
  const messaging = createInstruments(meter, "messaging");

  const lag = lagReader(sources.lag);
  meter.addBatchObservableCallback(
    async (result) => {
      result.observe(worker.tasksActive, sources.activeTasks());
      result.observe(worker.inflightLimit, sources.inFlightLimit);
      result.observe(worker.circuitState, sources.circuitState?.() ?? 0);
      for (const { topic, partition, lag } of sources.commitLag())
        result.observe(worker.commitLag, lag, { topic, partition });
      const lags = await lag();
      if (!lags) return; // broker unreachable: report no lag rather than a made-up zero
      const totals = new Map<string, number>();
      for (const { topic, partition, lag } of lags) {
        totals.set(topic, (totals.get(topic) ?? 0) + lag);
        result.observe(worker.partitionLag, lag, { topic, partition });
      }
      for (const [topic, total] of totals) result.observe(worker.queueLength, total, { topic });
    },
    [
      worker.queueLength,
      worker.partitionLag,
      worker.tasksActive,
      worker.inflightLimit,
      worker.commitLag,
      worker.circuitState,
    ],
  );

  const semconv = (topic: string): Attributes => ({
    "messaging.system": "kafka",
    "messaging.destination.name": topic,
    "messaging.consumer.group.name": groupId,
  });

  return {
    skipped(topic) {
      worker.skipped.add(1, { topic });
    },
    processed(topic, durationS) {
      worker.processed.add(1, { topic });
      // A topic's skipped, retried and dead-lettered series exist from its first message: panels read 0, not "no data".
      worker.skipped.add(0, { topic });
      worker.retried.add(0, { topic });
      worker.deadLettered.add(0, { topic });
      worker.duration.record(durationS, { topic });
      messaging.consumed.add(1, semconv(topic));
      messaging.processDuration.record(durationS, semconv(topic));
    },
    failed(topic, errorType, durationS) {
      worker.failed.add(1, { topic, error_type: errorType });
      worker.duration.record(durationS, { topic });
      messaging.consumed.add(1, semconv(topic));
      messaging.processDuration.record(durationS, { ...semconv(topic), "error.type": errorType });
    },
    retried(topic, errorCode) {
      worker.retried.add(1, { topic, error_code: errorCode });
    },
    deadLettered(topic, reason) {
      worker.deadLettered.add(1, { topic, reason });
    },
    malformed(topic, reason) {
      worker.malformed.add(1, { topic, reason });
      messaging.consumed.add(1, semconv(topic));
    },
  };
}
