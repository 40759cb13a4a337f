import { ExponentialBackoff, handleAll, retry } from "cockatiel";
import type { Consumer, Kafka } from "kafkajs";
import type { Logger } from "../telemetry/logger";
import { FETCH_MAX_WAIT_MS, reportBrokerLiveness } from "./kafka-liveness";
import type { ConsumerListener, ConsumerOptions, Envelope, QueueConsumer } from "./transport";

function headersOf(raw: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first.toString();
  }
  return headers;
}

const CRASH_REBUILD_DELAY_MS = 2000;

/**
 * A kafkajs consumer that keeps itself alive: it (re)connects with exponential backoff while the broker is away,
 * and rebuilds itself after a crash kafkajs will not restart from (CRASH with restart=false), so the loop never
 * dies silently behind a healthy-looking process.
 */
export function kafkaConsumer(kafka: Kafka, options: ConsumerOptions, logger: Logger): QueueConsumer {
  const log = logger.child({ component: "consumer", groupId: options.groupId });
  const stopController = new AbortController();
  let current: Consumer | undefined;
  let loop: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;

  const reconnect = retry(handleAll, {
    maxAttempts: Number.POSITIVE_INFINITY,
    backoff: new ExponentialBackoff({ initialDelay: 500, maxDelay: 15_000 }),
  });

  /** Connects, subscribes and runs; resolves with the reason once this consumer is dead (or stopping). */
  async function runOnce(
    handle: (m: Envelope) => Promise<void>,
    listener: ConsumerListener,
  ): Promise<string | undefined> {
    const consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs,
      heartbeatInterval: options.heartbeatIntervalMs,
      allowAutoTopicCreation: false,
      retry: { retries: 5, initialRetryTime: 300 },
      maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
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
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      log.info({ memberId: payload.memberId, assignment: payload.memberAssignment }, "joined consumer group");
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
    await consumer.run({
      // kafkajs resolves a message's offset only after eachMessage resolves, and with a threshold of 1 commits it
      // right then, before the next message: commit-after-handle, one message at a time. A manual commitOffsets()
      // would be simpler to read but kafkajs drops it silently once stop() has begun, so a message that finished
      // during shutdown would be redelivered (the acceptance tests caught exactly that).
      autoCommit: true,
      autoCommitThreshold: 1,
      autoCommitInterval: null,
      partitionsConsumedConcurrently: options.concurrency,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        // kafkajs heartbeats only between messages; a handler longer than the session timeout (an LLM call with
        // retries) would get this member evicted and its message handed to another consumer while still running.
        const beating = setInterval(
          () => heartbeat().catch(() => listener.onBrokerLost?.("heartbeat failed")),
          options.heartbeatIntervalMs,
        );
        try {
          await handle({
            topic,
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value,
            headers: headersOf(message.headers),
            timestamp: message.timestamp,
          });
        } finally {
          clearInterval(beating);
        }
      },
    });
    return dead.promise;
  }

  async function keepRunning(handle: (m: Envelope) => Promise<void>, listener: ConsumerListener) {
    while (!stopController.signal.aborted) {
      listener.onState?.("connecting");
      let reason: string | undefined;
      try {
        reason = await reconnect.execute(async () => {
          try {
            return await runOnce(handle, listener);
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
      loop ??= keepRunning(handle, listener).finally(() => listener.onState?.("stopped"));
    },
    stop() {
      stopping ??= (async () => {
        stopController.abort();
        // kafkajs' stop() waits for in-flight eachMessage calls; the worker bounds that wait with its deadline.
        await current?.stop();
        await current?.disconnect();
        await loop;
      })();
      return stopping;
    },
  };
}
