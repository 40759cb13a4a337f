import { dirname, join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";

/**
 * The API reference UI, served from the pinned `@scalar/api-reference` package in node_modules (its version is the
 * lockfile's): no CDN, so it works offline and nothing third-party runs on this origin. Every script is a file of
 * this origin, so the page's CSP needs no inline script.
 */
// The package does not export its browser bundle: find it next to the package's own entry point.
const standalonePath = join(
  dirname(Bun.resolveSync("@scalar/api-reference", import.meta.dir)),
  "browser/standalone.js",
);

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>language-quiz-service API</title>
  </head>
  <body>
    <div id="app"></div>
    <script src="/docs/assets/scalar.js"></script>
    <script src="/docs/assets/init.js"></script>
  </body>
</html>
`;

// No default fonts (they come from a CDN) and no hosted proxy: the page talks to this origin only.
const INIT = `Scalar.createApiReference("#app", { url: "/openapi.json", withDefaultFonts: false, proxyUrl: undefined, telemetry: false });\n`;

/** The UI injects its styles at run time, hence `'unsafe-inline'` for styles only; scripts come from this origin. */
const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const cached = { "Cache-Control": "public, max-age=3600", "Content-Security-Policy": DOCS_CSP };

export function registerDocsRoutes(app: OpenAPIHono) {
  app.get("/docs", (c) => c.html(PAGE, 200, { "Content-Security-Policy": DOCS_CSP }));
  app.get("/docs/assets/init.js", (c) => c.body(INIT, 200, { "Content-Type": "text/javascript", ...cached }));
  app.get(
    "/docs/assets/scalar.js",
    () => new Response(Bun.file(standalonePath), { headers: { "Content-Type": "text/javascript", ...cached } }),
  );
}
