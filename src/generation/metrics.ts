import type { Meter } from "@opentelemetry/api";
import type { GenerationRequestsRepository } from "../db/repositories/generation-requests";
import type { OutboxRepository } from "../db/repositories/outbox";
import type { ProblemsRepository } from "../db/repositories/problems";
import { GENERATION_STATUSES } from "../problems/generation-requests";
import { INSTRUMENTS, instrumentFactory } from "../telemetry/instruments";

/**
 * Pool, request and outbox gauges, read from the database at each metric collection. Every instance reports the same
 * values, so dashboards take the max across instances, not the sum.
 */
export function registerGenerationMetrics(
  meter: Meter,
  deps: { problems: ProblemsRepository; requests: GenerationRequestsRepository; outbox: OutboxRepository },
) {
  const { createGauge } = instrumentFactory(meter);
  const size = createGauge(INSTRUMENTS.poolSize);
  const unserved = createGauge(INSTRUMENTS.poolUnserved);
  const requests = createGauge(INSTRUMENTS.generationRequests);
  const outboxPending = createGauge(INSTRUMENTS.outboxPending);
  meter.addBatchObservableCallback(
    async (result) => {
      try {
        const [stats, byStatus, pending] = await Promise.all([
          deps.problems.poolStats(),
          deps.requests.countByStatus(),
          deps.outbox.pending(),
        ]);
        result.observe(size, stats.total);
        result.observe(unserved, stats.unserved);
        for (const status of GENERATION_STATUSES) result.observe(requests, byStatus[status] ?? 0, { status });
        result.observe(outboxPending, pending);
      } catch {
        // Database unreachable: no observation beats a false zero (readiness reports the outage).
      }
    },
    [size, unserved, requests, outboxPending],
  );
}
