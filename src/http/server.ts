import type { Server } from "bun";
import type { Logger } from "../telemetry/logger";
import { limitHeaderSize } from "./middleware/header-size";
import { type Fetch, requireHost, serverErrorHandler } from "./middleware/host";

/**
 * The HTTP server around the app, with the edges Bun itself owns set so the error contract holds as far as Bun
 * 1.4.4 lets it:
 * - `maxRequestBodySize` is lifted: Bun's own 413 (over 128 MiB by default) has an empty body, so every size is left
 *   to the app's body limit, which answers 413 in the error shape (see middleware/body.ts).
 * - oversized heads are answered 431 by the app below Bun's ceiling (middleware/header-size.ts).
 * - a missing or invalid Host is a 400 before routing (middleware/host.ts).
 *
 * What Bun's parser still answers itself, with no body and before any handler (the `error` callback only sees
 * exceptions thrown by `fetch`): a malformed request line (`505`, or `400`), HTTP/1.1 without Host (`400`), a head
 * over `--max-http-header-size` (`431`), malformed framing (`400`), and an unknown method (the connection is closed
 * without an answer). Bun.serve has no hook for these; upstream: oven-sh/bun pull request #35299 (Date and
 * Content-Length on those answers, 414 and 501; closed unmerged, its issue #6556 still open).
 */
export function serveHttp(
  fetch: Fetch,
  options: { port: number; hostname: string; logger: Logger; idleTimeoutS?: number },
): Server<undefined> {
  return Bun.serve({
    port: options.port,
    hostname: options.hostname,
    fetch: limitHeaderSize(requireHost(fetch)),
    error: serverErrorHandler(options.logger),
    maxRequestBodySize: Number.MAX_SAFE_INTEGER,
    ...(options.idleTimeoutS ? { idleTimeout: options.idleTimeoutS } : {}),
  });
}
