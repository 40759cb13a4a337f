/**
 * The queue surface the rest of the service sees. Two implementations: Kafka (kafka.ts, production and tests) and an
 * in-process one (memory.ts, `bun run dev` without a broker). Nothing outside src/queue/ imports kafkajs.
 */

/** A message as the broker delivered it. */
export interface Envelope {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: string;
}

export interface OutgoingMessage {
  key: string;
  value: string;
  headers?: Record<string, string>;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/** `crashed`: the client died and is being rebuilt; it returns to `connecting` and then `running` on its own. */
export type ConsumerState = "connecting" | "running" | "crashed" | "stopped";

export interface ConsumerOptions {
  groupId: string;
  topics: readonly string[];
  /** Messages in flight at once in this process, across partitions; messages of one partition run concurrently. */
  concurrency: number;
  /** After losing a partition in a rebalance, how long its in-flight messages may still run before being abandoned. */
  revokeDeadlineMs: number;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
}

export interface ConsumerListener {
  onState?(state: ConsumerState, reason?: string): void;
  /** Each completed fetch: the broker answered. Readiness uses it to tell a live loop from a lost broker. */
  onPoll?(): void;
  /** The broker stopped answering (disconnect, request timeout, failed heartbeat); the next onPoll clears it. */
  onBrokerLost?(reason: string): void;
}

/**
 * Delivers messages to `handle`, up to `concurrency` at once, until stopped. A partition's committed offset never
 * passes a message whose `handle` has not resolved, so a crash or an abandoned message means redelivery (at least
 * once). `handle` rejecting leaves the message unfinished; it is handed over again after a delay. `signal` fires
 * when the message's partition was given to another consumer and the revoke deadline passed.
 */
export interface QueueConsumer {
  /** Resolves once the loop is started; connecting and reconnecting continue in the background. */
  start(handle: (message: Envelope, signal: AbortSignal) => Promise<void>, listener?: ConsumerListener): Promise<void>;
  /** Messages being handled right now. */
  inFlight(): number;
  /** Per owned partition: messages finished but not committable yet, behind an earlier unfinished one. */
  commitLag(): PartitionLag[];
  /**
   * Holds consumption (a dependency every message needs is down): every partition paused, nothing new started;
   * messages in flight go on. Idempotent; survives rebalances until `release`.
   */
  hold(): void;
  /** Ends a hold: waiting messages start and fetching resumes. */
  release(): void;
  /** Between `hold` and `release`. */
  held(): boolean;
  /** Stops fetching, waits for in-flight handlers (the caller bounds the wait), leaves the group, disconnects. */
  stop(): Promise<void>;
}

export interface Publisher {
  /** Resolves when the broker has acknowledged every message. */
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  config: Record<string, string>;
}

export interface TopicChanges {
  created: string[];
  grown: { topic: string; from: number; to: number }[];
  unchanged: string[];
}

export interface Transport {
  readonly kind: "kafka" | "memory";
  /** One long-lived producer for the process. */
  readonly publisher: Publisher;
  consumer(options: ConsumerOptions): QueueConsumer;
  /** Creates missing topics and grows partition counts; never shrinks or deletes. */
  ensureTopics(specs: readonly TopicSpec[]): Promise<TopicChanges>;
  /** The group's lag on `topic` per partition: end offset minus committed offset. */
  lag(groupId: string, topic: string): Promise<PartitionLag[]>;
  close(): Promise<void>;
}
