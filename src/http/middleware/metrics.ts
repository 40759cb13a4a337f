import type { Meter } from "@opentelemetry/api";
import type { MiddlewareHandler } from "hono";
import { INSTRUMENTS, instrumentFactory } from "../../telemetry/instruments";
import { routeTemplate } from "./route-template";

/**
 * Records `http.server.request.duration` with the route template (`/api/v1/problems/:id`), never the raw path,
 * so ids do not explode the series count. Requests that matched no route carry no `http.route`.
 */
export function httpMetrics(meter: Meter): MiddlewareHandler {
  const duration = instrumentFactory(meter).createHistogram(INSTRUMENTS.httpDuration);
  return async (c, next) => {
    const startedAt = performance.now();
    try {
      await next();
    } finally {
      const route = routeTemplate(c);
      duration.record((performance.now() - startedAt) / 1000, {
        "http.request.method": c.req.method,
        "http.response.status_code": c.res.status,
        ...(route ? { "http.route": route } : {}),
      });
    }
  };
}
