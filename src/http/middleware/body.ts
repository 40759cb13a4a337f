import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { errorBody } from "./errors";

/**
 * Every request body the API takes is a small JSON document. A larger one is refused with a 413 in the error shape,
 * before it is parsed: at once from its Content-Length, or, for a chunked body, as soon as the stream passes the
 * limit (reading stops there; memory stays flat whatever the client keeps sending).
 */
const MAX_BODY_BYTES = 16 * 1024;

const tooLarge = (c: Context) =>
  c.json(errorBody("payload_too_large", `request bodies are limited to ${MAX_BODY_BYTES} bytes`), 413);

export const limitBody = (): MiddlewareHandler => bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });

/** The client went away, or Bun refused the rest of its bytes: nothing of the request may take effect. */
class ClientClosedError extends Error {
  constructor() {
    super("the client closed the request");
  }
}

/**
 * Reads the whole body before anything else runs (limited by `limitBody`, which must come first), then lets Bun's
 * parser finish the bytes that came with it (one timer turn, about a millisecond, only for requests with a body)
 * before the request may write. Bun 1.4.4 ends a chunked body at its last-chunk line and parses what follows
 * (trailer fields such as `Content-Length: 5`) as the next request: it answers that 400 itself and closes the
 * connection, and this request's signal aborts only after its body resolved. A client that half-closes its socket
 * after the body is aborted the same way (Bun never answers it). Without the wait, the route would record and
 * publish a request whose client was told 400, or nothing.
 */
export function wholeBodyFirst(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.raw.body) {
      await c.req.text();
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (c.req.raw.signal.aborted) throw new ClientClosedError();
    }
    await next();
  };
}
