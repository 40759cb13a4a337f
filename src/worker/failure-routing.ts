import { ExponentialBackoff, handleAll, retry } from "cockatiel";
import type { DeadLettersRepository } from "../db/repositories/dead-letters";
import { HEADERS, ownHeaders } from "../queue/headers";
import type { Envelope, PublishedMessage, Publisher } from "../queue/transport";
import type { Logger } from "../telemetry/logger";
import type { DlqGuard } from "./dlq-guard";
import type { Failure } from "./failures";
import type { WorkerMetrics } from "./metrics";

export interface FailureRoutingOptions {
  publisher: Publisher;
  topics: { retry: string; dlq: string };
  groupId: string;
  /** Deliveries of a transiently failing message, the first included, before it is dead-lettered. */
  maxAttempts: number;
  backoff: { baseMs: number; maxMs: number };
  deadLetters: DeadLettersRepository;
  guard: DlqGuard;
  metrics: WorkerMetrics;
  logger: Logger;
  /** Fires when the worker starts stopping: a message held by the guard lets go (uncommitted, redelivered). */
  stopping: AbortSignal;
}

/** What a message's value says about itself, when it can be read: for `dlq list --request` and replays. */
export interface MessageIds {
  messageId?: string;
  generationRequestId?: string;
}

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;
/** Header values stay readable in a console; the database copy keeps the same text. */
const MAX_ERROR_MESSAGE = 1000;

/** The attempt this delivery is: 1 unless the retry topic says otherwise (an unreadable header counts as 1). */
export function attemptOf(envelope: Envelope): number {
  const n = Number(envelope.headers[HEADERS.attempt]);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/**
 * The wait before `attempt` (2 or more): full jitter over an exponential ceiling, random in [0, min(max, base ×
 * 2^(attempt-2))], so retries of many messages failing together spread out; never sooner than the upstream asked.
 */
function backoffMs(attempt: number, backoff: { baseMs: number; maxMs: number }, retryAfterMs = 0): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 2));
  return Math.max(Math.floor(Math.random() * ceiling), retryAfterMs);
}

/** Where the message was first read: its own position, or the one the retry topic carried along. */
function originOf(envelope: Envelope) {
  const h = envelope.headers;
  if (h[HEADERS.originalTopic] !== undefined)
    return {
      topic: h[HEADERS.originalTopic] as string,
      partition: Number(h[HEADERS.originalPartition]),
      offset: Number(h[HEADERS.originalOffset]),
      timestamp: h[HEADERS.originalTimestamp] ?? "",
    };
  const ms = Number(envelope.timestamp);
  return {
    topic: envelope.topic,
    partition: envelope.partition,
    offset: Number(envelope.offset),
    timestamp: Number.isFinite(ms) ? new Date(ms).toISOString() : "",
  };
}

function originHeaders(origin: ReturnType<typeof originOf>): Record<string, string> {
  return {
    [HEADERS.originalTopic]: origin.topic,
    [HEADERS.originalPartition]: String(origin.partition),
    [HEADERS.originalOffset]: String(origin.offset),
    [HEADERS.originalTimestamp]: origin.timestamp,
  };
}

/** Best effort, for poison too: the ids a readable value names, if any. */
export function idsFromValue(value: Buffer | null): MessageIds {
  try {
    const json = JSON.parse(value?.toString("utf8") ?? "") as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === "string" && v.length <= 200 ? v : undefined);
    const requestId = text(json?.generation_request_id);
    return {
      messageId: text(json?.message_id),
      generationRequestId: requestId && UUID.test(requestId) ? requestId : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * Where a failed message goes. A transient failure below MAX_ATTEMPTS is republished to the retry topic with its
 * next attempt number and `not_before`; anything else is published to the dead-letter topic with its provenance,
 * then copied to the database. Both publishes are retried until the broker acknowledges (or the message is
 * abandoned): the caller lets the original offset be committed only after that.
 */
export function createFailureRouter(options: FailureRoutingOptions) {
  const { topics, guard, metrics } = options;
  const logger = options.logger.child({ component: "failure-routing" });
  const untilAcknowledged = retry(handleAll, {
    maxAttempts: Number.POSITIVE_INFINITY,
    backoff: new ExponentialBackoff({ initialDelay: 200, maxDelay: 5000 }),
  });
  untilAcknowledged.onRetry(({ delay, ...outcome }) =>
    logger.warn({ retryInMs: delay, err: "error" in outcome ? outcome.error : undefined }, "publish failed; retrying"),
  );
  const publish = (topic: string, message: PublishedMessage, signal: AbortSignal) =>
    untilAcknowledged.execute(() => options.publisher.publish(topic, [message]), signal);

  /** Never resolves: rejects when the message is abandoned or the worker stops, leaving it uncommitted. */
  function hold(signal: AbortSignal): Promise<never> {
    const either = AbortSignal.any([signal, options.stopping]);
    return new Promise((_, reject) => {
      const release = () => reject(new Error("held by the dead-letter guard"));
      if (either.aborted) release();
      else either.addEventListener("abort", release, { once: true });
    });
  }

  async function deadLetter(envelope: Envelope, failure: Failure, ids: MessageIds, signal: AbortSignal) {
    if (!guard.admit(envelope.topic, envelope.partition)) {
      logger.error(
        { reason: guard.tripped(), topic: envelope.topic, partition: envelope.partition, offset: envelope.offset },
        "dead-letter refused; message held",
      );
      await hold(signal);
    }
    const attempts = attemptOf(envelope);
    const origin = originOf(envelope);
    const errorMessage = failure.message.slice(0, MAX_ERROR_MESSAGE);
    const own = ownHeaders(envelope.headers);
    const first = envelope.headers[HEADERS.firstError];
    await publish(
      topics.dlq,
      {
        key: envelope.key,
        value: envelope.value,
        headers: {
          ...own,
          ...originHeaders(origin),
          [HEADERS.consumerGroup]: options.groupId,
          [HEADERS.attempts]: String(attempts),
          [HEADERS.errorCode]: failure.code,
          [HEADERS.errorClass]: failure.class,
          [HEADERS.errorMessage]: errorMessage,
          [HEADERS.failedAt]: new Date().toISOString(),
          ...(first === undefined ? {} : { [HEADERS.firstError]: first }),
        },
      },
      signal,
    );
    metrics.deadLettered(envelope.topic, failure.code);
    await options.deadLetters.record({
      originalTopic: origin.topic,
      originalPartition: origin.partition,
      originalOffset: origin.offset,
      consumerGroup: options.groupId,
      messageKey: envelope.key,
      valueBase64: (envelope.value ?? Buffer.alloc(0)).toString("base64"),
      headers: own,
      messageId: ids.messageId,
      generationRequestId: ids.generationRequestId,
      errorCode: failure.code,
      errorClass: failure.class,
      errorMessage,
      attempts,
    });
  }

  return {
    deadLetter,

    /** Retry topic or DLQ, by class and attempt. */
    async route(envelope: Envelope, failure: Failure, ids: MessageIds, signal: AbortSignal) {
      const attempt = attemptOf(envelope);
      if (failure.class !== "transient" || attempt >= options.maxAttempts) {
        await deadLetter(envelope, failure, ids, signal);
        return "dead_lettered" as const;
      }
      const waitMs = backoffMs(attempt + 1, options.backoff, failure.retryAfterMs);
      await publish(
        topics.retry,
        {
          key: envelope.key,
          value: envelope.value,
          headers: {
            ...ownHeaders(envelope.headers),
            ...originHeaders(originOf(envelope)),
            [HEADERS.attempt]: String(attempt + 1),
            [HEADERS.notBefore]: String(Date.now() + waitMs),
            [HEADERS.firstError]:
              envelope.headers[HEADERS.firstError] ?? `${failure.code}: ${failure.message}`.slice(0, MAX_ERROR_MESSAGE),
            ...(envelope.headers[HEADERS.replayedAt] === undefined
              ? {}
              : { [HEADERS.replayedAt]: envelope.headers[HEADERS.replayedAt] as string }),
          },
        },
        signal,
      );
      metrics.retried(envelope.topic, failure.code);
      guard.passed(envelope.topic, envelope.partition);
      return "retried" as const;
    },

    /** A retry's `not_before`, for the consumer's `startAt`; everything waits once the guard tripped. */
    startAt(envelope: Envelope): number | undefined {
      if (guard.tripped()) return Number.POSITIVE_INFINITY;
      const at = Number(envelope.headers[HEADERS.notBefore]);
      return Number.isFinite(at) ? at : undefined;
    },
  };
}

export type FailureRouter = ReturnType<typeof createFailureRouter>;
