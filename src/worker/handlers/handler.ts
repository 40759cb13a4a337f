import type { z } from "zod";
import type { Envelope } from "../../queue/transport";
import type { Logger } from "../../telemetry/logger";

export interface HandlerContext {
  envelope: Envelope;
  /** Aborted when shutdown gives up waiting: stop and throw, the message will be redelivered. */
  signal: AbortSignal;
  logger: Logger;
}

/** Turns one kind of message into its effect. The `message_type` field of the JSON value picks the handler. */
export interface MessageHandler<T = unknown> {
  readonly type: string;
  readonly schema: z.ZodType<T>;
  /** Resolves "skipped" when the message had already been handled (a redelivery): counted apart from processed. */
  handle(message: T, context: HandlerContext): Promise<undefined | "skipped">;
  /** Called once when the message has failed for good (after retries), before its offset is committed. */
  onFailure?(message: T, error: unknown, context: HandlerContext): Promise<void>;
}

/** Type-erases a handler for the registry while keeping `schema` and `handle` consistent at definition time. */
export function defineHandler<T>(handler: MessageHandler<T>): MessageHandler {
  return handler as unknown as MessageHandler;
}
