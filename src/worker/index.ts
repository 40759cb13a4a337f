import type { Meter } from "@opentelemetry/api";
import { ExponentialBackoff, handleAll, retry } from "cockatiel";
import { DeadlineExceededError, unlessAborted, withDeadline } from "../deadline";
import type { ComponentHealth } from "../health";
import { topicSpecs } from "../queue/topics";
import type { ConsumerState, Transport } from "../queue/transport";
import type { Logger } from "../telemetry/logger";
import { CIRCUIT_STATE_VALUES, type GeneratorCircuit } from "./circuit";
import type { WorkerConfig } from "./config";
import type { MessageHandler } from "./handlers";
import { createWorkerMetrics } from "./metrics";
import { createMessageProcessor } from "./processor";
import { brokerLiveness } from "./readiness";

/** After the drain deadline, how long abandoned handlers get to unwind and the consumer to leave the group. */
const ABANDON_GRACE_MS = 2000;

export type WorkerState = "starting" | "connecting" | "running" | "stopping" | "stopped" | "crashed";

export interface WorkerDeps {
  transport: Transport;
  handlers: ReadonlyMap<string, MessageHandler>;
  meter: Meter;
  logger: Logger;
  config: WorkerConfig;
  /** The breaker the handlers' generator is guarded by: while it is open, consumption is held. */
  circuit?: GeneratorCircuit;
}

export interface WorkerHandle {
  readonly state: WorkerState;
  /** Running, and the broker answered within WORKER_READY_TTL_MS with no failure since. */
  readonly ready: boolean;
  /** Messages in flight right now (at most WORKER_CONCURRENCY). */
  readonly inFlight: number;
  /** Messages finished but not committable yet (behind an earlier unfinished one), summed over owned partitions. */
  readonly commitLag: number;
  health(): ComponentHealth;
  /**
   * Idempotent. Stops fetching, lets in-flight messages finish for up to `drainMs` (default SHUTDOWN_TIMEOUT_MS),
   * then abandons them uncommitted: they are redelivered, never lost.
   */
  stop(drainMs?: number): Promise<void>;
}

/**
 * Starts the consumer loop in the background and returns at once: with the broker down the HTTP side keeps serving,
 * the loop keeps retrying, and `health()` says why the worker is not ready.
 */
export function startWorker(deps: WorkerDeps, signal: AbortSignal): WorkerHandle {
  const { config, transport } = deps;
  const logger = deps.logger.child({ component: "worker" });
  let state: WorkerState = "starting";
  let reason: string | undefined;
  const setState = (next: WorkerState, why?: string) => {
    if (next !== state) logger.info({ from: state, to: next, reason: why }, "worker %s", next);
    state = next;
    reason = why;
  };

  const abandon = new AbortController(); // fired when the shutdown deadline passes
  const stopStarting = new AbortController(); // fired when stop() begins: nothing in flight while starting
  const processor = createMessageProcessor({
    handlers: deps.handlers,
    metrics: createWorkerMetrics(deps.meter, config.groupId, {
      lag: async () => (await Promise.all(config.topics.map((t) => transport.lag(config.groupId, t)))).flat(),
      activeTasks: () => consumer.inFlight(),
      inFlightLimit: config.concurrency,
      commitLag: () => consumer.commitLag(),
      circuitState: () => CIRCUIT_STATE_VALUES[deps.circuit?.state() ?? "closed"],
    }),
    logger,
    maxMessageBytes: config.maxMessageBytes,
    maxAttempts: config.maxAttempts,
    signal: abandon.signal,
  });
  const liveness = brokerLiveness(config.readyTtlMs, () => processor.activeTasks());
  const consumer = transport.consumer({
    groupId: config.groupId,
    topics: config.topics,
    concurrency: config.concurrency,
    revokeDeadlineMs: config.sessionTimeoutMs,
    sessionTimeoutMs: config.sessionTimeoutMs,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
  });

  // Open: stop fetching and starting messages (those in flight wait for the circuit). Half-open: the waiting messages
  // probe; with none waiting (they were revoked), new messages must come in to probe. Closed: consume again.
  deps.circuit?.onChange((next) => {
    if (next === "open") consumer.hold();
    else if (next === "closed" || deps.circuit?.waiting() === 0) consumer.release();
  });

  const onConsumerState = (next: ConsumerState, why?: string) => {
    if (state === "stopping" || state === "stopped") return;
    setState(next === "stopped" ? "crashed" : next, next === "stopped" ? "consumer loop ended unexpectedly" : why);
  };

  // Topics first (a fresh broker has none), retried with backoff until the broker answers or we stop.
  const topicsReady = retry(handleAll, {
    maxAttempts: Number.POSITIVE_INFINITY,
    backoff: new ExponentialBackoff({ initialDelay: 500, maxDelay: 15_000 }),
  });
  // Health details are public: they say what is wrong in fixed words; the broker's own message goes to the log.
  topicsReady.onRetry(({ delay, ...outcome }) => {
    setState("connecting", "cannot ensure topics: broker unreachable");
    logger.warn(
      { retryInMs: delay, err: "error" in outcome ? outcome.error : undefined },
      "cannot ensure topics; retrying",
    );
  });
  const startup = (async () => {
    setState("connecting");
    // Raced with stop(): a connect attempt in flight must not hold shutdown up.
    const changes = await unlessAborted(
      topicsReady.execute(
        () => transport.ensureTopics(topicSpecs(config.requestPartitions, config.topicPrefix)),
        stopStarting.signal,
      ),
      stopStarting.signal,
    );
    logger.info(changes, "topics ensured");
    await consumer.start(processor.process, {
      onState: onConsumerState,
      onPoll: liveness.fetched,
      onBrokerLost: liveness.brokerLost,
    });
  })().catch((error) => {
    if (!stopStarting.signal.aborted) setState("crashed", (error as Error).message);
  });

  let stopping: Promise<void> | undefined;
  const handle: WorkerHandle = {
    get state() {
      return state;
    },
    get inFlight() {
      return consumer.inFlight();
    },
    get commitLag() {
      return consumer.commitLag().reduce((n, p) => n + p.lag, 0);
    },
    get ready() {
      return state === "running" && liveness.problem() === undefined;
    },
    health() {
      const ready = handle.ready;
      const circuit = deps.circuit?.state() ?? "closed";
      // An open circuit is an upstream outage: the worker is degraded, not broken (restarting it would not help).
      const degraded = circuit !== "closed";
      const detail = !ready
        ? state === "running"
          ? liveness.problem()
          : (reason ?? state)
        : degraded
          ? `circuit ${circuit}: the generator is failing; consumption paused`
          : "running";
      return { ready, detail, state, transport: transport.kind, circuit, paused: consumer.held(), degraded };
    },
    stop(drainMs = config.shutdownTimeoutMs) {
      stopping ??= (async () => {
        setState("stopping");
        stopStarting.abort();
        deps.circuit?.stopWaiting(); // messages waiting for the circuit are left for redelivery
        const stopped = (async () => {
          await startup;
          await consumer.stop();
        })();
        try {
          await withDeadline(stopped, drainMs, "worker drain");
        } catch (error) {
          if (!(error instanceof DeadlineExceededError)) throw error;
          logger.warn(
            { active: processor.activeTasks() },
            "in-flight messages abandoned at the deadline; they will be redelivered",
          );
          abandon.abort(error);
          await withDeadline(stopped, ABANDON_GRACE_MS, "worker disconnect").catch((e) =>
            logger.error({ err: e }, "worker did not disconnect"),
          );
        } finally {
          abandon.abort();
          setState("stopped");
        }
      })();
      return stopping;
    },
  };
  signal.addEventListener("abort", () => void handle.stop(), { once: true });
  return handle;
}
