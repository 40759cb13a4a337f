import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

export type { Logger };

/**
 * Paths that may carry credentials. pino censors them wherever a log call passes such an object, so a careless
 * `log.info({ config })` cannot leak a key.
 */
const REDACTED_PATHS = [
  "apiKey",
  "*.apiKey",
  "*.*.apiKey",
  "password",
  "*.password",
  "authorization",
  "*.authorization",
  "*.headers.authorization",
  "headers.authorization",
  "*.headers['x-api-key']",
  "headers['x-api-key']",
  "database.url",
  "*.database.url",
];

export interface LoggerOptions {
  level: string;
  /** Human-readable output for a terminal; JSON lines otherwise. */
  pretty: boolean;
  /** Where lines go; tests pass a collecting stream. Default stdout. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  // pino-pretty as a plain stream, not a transport: transports run in worker threads that Bun handles less reliably.
  const destination =
    options.destination ??
    (options.pretty ? pretty({ colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname" }) : undefined);
  return pino(
    {
      level: options.level,
      base: { service: "language-quiz-service" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination as DestinationStream,
  );
}
