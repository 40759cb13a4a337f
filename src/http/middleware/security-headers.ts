import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/** JSON answers load nothing and are never framed. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * nosniff, no referrer, no framing (X-Frame-Options and CSP frame-ancestors), HSTS in production, and the strictest
 * CSP for every answer that did not set its own (the docs and console pages do).
 */
export function securityHeaders(production: boolean): MiddlewareHandler {
  const base = secureHeaders({
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    xContentTypeOptions: "nosniff",
    strictTransportSecurity: production ? "max-age=31536000; includeSubDomains" : false,
    crossOriginResourcePolicy: "same-origin",
    crossOriginOpenerPolicy: "same-origin",
  });
  return async (c, next) => {
    await base(c, async () => {
      await next();
      if (!c.res.headers.has("Content-Security-Policy")) c.res.headers.set("Content-Security-Policy", API_CSP);
    });
  };
}
