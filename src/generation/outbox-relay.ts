import type { OutboxRepository } from "../db/repositories/outbox";
import type { OutboxRow } from "../db/schema";
import { withDeadline } from "../deadline";
import type { OutgoingMessage, Publisher } from "../queue/transport";
import type { Logger } from "../telemetry/logger";

/**
 * How a submit tells this process' relay that messages were just committed, so the common case is published at
 * once instead of at the next poll. Rings are remembered until `clear()`, so one that arrives while a batch runs
 * is not lost.
 */
export function outboxDoorbell() {
  let rang = false;
  let wake: (() => void) | undefined;
  return {
    ring() {
      rang = true;
      wake?.();
    },
    /** Called before a claim: every message committed before it is visible to that claim. */
    clear() {
      rang = false;
    },
    /** Resolves at once if rung since `clear()`, else at the next ring. */
    rung(): Promise<void> {
      return rang ? Promise.resolve() : new Promise((resolve) => (wake = resolve));
    },
  };
}

export type OutboxDoorbell = ReturnType<typeof outboxDoorbell>;

export interface OutboxRelayOptions {
  outbox: OutboxRepository;
  publisher: Publisher;
  doorbell: OutboxDoorbell;
  logger: Logger;
  /** Stops the relay; the batch in progress finishes (bounded by `publishTimeoutMs`) or rolls back. */
  signal: AbortSignal;
  /** Messages claimed and published per transaction. */
  batchSize?: number;
  /** With nothing to send, looks again this often (rows of other instances, or left by a crashed one). */
  idlePollMs?: number;
  /** A broker that has not acknowledged a batch by then counts as down: the batch rolls back and is sent later. */
  publishTimeoutMs?: number;
  /** Backoff between failed batches: doubles from `initialMs` up to `maxMs`, with jitter. */
  backoff?: { initialMs: number; maxMs: number };
}

/** Waits `ms`, or less if the signal aborts or `early` resolves. Its timer never outlives it. */
function pause(ms: number, signal: AbortSignal, early?: Promise<void>): Promise<void> {
  // An abort during the batch has already fired: a listener added now would never run.
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    early?.then(done);
  });
}

/** Publishes a claimed batch topic by topic, oldest first. */
async function publishRows(publisher: Publisher, rows: readonly OutboxRow[]): Promise<void> {
  const byTopic = new Map<string, OutgoingMessage[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push({ key: row.key, value: row.value, headers: row.headers });
    byTopic.set(row.topic, messages);
  }
  for (const [topic, messages] of byTopic) await publisher.publish(topic, messages);
}

/**
 * The outbox relay: every instance runs one. It claims the oldest pending messages (`FOR UPDATE SKIP LOCKED`, so
 * relays of several instances share the work and never send a row twice while it is claimed), publishes them with
 * the idempotent producer and deletes them in the claiming transaction. A crash after the publish and before the
 * commit sends them again later: the worker's ledger, keyed by message id, makes the copy harmless.
 *
 * Runs a full batch after a full batch; otherwise waits for the doorbell or the idle poll. While publishing fails
 * (broker down, database down) it backs off, and the doorbell does not shorten the backoff. Resolves once stopped.
 */
export function startOutboxRelay(options: OutboxRelayOptions): Promise<void> {
  const batchSize = options.batchSize ?? 100;
  const idlePollMs = options.idlePollMs ?? 1000;
  const publishTimeoutMs = options.publishTimeoutMs ?? 5000;
  const { initialMs, maxMs } = options.backoff ?? { initialMs: 250, maxMs: 10_000 };
  const { outbox, doorbell, logger, signal } = options;
  const send = (rows: readonly OutboxRow[]) =>
    withDeadline(publishRows(options.publisher, rows), publishTimeoutMs, "outbox publish");

  return (async () => {
    let failures = 0;
    while (!signal.aborted) {
      doorbell.clear();
      let sent: number;
      try {
        sent = await outbox.relayBatch(batchSize, send);
      } catch (error) {
        failures += 1;
        // Once per outage at warn: a broker down for an hour must not write a line per attempt.
        if (failures === 1) logger.warn({ err: error }, "outbox relay cannot publish; messages wait in the outbox");
        else logger.debug({ err: error, failures }, "outbox relay still cannot publish");
        const delayMs = Math.min(maxMs, initialMs * 2 ** (failures - 1));
        await pause(delayMs / 2 + (Math.random() * delayMs) / 2, signal);
        continue;
      }
      if (failures > 0) logger.info({ failures, sent }, "outbox relay publishing again");
      failures = 0;
      if (sent < batchSize) await pause(idlePollMs, signal, doorbell.rung());
    }
  })();
}
