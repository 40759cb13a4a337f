/**
 * What the transactional outbox adds to `POST /api/v1/problems/generate`: the time of the step that records a
 * request and hands its messages over, before (the request recorded, then its messages published to Kafka and
 * awaited, as the route did until the outbox) and after (the request and its outbox rows in one transaction; the
 * relay publishes in the background). Everything else the route does is the same in both.
 *
 * Same run, same database server and broker, the two paths interleaved call by call (one before, one after), one
 * call at a time. Per run it prints the median and p95 of each; the summary is the median over runs. It also prints,
 * for the outbox path, the time from the commit to the broker's acknowledgement of the request's last message (the
 * relay woken by the submit, not by its 1 s poll).
 *
 * With `--broker-down` the producer points at a port nothing listens on: the before path takes as long as the
 * producer needs to give up (the old route then marked the request failed and answered 503; that UPDATE is not
 * counted), the after path commits to the outbox while the relay fails and backs off in the background.
 *
 * Run: KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 bun run bench/generate-latency.ts [runs=3] [calls per path=200] [count=5] [--broker-down]
 */
import { generationRequestsRepository } from "../src/db/repositories/generation-requests";
import { outboxRepository } from "../src/db/repositories/outbox";
import { withDeadline } from "../src/deadline";
import { outboxDoorbell, startOutboxRelay } from "../src/generation/outbox-relay";
import { generationSubmitter } from "../src/generation/submit";
import { assertPlannable } from "../src/problems/planner/plan-problem";
import { createKafkaTransport } from "../src/queue/kafka";
import { generationMessages, traceparentFor } from "../src/queue/messages";
import { topicNames, topicSpecs } from "../src/queue/topics";
import type { Publisher } from "../src/queue/transport";
import { createLogger } from "../src/telemetry/logger";
import { createTestDatabase } from "../tests/support/postgres";
import { BOOTSTRAP, median, uniquePrefix } from "./support";

const BROKER_DOWN = process.argv.includes("--broker-down");
const [RUNS = 3, CALLS = 200, COUNT = 5] = process.argv
  .slice(2)
  .filter((a) => !a.startsWith("--"))
  .map(Number);
const WARMUP = BROKER_DOWN ? 0 : 20;

const logger = createLogger({ level: "silent", pretty: false });
const db = await createTestDatabase("bench_generate_latency");
const transport = createKafkaTransport({
  brokers: [BROKER_DOWN ? "127.0.0.1:1" : BOOTSTRAP],
  clientId: "bench-generate-latency",
  logger,
});
const prefix = uniquePrefix("generate-latency");
const topic = topicNames(prefix).requests;
if (!BROKER_DOWN) await transport.ensureTopics(topicSpecs(10, prefix));
const requests = generationRequestsRepository(db.database);
// The global quota the route takes from, out of reach: both paths pay for taking it, neither is refused.
const allowances = [{ bucket: "global:problems", limit: 1_000_000_000, windowSeconds: 3600 }];

/** Resolves a request's wait once the broker acknowledged its last message (the relay's publishes, observed). */
const acked = new Map<string, { left: number; done: () => void }>();
const observed: Publisher = {
  async publish(t, messages) {
    await transport.publisher.publish(t, messages);
    for (const m of messages) {
      const id = (JSON.parse(String(m.value)) as { generation_request_id: string }).generation_request_id;
      const waiter = acked.get(id);
      if (waiter && --waiter.left === 0) waiter.done();
    }
  },
};
const doorbell = outboxDoorbell();
const stopRelay = new AbortController();
const relay = startOutboxRelay({
  outbox: outboxRepository(db.database),
  doorbell,
  publisher: observed,
  logger,
  signal: stopRelay.signal,
});
const submitter = generationSubmitter({
  requests,
  logger,
  topic,
  maxPending: 1_000_000,
  onEnqueued: doorbell.ring,
});

const input = () => ({ count: COUNT, statementCount: 4, traceparent: traceparentFor() });

/**
 * The route's step before the outbox, as `submit` ran it: refuse an unplannable request, record the request, then
 * publish its messages and wait for the broker.
 */
async function before(): Promise<number> {
  const startedAt = performance.now();
  const generation = input();
  assertPlannable({ statement_count: generation.statementCount });
  const row = await requests.create(
    { origin: "api", requestedCount: generation.count, metadata: { statement_count: 4 } },
    allowances,
  );
  const messages = generationMessages({ requestId: row.id, ...generation });
  try {
    await withDeadline(transport.publisher.publish(topic, messages), 5000, "publish");
  } catch (error) {
    if (!BROKER_DOWN) throw error;
  }
  return performance.now() - startedAt;
}

/** The route's step now: one transaction for the request and its outbox rows. Also: commit to broker ack. */
async function after(): Promise<{ ms: number; toBrokerMs: number }> {
  const startedAt = performance.now();
  let done!: () => void;
  const published = new Promise<void>((resolve) => (done = resolve));
  const { row } = await submitter.submit(input(), { allowances });
  const committedAt = performance.now();
  if (BROKER_DOWN) return { ms: committedAt - startedAt, toBrokerMs: Number.NaN };
  // Registered after the commit: the relay cannot have sent the rows yet (its send awaits this turn of the loop).
  acked.set(row.id, { left: COUNT, done });
  await published;
  acked.delete(row.id);
  return { ms: committedAt - startedAt, toBrokerMs: performance.now() - committedAt };
}

const p95 = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0;
const fmt = (ms: number) => ms.toFixed(2);

for (let i = 0; i < WARMUP; i++) {
  await before();
  await after();
}
const summary: { before: number; after: number; toBroker: number }[] = [];
for (let run = 1; run <= RUNS; run++) {
  const b: number[] = [];
  const a: number[] = [];
  const toBroker: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    // Alternate which path goes first, so neither always runs right after the other's relay work.
    if (i % 2 === 0) b.push(await before());
    const measured = await after();
    a.push(measured.ms);
    toBroker.push(measured.toBrokerMs);
    if (i % 2 === 1) b.push(await before());
  }
  summary.push({ before: median(b), after: median(a), toBroker: median(toBroker) });
  const ack = BROKER_DOWN
    ? ""
    : ` | after, commit to broker ack median ${fmt(median(toBroker))} ms p95 ${fmt(p95(toBroker))}`;
  console.log(
    `run ${run}: before median ${fmt(median(b))} ms p95 ${fmt(p95(b))} | after median ${fmt(median(a))} ms p95 ${fmt(p95(a))}${ack}`,
  );
}
const mb = median(summary.map((s) => s.before));
const ma = median(summary.map((s) => s.after));
console.log(
  `median of ${RUNS} runs, ${CALLS} calls per path, count=${COUNT}${BROKER_DOWN ? ", broker down" : ""}: before ${fmt(mb)} ms, after ${fmt(ma)} ms (after/before ${(ma / mb).toFixed(2)}, difference ${fmt(ma - mb)} ms)${BROKER_DOWN ? "" : `; commit to broker ack ${fmt(median(summary.map((s) => s.toBroker)))} ms`}`,
);

stopRelay.abort();
await relay;
await transport.close();
await db.drop();
