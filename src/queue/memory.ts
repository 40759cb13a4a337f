import { createInFlightPool, type InFlightPool, type PartitionRef } from "./in-flight";
import type {
  ConsumerListener,
  ConsumerOptions,
  Envelope,
  PartitionLag,
  QueueConsumer,
  TopicChanges,
  TopicSpec,
  Transport,
} from "./transport";

/** Messages read from one partition at a time, like one Kafka fetch. */
const BATCH_SIZE = 100;
const IDLE_POLL_MS = 1000;

function partitionFor(key: string, partitions: number): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % partitions;
}

/**
 * An in-process stand-in for Kafka, for `bun run dev` with no broker: same surface, partitions keyed like Kafka's,
 * per-group committed offsets, and the same in-flight pool as the Kafka consumer (messages of one partition run
 * concurrently, commits only over finished messages), at-least-once delivery within the process. Everything is lost on restart, which is
 * why production refuses to run the worker on it.
 */
export function createMemoryTransport(specs: readonly TopicSpec[] = []): Transport {
  const logs = new Map<string, Envelope[][]>();
  const committed = new Map<string, number>();
  let wake = Promise.withResolvers<void>();

  const ensure = async (wanted: readonly TopicSpec[]): Promise<TopicChanges> => {
    const changes: TopicChanges = { created: [], grown: [], unchanged: [] };
    for (const spec of wanted) {
      const log = logs.get(spec.name);
      if (!log) {
        logs.set(
          spec.name,
          Array.from({ length: spec.partitions }, () => []),
        );
        changes.created.push(spec.name);
      } else if (log.length < spec.partitions) {
        changes.grown.push({ topic: spec.name, from: log.length, to: spec.partitions });
        while (log.length < spec.partitions) log.push([]);
      } else changes.unchanged.push(spec.name);
    }
    return changes;
  };
  void ensure(specs);

  const offsetKey = (group: string, topic: string, partition: number) => `${group}\u0000${topic}\u0000${partition}`;

  function consumer(options: ConsumerOptions): QueueConsumer {
    const stop = new AbortController();
    const stopped = new Promise((resolve) => stop.signal.addEventListener("abort", resolve, { once: true }));
    const paused = new Set<string>();
    /** The next offset to hand to the pool, per partition; starts at the committed offset. */
    const position = new Map<string, number>();
    let pool: InFlightPool | undefined;
    let loop: Promise<void> | undefined;
    let nudge = Promise.withResolvers<void>();
    const wakeUp = () => {
      const woken = nudge;
      nudge = Promise.withResolvers<void>();
      woken.resolve();
    };

    const commit = (inFlight: InFlightPool) => {
      const points = inFlight.commitPoints();
      for (const p of points) committed.set(offsetKey(options.groupId, p.topic, p.partition), p.offset);
      inFlight.committed(points);
    };

    /** Kafka's fetch loop in miniature: batches from every partition not paused, handed to the shared pool. */
    async function feed(inFlight: InFlightPool, listener: ConsumerListener) {
      while (!stop.signal.aborted) {
        listener.onPoll?.();
        const woken = Promise.race([wake.promise, nudge.promise]);
        commit(inFlight);
        let offered = false;
        for (const topic of options.topics) {
          (logs.get(topic) ?? []).forEach((messages, partition) => {
            const key = offsetKey(options.groupId, topic, partition);
            if (paused.has(key)) return;
            const from = position.get(key) ?? committed.get(key) ?? 0;
            const batch = messages.slice(from, from + BATCH_SIZE);
            if (!batch.length) return;
            position.set(key, from + batch.length);
            inFlight.offer(topic, partition, batch);
            offered = true;
          });
        }
        // The timeout keeps polls visible to the health check while the queue is idle.
        if (!offered) await Promise.race([woken, stopped, Bun.sleep(IDLE_POLL_MS)]);
      }
    }

    return {
      async start(handle, listener = {}) {
        if (pool) return;
        const key = (p: PartitionRef) => offsetKey(options.groupId, p.topic, p.partition);
        const inFlight = createInFlightPool({
          limit: options.concurrency,
          handle,
          pause: (p) => paused.add(key(p)),
          resume: (p) => {
            paused.delete(key(p));
            wakeUp();
          },
          onSettled: wakeUp,
        });
        pool = inFlight;
        listener.onState?.("running");
        loop = feed(inFlight, listener).then(() => listener.onState?.("stopped"));
      },
      inFlight: () => pool?.active() ?? 0,
      commitLag: () => pool?.commitLag() ?? [],
      hold: () => pool?.hold(),
      release: () => pool?.release(),
      held: () => pool?.held() ?? false,
      async stop() {
        stop.abort();
        if (!pool) return;
        await pool.close();
        commit(pool);
        await loop;
      },
    };
  }

  return {
    kind: "memory",
    publisher: {
      async publish(topic, messages) {
        const log = logs.get(topic);
        if (!log) throw new Error(`unknown topic ${topic}`);
        for (const m of messages) {
          const partition = partitionFor(m.key, log.length);
          const offsets = log[partition] as Envelope[];
          offsets.push({
            topic,
            partition,
            offset: String(offsets.length),
            key: m.key,
            value: Buffer.from(m.value),
            headers: { ...m.headers },
            timestamp: String(Date.now()),
          });
        }
        const woken = wake;
        wake = Promise.withResolvers<void>();
        woken.resolve();
      },
    },
    consumer,
    ensureTopics: ensure,
    async lag(groupId, topic): Promise<PartitionLag[]> {
      return (logs.get(topic) ?? []).map((messages, partition) => ({
        topic,
        partition,
        lag: messages.length - (committed.get(offsetKey(groupId, topic, partition)) ?? 0),
      }));
    },
    async close() {},
  };
}
