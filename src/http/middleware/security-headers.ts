import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { DOCS_CSP } from "../routes/docs";

/** JSON answers load nothing and are never framed. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * nosniff, no referrer, no framing (X-Frame-Options and CSP frame-ancestors), HSTS in production, and a CSP per
 * kind of answer: the docs page gets its own, everything else the strictest.
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
      c.res.headers.set("Content-Security-Policy", c.req.path.startsWith("/docs") ? DOCS_CSP : API_CSP);
    });
  };
}
