import { ConstantBackoff, handleWhen, retry } from "cockatiel";
import { AppError, UnavailableError } from "../errors";
import { traceIdOf } from "../queue/messages";
import type { Envelope } from "../queue/transport";
import type { Logger } from "../telemetry/logger";
import { CIRCUIT_OPEN_CODE } from "./circuit";
import type { DlqGuard } from "./dlq-guard";
import { attemptOf, type FailureRouter, idsFromValue } from "./failure-routing";
import { describeFailure } from "./failures";
import type { HandlerContext, MessageHandler } from "./handlers";
import type { MalformedReason, WorkerMetrics } from "./metrics";

/** Messages without `message_type` are problem-generation requests. */
const DEFAULT_MESSAGE_TYPE = "problem_generation";

export interface ProcessorOptions {
  handlers: ReadonlyMap<string, MessageHandler>;
  metrics: WorkerMetrics;
  logger: Logger;
  /** Larger values are rejected unread as `oversized`. */
  maxMessageBytes: number;
  /** Where failed messages go: the retry or the dead-letter topic. */
  router: Pick<FailureRouter, "route" | "deadLetter">;
  guard: Pick<DlqGuard, "passed">;
  /** Aborted when shutdown stops waiting for in-flight messages. */
  signal: AbortSignal;
}

class Malformed extends Error {
  constructor(
    readonly reason: MalformedReason,
    message: string,
  ) {
    super(message);
  }
}

function decode(envelope: Envelope, options: ProcessorOptions): { handler: MessageHandler; message: unknown } {
  const bytes = envelope.value?.byteLength ?? 0;
  if (bytes > options.maxMessageBytes)
    throw new Malformed("oversized", `${bytes} bytes exceeds ${options.maxMessageBytes}`);
  let json: unknown;
  try {
    json = JSON.parse(envelope.value?.toString("utf8") ?? "");
  } catch (error) {
    throw new Malformed("not_json", (error as Error).message);
  }
  const type = (json as { message_type?: unknown } | null)?.message_type ?? DEFAULT_MESSAGE_TYPE;
  const handler = typeof type === "string" ? options.handlers.get(type) : undefined;
  if (!handler) throw new Malformed("unknown_type", `no handler for message_type ${JSON.stringify(type)}`);
  const parsed = handler.schema.safeParse(json);
  if (!parsed.success) {
    throw new Malformed(
      "schema_invalid",
      parsed.error.issues.map((i) => `${i.path.join(".") || "(value)"}: ${i.message}`).join("; "),
    );
  }
  return { handler, message: parsed.data };
}

/** Stopped while waiting for the generator's circuit to close: not an attempt, and not this message's fault. */
const isCircuitHold = (error: unknown) => (error as { code?: unknown } | null)?.code === CIRCUIT_OPEN_CODE;
const isRetryable = (error: unknown) =>
  !isCircuitHold(error) && (error as { retryable?: unknown } | undefined)?.retryable === true;
/** A lost database (the repositories raise UnavailableError): the message is not at fault. */
const isDatabaseOutage = (error: unknown) => error instanceof UnavailableError;

/**
 * One quick retry in place stays, for a blip (a dropped connection, a 502) that asks for no wait: cheaper than a
 * round trip through the retry topic, and it holds no partition (other messages of it run meanwhile). Anything that
 * asks to wait longer (a 429 with Retry-After) goes to the retry topic at once instead of sitting in a slot.
 */
const QUICK_RETRY_MAX_WAIT_MS = 1000;
const QUICK_RETRY_DELAY_MS = 200;
const quickRetry = retry(
  handleWhen(
    (error) =>
      isRetryable(error) && Number((error as { retryAfterMs?: unknown }).retryAfterMs ?? 0) <= QUICK_RETRY_MAX_WAIT_MS,
  ),
  { maxAttempts: 1, backoff: new ConstantBackoff(QUICK_RETRY_DELAY_MS) },
);

/**
 * Builds the function the queue consumer calls per message. A failing message is routed, not dropped: a transient
 * failure to the retry topic, a permanent one or poison to the dead-letter topic (and the handler records it), and
 * it resolves once the broker acknowledged that publish, so the offset is committed only then. It rejects, leaving
 * the message uncommitted for redelivery, only when it is abandoned (shutdown, or its partition went to another
 * consumer), held by the DLQ guard, or the database is down: then the message is not at fault, and routing it
 * would burn its attempts.
 */
export function createMessageProcessor(options: ProcessorOptions) {
  let active = 0;
  const { router, guard } = options;

  async function process(envelope: Envelope, revoked?: AbortSignal): Promise<void> {
    const signal = revoked ? AbortSignal.any([options.signal, revoked]) : options.signal;
    const where = { topic: envelope.topic, partition: envelope.partition, offset: envelope.offset };
    const startedAt = performance.now();
    const seconds = () => (performance.now() - startedAt) / 1000;
    let decoded: ReturnType<typeof decode>;
    try {
      decoded = decode(envelope, options);
    } catch (error) {
      if (!(error instanceof Malformed)) throw error;
      options.metrics.malformed(envelope.topic, error.reason);
      options.logger.warn({ ...where, reason: error.reason, detail: error.message }, "malformed message dead-lettered");
      const poison = { class: "poison", code: error.reason, message: error.message } as const;
      await router.deadLetter(envelope, poison, idsFromValue(envelope.value), signal);
      return;
    }
    const { handler, message } = decoded;
    const ids = message as { message_id?: string; generation_request_id?: string };
    const context: HandlerContext = {
      envelope,
      signal,
      logger: options.logger.child({
        ...where,
        message_type: handler.type,
        message_id: ids.message_id,
        generation_request_id: ids.generation_request_id,
        attempt: attemptOf(envelope),
        trace_id: traceIdOf(envelope.headers.traceparent),
      }),
    };
    active += 1;
    try {
      const outcome = await quickRetry.execute(() => handler.handle(message, context), signal);
      if (outcome === "skipped") options.metrics.skipped(envelope.topic);
      else options.metrics.processed(envelope.topic, seconds());
      guard.passed(envelope.topic, envelope.partition);
    } catch (error) {
      // Abandoned at shutdown or after a revoke, or stopped while the circuit held it: stay uncommitted, come back later.
      if (signal.aborted || isCircuitHold(error)) throw error;
      if (isDatabaseOutage(error)) {
        options.metrics.failed(envelope.topic, "database_unavailable", seconds());
        // Expected during an outage, and its cause is known: no stack.
        context.logger.warn(
          { error_type: "database_unavailable" },
          "database unavailable: message left for redelivery",
        );
        throw error;
      }
      const failure = describeFailure(error);
      options.metrics.failed(envelope.topic, failure.code, seconds());
      // A classified error (unknown request, LLM refusal...) is expected: its code says it all, a stack would not.
      if (error instanceof AppError)
        context.logger.warn(
          { error_type: failure.code, error_class: failure.class, reason: error.message },
          "message failed",
        );
      else context.logger.error({ err: error, error_type: failure.code }, "message failed");
      const routed = await router.route(
        envelope,
        failure,
        { messageId: ids.message_id, generationRequestId: ids.generation_request_id },
        signal,
      );
      if (routed === "dead_lettered") await recordFailure(handler, message, error, context);
    } finally {
      active -= 1;
    }
  }

  /** The handler's own record of a dead-lettered message (failed_count); idempotent per message id. */
  async function recordFailure(handler: MessageHandler, message: unknown, error: unknown, context: HandlerContext) {
    try {
      await handler.onFailure?.(message, error, context);
    } catch (recordError) {
      if (isDatabaseOutage(recordError)) throw recordError;
      // Anything else would fail the same way on every redelivery: move on rather than loop on the message.
      context.logger.error({ err: recordError }, "could not record the failure; message skipped");
    }
  }

  return { process, activeTasks: () => active };
}
