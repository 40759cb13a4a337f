import type { GenerationRequestsRepository } from "../db/repositories/generation-requests";
import type { OutboxEntry } from "../db/repositories/outbox";
import type { Allowance } from "../db/repositories/usage-windows";
import type { GenerationRequestRow } from "../db/schema";
import { AppError, ValidationError } from "../errors";
import { assertPlannable } from "../problems/planner/plan-problem";
import type { GenerationConstraints, GrammaticalFocus } from "../problems/types";
import { generationMessages, traceIdOf, traceparentFor } from "../queue/messages";
import type { Logger } from "../telemetry/logger";

export interface GenerationInput {
  count: number;
  statementCount: number;
  focus?: GrammaticalFocus;
  constraints?: GenerationConstraints;
  topicTags?: string[];
  traceparent: string;
}

/** Who asks, and under which limits. */
export interface Caller {
  apiKeyId?: string;
  /** Allowances the request's problems are taken from (per key and global quotas). */
  allowances: readonly Allowance[];
  /** A repeated key returns the first request instead of creating another. */
  idempotencyKey?: string;
  /** Identifies the body the key was first used with; the same key with another body is refused. */
  fingerprint?: string;
}

/** A caller's request: as a generation input, with the trace header it arrived with (if any). */
export type CallerInput = Omit<GenerationInput, "traceparent"> & { traceparent?: string | null };

/**
 * Refuses, before anything is written, a request no problem can satisfy (a ValidationError naming the caller's
 * constraints), so a caller learns it now rather than from a request that fails item by item.
 */
function assertCallerPlannable(input: CallerInput): void {
  try {
    assertPlannable({
      focus: input.focus,
      statement_count: input.statementCount,
      constraints: input.constraints,
      topic_tags: input.topicTags,
    });
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(`json.constraints: ${error.message}`, error.code);
    throw error;
  }
}

/** How long the first answer to an Idempotency-Key is kept; after that the key starts a new request. */
const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export type Submitted =
  | { row: GenerationRequestRow; replayed: false }
  /** An earlier request with the same Idempotency-Key, and the answer it was given (status and exact body). */
  | { row: GenerationRequestRow; replayed: true; answer: { status: number; body: string } };

/** Postgres' unique_violation, wherever drizzle put the driver's error. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
    if ((e as { code?: unknown }).code === "23505") return true;
  return false;
}

export interface SubmitterDeps {
  requests: GenerationRequestsRepository;
  logger: Logger;
  /** The requests topic (prefixed per environment). */
  topic: string;
  /** Messages the outbox may hold before requests are refused (503 `queue_backlog_full`). */
  maxPending: number;
  /** Called once a request's messages are committed to the outbox: wakes this process' relay at once. */
  onEnqueued: () => void;
}

/**
 * Records generation requests. A request and its messages are written to the database in one transaction (the
 * transactional outbox); the relay (outbox-relay.ts) publishes them. Nothing waits for the broker: while it is
 * down, requests are accepted until the outbox backlog reaches `maxPending`, then refused with nothing written.
 */
export function generationSubmitter(deps: SubmitterDeps) {
  const outboxFor = (input: GenerationInput): OutboxEntry => ({
    topic: deps.topic,
    maxPending: deps.maxPending,
    messages: (requestId) =>
      generationMessages({
        requestId,
        count: input.count,
        focus: input.focus,
        statementCount: input.statementCount,
        constraints: input.constraints,
        topicTags: input.topicTags,
        traceparent: input.traceparent,
      }),
  });

  function enqueued(row: GenerationRequestRow, input: GenerationInput): GenerationRequestRow {
    deps.onEnqueued();
    deps.logger.info(
      { generation_request_id: row.id, count: input.count, origin: row.origin, trace_id: traceIdOf(input.traceparent) },
      "generation request recorded",
    );
    return row;
  }

  const describe = (input: GenerationInput) => ({
    statement_count: input.statementCount,
    ...(input.focus ? { focus: input.focus } : {}),
    ...(input.topicTags?.length ? { topic_tags: input.topicTags } : {}),
  });

  async function earlier(caller: Caller): Promise<Submitted | undefined> {
    if (!caller.idempotencyKey) return undefined;
    const row = await deps.requests.findByIdempotencyKey(
      caller.apiKeyId,
      caller.idempotencyKey,
      IDEMPOTENCY_KEY_TTL_MS,
    );
    if (!row) return undefined;
    if (row.idempotencyFingerprint !== (caller.fingerprint ?? null))
      throw new AppError(
        "idempotency_key_reused",
        "this Idempotency-Key was already used with a different request body",
      );
    // The first request with this key is still being recorded: its answer is not known yet.
    if (row.idempotentStatus === null || row.idempotentBody === null)
      throw new AppError(
        "idempotency_key_in_progress",
        "a request with this Idempotency-Key is still being processed; retry in a moment",
      );
    return { row, replayed: true, answer: { status: row.idempotentStatus, body: row.idempotentBody } };
  }

  return {
    /**
     * A caller's request: quotas are taken, and its messages written to the outbox, in the same transaction that
     * records it, so an over-quota request (LimitExceededError) or one over the outbox backlog (UnavailableError)
     * writes nothing.
     */
    async submit(request: CallerInput, caller: Caller): Promise<Submitted> {
      assertCallerPlannable(request);
      // The caller's trace continues in the worker; a request without a valid header starts a new trace.
      const input: GenerationInput = { ...request, traceparent: traceparentFor(request.traceparent) };
      const replay = await earlier(caller);
      if (replay) return replay;
      let row: GenerationRequestRow;
      try {
        row = await deps.requests.create(
          {
            origin: "api",
            requestedCount: input.count,
            constraints: input.constraints,
            metadata: describe(input),
            apiKeyId: caller.apiKeyId,
            idempotencyKey: caller.idempotencyKey,
            idempotencyFingerprint: caller.idempotencyKey ? caller.fingerprint : undefined,
          },
          caller.allowances,
          outboxFor(input),
        );
      } catch (error) {
        // The same key sent twice at once: the other request won the unique index; answer with it.
        const replayed = isUniqueViolation(error) ? await earlier(caller) : undefined;
        if (replayed) return replayed;
        throw error;
      }
      return { row: enqueued(row, input), replayed: false };
    },

    /**
     * Submits a pool refill unless one is already open (in any instance); undefined when one was. The refill is
     * exempt from callers' quotas but bounded by its own `ceiling`.
     */
    async submitRefill(input: GenerationInput, ceiling?: Allowance): Promise<GenerationRequestRow | undefined> {
      const row = await deps.requests.createRefillIfNoneOpen(input.count, ceiling, outboxFor(input));
      return row && enqueued(row, input);
    },
  };
}

export type GenerationSubmitter = ReturnType<typeof generationSubmitter>;
