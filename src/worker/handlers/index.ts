import type { MessageHandler } from "./handler";

export type { HandlerContext, MessageHandler } from "./handler";

/** Every handler the worker dispatches to, keyed by `message_type`. */
export function handlerRegistry(handlers: readonly MessageHandler[]): ReadonlyMap<string, MessageHandler> {
  const registry = new Map<string, MessageHandler>();
  for (const handler of handlers) {
    if (registry.has(handler.type)) throw new Error(`two handlers for message_type "${handler.type}"`);
    registry.set(handler.type, handler);
  }
  return registry;
}
