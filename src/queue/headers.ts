/**
 * Headers the worker reads and writes on the retry and dead-letter paths. Values are strings; times are ISO 8601
 * UTC except `not_before`, epoch milliseconds (compared, never shown).
 */
export const HEADERS = {
  /** 1 on the first delivery; the retry topic carries the number of the attempt it is for. */
  attempt: "attempt",
  /** Epoch ms before which a retry must not run. */
  notBefore: "not_before",
  /** `code: message` of the first failure, kept through every retry. */
  firstError: "first_error",
  /** Where the message was first read: kept through the retry topic, so the DLQ names the real origin. */
  originalTopic: "original_topic",
  originalPartition: "original_partition",
  originalOffset: "original_offset",
  originalTimestamp: "original_timestamp",
  /** Dead-letter provenance. */
  consumerGroup: "consumer_group",
  attempts: "attempts",
  errorCode: "error_code",
  errorClass: "error_class",
  errorMessage: "error_message",
  failedAt: "failed_at",
  /** Set by `dlq replay`: the message had been dead-lettered and counted failed; a success now counts instead. */
  replayedAt: "replayed_at",
} as const;

/** The headers of the retry and dead-letter paths; a replay or a republish starts without them. */
const FAILURE_HEADERS = new Set<string>(Object.values(HEADERS));

/** The message's own headers (traceparent...), without the worker's retry and dead-letter bookkeeping. */
export function ownHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !FAILURE_HEADERS.has(name)));
}
