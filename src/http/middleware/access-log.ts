import type { MiddlewareHandler } from "hono";
import type { Logger } from "../../telemetry/logger";
import { routeTemplate } from "./route-template";

/** One structured line per request, carrying the request id that hono's requestId middleware set and echoes back. */
export function accessLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const startedAt = performance.now();
    await next();
    const status = c.res.status;
    const line = {
      request_id: c.get("requestId"),
      method: c.req.method,
      // Absent when no route matched.
      route: routeTemplate(c),
      path: c.req.path,
      status,
      duration_ms: Math.round((performance.now() - startedAt) * 10) / 10,
    };
    // A 503 is an expected answer (a dependency is down, the outage is logged once elsewhere) and a client that
    // went away is not our failure: neither is an error. Any other 5xx is.
    if (c.req.raw.signal.aborted) logger.info({ ...line, client_aborted: true }, "request abandoned by the client");
    else if (status === 503) logger.warn(line, "request refused");
    else if (status >= 500) logger.error(line, "request failed");
    else logger.info(line, "request");
  };
}
