import { readFileSync } from "node:fs";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { html } from "hono/html";
import type { JSX } from "hono/jsx/jsx-runtime";
import { GRAMMATICAL_FOCUSES, LEVELS, TENSES } from "../../problems/types";
import { errorBody } from "../middleware/errors";
import { GeneratePage } from "./generate";
import { PipelinePage } from "./pipeline";
import { type PlayFilters, PlayPage } from "./play";

/**
 * Everything on the console comes from the service's own origin: no inline script or style, so this policy holds
 * even where the rest of the service sets none.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const ASSET_TYPES: Record<string, string> = {
  "console.css": "text/css; charset=utf-8",
  "api.js": "text/javascript; charset=utf-8",
  "favicon.svg": "image/svg+xml",
  "play.js": "text/javascript; charset=utf-8",
  "generate.js": "text/javascript; charset=utf-8",
  "pipeline.js": "text/javascript; charset=utf-8",
};

function readAssets(): Map<string, string> {
  return new Map(
    Object.keys(ASSET_TYPES).map((name) => [name, readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8")]),
  );
}

const FILTER_CHOICES: Record<keyof PlayFilters, readonly string[]> = {
  focus: GRAMMATICAL_FOCUSES,
  tense: TENSES,
  level: LEVELS,
};

/** Keeps only filter values the API knows; anything else is reported on the page instead of silently dropped. */
function readFilters(query: Record<string, string>): { filters: PlayFilters; invalid?: string } {
  const filters: PlayFilters = {};
  for (const [name, choices] of Object.entries(FILTER_CHOICES) as [keyof PlayFilters, readonly string[]][]) {
    const value = query[name];
    if (!value) continue;
    if (!choices.includes(value)) return { filters, invalid: `Unknown ${name}: ${value}.` };
    filters[name] = value;
  }
  return { filters };
}

/** Standards mode needs the doctype, which JSX cannot express. */
function page(c: Context, element: JSX.Element, status: 200 | 400 = 200) {
  return c.html(html`<!doctype html>${element}`, status);
}

function playHref(filters: PlayFilters): string {
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
  const query = params.toString();
  return query ? `/console/play?${query}` : "/console/play";
}

/**
 * The web console: Play, Generate and Pipeline pages plus their stylesheet and scripts, all under /console. The pages
 * read and write only through the public API, from the browser, so API keys and scopes apply to them unchanged.
 */
export function registerConsole(app: OpenAPIHono) {
  const assets = readAssets();
  app.use("/console/*", async (c, next) => {
    await next();
    c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.header("X-Content-Type-Options", "nosniff");
  });
  app.get("/console", (c) => c.redirect("/console/play"));

  app.get("/console/play", (c) => {
    const { filters, invalid } = readFilters(c.req.query());
    if (invalid) return page(c, <PlayPage filters={filters} nextHref="/console/play" notice={invalid} />, 400);
    return page(c, <PlayPage filters={filters} nextHref={playHref(filters)} />);
  });

  app.get("/console/generate", (c) => page(c, <GeneratePage />));
  app.get("/console/pipeline", (c) => page(c, <PipelinePage />));

  app.get("/console/assets/:name", (c) => {
    const name = c.req.param("name");
    const body = assets.get(name);
    const type = ASSET_TYPES[name];
    if (body === undefined || !type) return c.json(errorBody("asset_not_found", `no console asset named ${name}`), 404);
    return c.body(body, 200, { "content-type": type, "cache-control": "no-cache" });
  });
}
