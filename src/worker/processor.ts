import { DelegateBackoff, handleWhen, type IRetryBackoffContext, retry } from "cockatiel";
import { AppError, UnavailableError } from "../errors";
import { traceIdOf } from "../queue/messages";
import type { Envelope } from "../queue/transport";
import type { Logger } from "../telemetry/logger";
import { CIRCUIT_OPEN_CODE } from "./circuit";
import type { HandlerContext, MessageHandler } from "./handlers";
import type { MalformedReason, WorkerMetrics } from "./metrics";

/** Messages without `message_type` are problem-generation requests. */
export const DEFAULT_MESSAGE_TYPE = "problem_generation";

export interface ProcessorOptions {
  handlers: ReadonlyMap<string, MessageHandler>;
  metrics: WorkerMetrics;
  logger: Logger;
  /** Larger values are rejected unread as `oversized`. */
  maxMessageBytes: number;
  /** In-process attempts for an error that says it is retryable, before the failure is final. */
  maxAttempts: number;
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

const RETRY_BASE_MS = 200;
const RETRY_MAX_MS = 30_000;

/** Exponential with jitter, but never sooner than the upstream asked (`retryAfterMs`, e.g. from a 429's Retry-After). */
const retryDelay = new DelegateBackoff((context: IRetryBackoffContext<unknown>) => {
  const exponential = RETRY_BASE_MS * 2 ** (context.attempt - 1) * (0.5 + Math.random() / 2);
  const asked =
    "error" in context.result ? Number((context.result.error as { retryAfterMs?: unknown }).retryAfterMs ?? 0) : 0;
  return Math.min(RETRY_MAX_MS, Math.max(exponential, Number.isFinite(asked) ? asked : 0));
});

/**
 * Builds the function the queue consumer calls per message. It does not reject for a bad or failing message, so the
 * offset is committed and the partition moves on (a poison message is logged and counted, not re-read forever).
 * It rejects, leaving the message uncommitted for redelivery, only when it is abandoned (shutdown, or its partition
 * went to another consumer) or the database is
 * down: then the message is not at fault, and counting it as failed would lose work.
 */
export function createMessageProcessor(options: ProcessorOptions) {
  let active = 0;
  const attempts = retry(handleWhen(isRetryable), {
    maxAttempts: Math.max(0, options.maxAttempts - 1),
    backoff: retryDelay,
  });

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
      options.logger.warn({ ...where, reason: error.reason, detail: error.message }, "malformed message skipped");
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
        trace_id: traceIdOf(envelope.headers.traceparent),
      }),
    };
    active += 1;
    try {
      const outcome = await attempts.execute(() => handler.handle(message, context), signal);
      if (outcome === "skipped") options.metrics.skipped(envelope.topic);
      else options.metrics.processed(envelope.topic, seconds());
    } catch (error) {
      // Abandoned at shutdown or after a revoke, or stopped while the circuit held it: stay uncommitted, come back later.
      if (signal.aborted || isCircuitHold(error)) throw error;
      const errorType = isDatabaseOutage(error)
        ? "database_unavailable"
        : String((error as { code?: unknown }).code ?? (error as Error).name ?? "Error");
      options.metrics.failed(envelope.topic, errorType, seconds());
      if (isDatabaseOutage(error)) {
        // Expected during an outage, and its cause is known: no stack.
        context.logger.warn({ error_type: errorType }, "database unavailable: message left for redelivery");
        throw error;
      }
      // A classified error (unknown request, LLM refusal...) is expected: its code says it all, a stack would not.
      if (error instanceof AppError)
        context.logger.warn({ error_type: errorType, reason: error.message }, "message failed");
      else context.logger.error({ err: error, error_type: errorType }, "message failed");
      try {
        await handler.onFailure?.(message, error, context);
      } catch (recordError) {
        if (isDatabaseOutage(recordError)) throw recordError;
        // Anything else would fail the same way on every redelivery: move on rather than loop on the message.
        context.logger.error({ err: recordError }, "could not record the failure; message skipped");
      }
    } finally {
      active -= 1;
    }
  }

  return { process, activeTasks: () => active };
}
