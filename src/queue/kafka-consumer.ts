import { ExponentialBackoff, handleAll, retry } from "cockatiel";
import type { Consumer, Kafka } from "kafkajs";
import type { Logger } from "../telemetry/logger";
import { createInFlightPool, type InFlightPool, type PartitionRef } from "./in-flight";
import { reportBrokerLiveness } from "./kafka-liveness";
import type { ConsumerListener, ConsumerOptions, QueueConsumer } from "./transport";

function headersOf(raw: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first.toString();
  }
  return headers;
}

const CRASH_REBUILD_DELAY_MS = 2000;

/** How often finished work is committed while running (also on rebalance and at stop). */
const COMMIT_INTERVAL_MS = 500;
/** Small fetches: what does not fit in flight waits in memory, one batch per partition at most. */
const MAX_BYTES_PER_PARTITION = 256 * 1024;
/** Bounds the broker's long poll, and the pause kafkajs takes when every partition is paused. */
const MAX_WAIT_MS = 500;

/**
 * pause/resume for the in-flight pool that never throw. Between runs (a kafkajs restart, or our rebuild before run())
 * kafkajs rejects both with "Consumer group was not initialized"; nothing is lost by ignoring that: the next run starts
 * with every partition unpaused, and the pool pauses again on join what still waits in memory.
 */
export function partitionControl(consumer: () => Pick<Consumer, "pause" | "resume"> | undefined, log: Logger) {
  const list = (p: PartitionRef) => [{ topic: p.topic, partitions: [p.partition] }];
  const attempt = (action: "pause" | "resume", p: PartitionRef) => {
    try {
      consumer()?.[action](list(p));
    } catch (error) {
      log.debug({ err: error, topic: p.topic, partition: p.partition }, `partition ${action} skipped between runs`);
    }
  };
  return { pause: (p: PartitionRef) => attempt("pause", p), resume: (p: PartitionRef) => attempt("resume", p) };
}

/**
 * A kafkajs consumer that keeps itself alive: it (re)connects with exponential backoff while the broker is away,
 * and rebuilds itself after a crash kafkajs will not restart from (CRASH with restart=false), so the loop never
 * dies silently behind a healthy-looking process.
 *
 * Messages are not handled inside kafkajs' callback: `eachBatch` hands them to the in-flight pool and returns at
 * once. kafkajs fetches again only after every batch of a fetch returned, so a slow message handled inside the
 * callback would hold up every other partition; here only a full pool stops fetching, per partition (pause), and
 * heartbeats go on between fetches whatever the handlers do. Offsets are committed by us: the first unfinished
 * offset of each partition, never past a running message.
 */
export function kafkaConsumer(kafka: Kafka, options: ConsumerOptions, logger: Logger): QueueConsumer {
  const log = logger.child({ component: "consumer", groupId: options.groupId });
  const stopController = new AbortController();
  let current: Consumer | undefined;
  let loop: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  let pool: InFlightPool | undefined;
  /** The member id of the last join, across rebuilds. */
  let memberId: string | undefined;
  /** The commit in flight, if any: ticks meanwhile are skipped so a slow coordinator never builds a queue. */
  let committing: Promise<void> | undefined;
  /** Runs from the start of a run until its consumer dies, or until stop() made its final commit. */
  let ticker: ReturnType<typeof setInterval> | undefined;

  const reconnect = retry(handleAll, {
    maxAttempts: Number.POSITIVE_INFINITY,
    backoff: new ExponentialBackoff({ initialDelay: 500, maxDelay: 15_000 }),
  });

  /**
   * Commits every partition whose commit point moved, one commit at a time: while one is in flight, this returns it
   * instead. It must run while kafkajs is still running: kafkajs silently drops commitOffsets() once its stop() has
   * begun, which is why stop() commits first.
   */
  function commit(consumer: Consumer): Promise<void> {
    if (committing) return committing;
    const points = pool?.commitPoints() ?? [];
    if (!points.length) return Promise.resolve();
    committing = (async () => {
      try {
        await consumer.commitOffsets(points.map((p) => ({ ...p, offset: String(p.offset) })));
        pool?.committed(points);
      } catch (error) {
        // Retried on the next tick; until then the messages are at most redelivered.
        log.warn({ err: error }, "offset commit failed");
      } finally {
        committing = undefined;
      }
    })();
    return committing;
  }

  /** Connects, subscribes and runs; resolves with the reason once this consumer is dead (or stopping). */
  async function runOnce(inFlight: InFlightPool, listener: ConsumerListener): Promise<string | undefined> {
    const consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs,
      heartbeatInterval: options.heartbeatIntervalMs,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
      maxWaitTimeInMs: MAX_WAIT_MS,
      retry: { retries: 5, initialRetryTime: 300 },
    });
    current = consumer;
    const dead = Promise.withResolvers<string | undefined>();
    reportBrokerLiveness(consumer, listener);
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      log.error({ err: payload.error, restart: payload.restart }, "consumer crashed");
      // With restart=true kafkajs rebuilds the consumer itself; otherwise it is gone and we must.
      if (!payload.restart) dead.resolve(payload.error.message);
      else listener.onState?.("connecting", "consumer restarting after an error");
    });
    // kafkajs has no callback before it gives partitions away: commit what is finished as soon as the rebalance
    // starts, while this member's generation is still accepted. The points are taken now; after that nothing is
    // committed until the join says which partitions are still ours (kafkajs retries a failed commit after rejoining).
    consumer.on(consumer.events.REBALANCING, () => {
      void commit(consumer);
      inFlight.disown();
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      log.info({ memberId: payload.memberId, assignment: payload.memberAssignment }, "joined consumer group");
      const assigned = Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
        partitions.map((partition) => ({ topic, partition })),
      );
      // A new member id means the membership lapsed (crash, session expiry, unknown member): meanwhile our partitions
      // may have been another member's, who committed past what we track. Start over from the broker's offsets.
      if (payload.memberId !== memberId) inFlight.retain([], options.revokeDeadlineMs);
      memberId = payload.memberId;
      inFlight.retain(assigned, options.revokeDeadlineMs);
      inFlight.repause();
      listener.onState?.("running");
    });
    const onStop = () => dead.resolve(undefined);
    stopController.signal.addEventListener("abort", onStop, { once: true });
    dead.promise.finally(() => stopController.signal.removeEventListener("abort", onStop));

    await consumer.connect();
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: true });
    // stop() may have run while we were connecting: it could not stop a consumer that was not running yet.
    if (stopController.signal.aborted) {
      await consumer.disconnect();
      return undefined;
    }
    clearInterval(ticker);
    ticker = setInterval(() => void commit(consumer), COMMIT_INTERVAL_MS);
    // A crashed consumer stops committing; at stop() the ticker goes on while in-flight messages drain.
    dead.promise.then((reason) => reason !== undefined && clearInterval(ticker));
    await consumer.run({
      autoCommit: false,
      // The whole batch is taken (started or queued in memory), so kafkajs may fetch after it.
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch }) => {
        inFlight.offer(
          batch.topic,
          batch.partition,
          batch.messages.map((message) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value,
            headers: headersOf(message.headers),
            timestamp: message.timestamp,
          })),
        );
      },
    });
    return dead.promise;
  }

  async function keepRunning(inFlight: InFlightPool, listener: ConsumerListener) {
    while (!stopController.signal.aborted) {
      listener.onState?.("connecting");
      let reason: string | undefined;
      try {
        reason = await reconnect.execute(async () => {
          try {
            return await runOnce(inFlight, listener);
          } catch (error) {
            listener.onState?.("connecting", "cannot reach the broker");
            log.warn({ err: error }, "consumer could not start; retrying");
            await current?.disconnect().catch(() => {});
            throw error;
          }
        }, stopController.signal);
      } catch {
        return; // only an abort ends the retry policy
      }
      if (reason === undefined) return;
      await current?.disconnect().catch(() => {});
      listener.onState?.("crashed", "consumer crashed; rebuilding it");
      log.warn({ reason }, "rebuilding the consumer after a crash");
      // A consumer that crashes right after each rebuild must not spin: wait before the next one.
      await Bun.sleep(CRASH_REBUILD_DELAY_MS);
    }
  }

  return {
    async start(handle, listener = {}) {
      pool ??= createInFlightPool({
        limit: options.concurrency,
        handle,
        ...partitionControl(() => current, log),
      });
      const inFlight = pool;
      loop ??= keepRunning(inFlight, listener).finally(() => listener.onState?.("stopped"));
    },
    inFlight: () => pool?.active() ?? 0,
    commitLag: () => pool?.commitLag() ?? [],
    hold: () => pool?.hold(),
    release: () => pool?.release(),
    held: () => pool?.held() ?? false,
    stop() {
      stopping ??= (async () => {
        stopController.abort();
        // Nothing new starts; in-flight messages finish (the worker bounds the wait and then abandons them).
        await pool?.close();
        // The last tick's commit may predate the drain: wait for it, then commit what finished since.
        await committing;
        if (current) await commit(current);
        clearInterval(ticker);
        await current?.stop();
        await current?.disconnect();
        await loop;
      })();
      return stopping;
    },
  };
}
