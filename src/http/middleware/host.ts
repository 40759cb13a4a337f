import type { Server } from "bun";
import type { Logger } from "../../telemetry/logger";
import { errorBody } from "./errors";

/** A host name, an IPv4 address or a bracketed IPv6 address, with an optional port. */
const VALID_HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export type Fetch = (request: Request, server: Server<undefined>) => Response | Promise<Response>;

/**
 * Runs before routing. Without a usable Host header Bun hands over a URL built from the request target alone, and
 * its first path segment is taken for a host: `POST /x/api/v1/problems/generate` would reach the generate route.
 * Such requests are answered 400 here instead.
 */
export function requireHost(fetch: Fetch): Fetch {
  return (request, server) => {
    const host = request.headers.get("host");
    if (!host || host.length > 255 || !VALID_HOST.test(host))
      return Response.json(errorBody("invalid_host", "the request needs a valid Host header"), {
        status: 400,
        headers: { "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" },
      });
    return fetch(request, server);
  };
}

/** Bun.serve's last resort, for errors thrown outside the app: the error contract still holds. */
export function serverErrorHandler(logger: Logger) {
  return (error: Error) => {
    logger.error({ err: error }, "unhandled server error");
    return Response.json(errorBody("internal_error", "an unexpected error occurred"), { status: 500 });
  };
}
