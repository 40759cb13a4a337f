import { logLevel as KafkaLogLevel, type LogEntry } from "kafkajs";
import type { Logger } from "../telemetry/logger";

/**
 * Warnings about choices made on purpose (the idempotent producer's bounded retries, see kafka.ts): logged at
 * debug, or every start would report them as problems.
 */
const CHOSEN_BEHAVIOUR_WARNINGS = ["Limiting retries for the idempotent producer"];

/** A kafkajs line already written is not repeated for this long; the next one says how many were held back. */
const KAFKA_LOG_REPEAT_MS = 30_000;

/**
 * Routes kafkajs' own logging through pino (JSON on stdout, like every other line), at warn: what kafkajs calls an
 * error is a retry or a lost connection it recovers from, and the worker's readiness and the transitions it logs
 * say whether that matters. During an outage kafkajs repeats the same line at every retry, so each distinct
 * message is written at most once per KAFKA_LOG_REPEAT_MS. Its info lines are per-connection noise and dropped.
 */
export function kafkaLogCreator(logger: Logger, repeatMs = KAFKA_LOG_REPEAT_MS, clock: () => number = Date.now) {
  const lastWritten = new Map<string, { at: number; heldBack: number }>();
  return () =>
    ({ level, log }: LogEntry) => {
      if (level !== KafkaLogLevel.ERROR && level !== KafkaLogLevel.WARN) return;
      // The stack of a retried network error says nothing the message does not.
      const { message, stack: _stack, timestamp: _timestamp, ...rest } = log as LogEntry["log"] & { stack?: string };
      if (CHOSEN_BEHAVIOUR_WARNINGS.some((known) => message.startsWith(known))) {
        logger.debug({ kafka: rest }, message);
        return;
      }
      const key = `${log.logger ?? ""}\u0000${message}`;
      const now = clock();
      const seen = lastWritten.get(key);
      if (seen && now - seen.at < repeatMs) {
        seen.heldBack++;
        return;
      }
      lastWritten.set(key, { at: now, heldBack: 0 });
      const heldBack = seen?.heldBack ? { repeated_since_last_line: seen.heldBack } : {};
      logger.warn({ kafka: rest, ...heldBack }, message);
    };
}
