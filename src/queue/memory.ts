import type {
  ConsumerListener,
  Envelope,
  PartitionLag,
  QueueConsumer,
  TopicChanges,
  TopicSpec,
  Transport,
} from "./transport";

/** How long a lane waits before handing a rejected message to the handler again (Kafka redelivers it too). */
const REDELIVERY_DELAY_MS = 1000;
const IDLE_POLL_MS = 1000;

function partitionFor(key: string, partitions: number): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % partitions;
}

/**
 * An in-process stand-in for Kafka, for `bun run dev` with no broker: same surface, partitions keyed like Kafka's,
 * per-group committed offsets, at-least-once delivery within the process. Everything is lost on restart, which is
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

  function consumer(options: { groupId: string; topics: readonly string[]; concurrency: number }): QueueConsumer {
    const stop = new AbortController();
    const stopped = new Promise((resolve) => stop.signal.addEventListener("abort", resolve, { once: true }));
    let lanes: Promise<void>[] = [];

    async function lane(index: number, handle: (m: Envelope) => Promise<void>, listener: ConsumerListener) {
      while (!stop.signal.aborted) {
        listener.onPoll?.();
        const woken = wake.promise;
        let delivered = false;
        for (const topic of options.topics) {
          const partitions = logs.get(topic) ?? [];
          for (let p = index; p < partitions.length; p += options.concurrency) {
            const key = offsetKey(options.groupId, topic, p);
            const next = committed.get(key) ?? 0;
            const message = partitions[p]?.[next];
            if (!message || stop.signal.aborted) continue;
            delivered = true;
            try {
              await handle(message);
              committed.set(key, next + 1);
            } catch {
              await Bun.sleep(REDELIVERY_DELAY_MS);
            }
          }
        }
        // The timeout keeps polls visible to the health check while the queue is idle.
        if (!delivered) await Promise.race([woken, stopped, Bun.sleep(IDLE_POLL_MS)]);
      }
    }

    return {
      async start(handle, listener = {}) {
        if (lanes.length) return;
        listener.onState?.("running");
        lanes = Array.from({ length: options.concurrency }, (_, i) => lane(i, handle, listener));
        void Promise.all(lanes).then(() => listener.onState?.("stopped"));
      },
      async stop() {
        stop.abort();
        await Promise.all(lanes);
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
