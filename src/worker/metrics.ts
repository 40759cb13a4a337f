import type { Attributes, Meter } from "@opentelemetry/api";

/** Why a message could not even be handed to a handler. */
export type MalformedReason = "not_json" | "schema_invalid" | "oversized" | "unknown_type";

export interface WorkerMetricSources {
  /** Messages waiting for the group on `topic`, per partition: end offset minus committed offset. */
  lag(): Promise<{ topic: string; partition: number; lag: number }[]>;
  /** Handlers running right now. */
  activeTasks(): number;
}

export interface WorkerMetrics {
  processed(topic: string, durationS: number): void;
  failed(topic: string, errorType: string, durationS: number): void;
  malformed(topic: string, reason: MalformedReason): void;
}

/**
 * The worker's instruments (meter `worker`): the Phase-1 names, plus the OpenTelemetry messaging semantic-convention
 * pair so generic Kafka dashboards work too.
 */
export function createWorkerMetrics(meter: Meter, groupId: string, sources: WorkerMetricSources): WorkerMetrics {
  const processed = meter.createCounter("worker.messages.processed", {
    description: "Messages handled successfully",
    unit: "{message}",
  });
  const failed = meter.createCounter("worker.messages.failed", {
    description: "Messages whose handler failed",
    unit: "{message}",
  });
  const malformed = meter.createCounter("worker.messages.malformed", {
    description: "Messages that could not be decoded or validated",
    unit: "{message}",
  });
  const duration = meter.createHistogram("worker.message.processing_duration", {
    description: "Handler time per message",
    unit: "s",
  });
  const consumed = meter.createCounter("messaging.client.consumed.messages", {
    description: "Messages delivered to the application",
    unit: "{message}",
  });
  const processDuration = meter.createHistogram("messaging.process.duration", {
    description: "Time to process a message",
    unit: "s",
  });

  const queueLength = meter.createObservableGauge("worker.queue.length", {
    description: "Consumer group lag summed over partitions",
    unit: "{message}",
  });
  const partitionLag = meter.createObservableGauge("worker.partition.lag", {
    description: "Consumer group lag per partition",
    unit: "{message}",
  });
  const tasksActive = meter.createObservableGauge("worker.tasks.active", {
    description: "Handlers running now",
    unit: "{task}",
  });

  meter.addBatchObservableCallback(
    async (result) => {
      result.observe(tasksActive, sources.activeTasks());
      let lags: Awaited<ReturnType<WorkerMetricSources["lag"]>>;
      try {
        lags = await sources.lag();
      } catch {
        return; // Broker unreachable: report no lag rather than a made-up zero.
      }
      const totals = new Map<string, number>();
      for (const { topic, partition, lag } of lags) {
        totals.set(topic, (totals.get(topic) ?? 0) + lag);
        result.observe(partitionLag, lag, { topic, partition });
      }
      for (const [topic, total] of totals) result.observe(queueLength, total, { topic });
    },
    [queueLength, partitionLag, tasksActive],
  );

  const semconv = (topic: string): Attributes => ({
    "messaging.system": "kafka",
    "messaging.destination.name": topic,
    "messaging.consumer.group.name": groupId,
  });

  return {
    processed(topic, durationS) {
      processed.add(1, { topic });
      duration.record(durationS, { topic });
      consumed.add(1, semconv(topic));
      processDuration.record(durationS, semconv(topic));
    },
    failed(topic, errorType, durationS) {
      failed.add(1, { topic, error_type: errorType });
      duration.record(durationS, { topic });
      consumed.add(1, semconv(topic));
      processDuration.record(durationS, { ...semconv(topic), "error.type": errorType });
    },
    malformed(topic, reason) {
      malformed.add(1, { topic, reason });
      consumed.add(1, semconv(topic));
    },
  };
}
