import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { type Authenticator, hasScope, type Principal } from "../../access/authenticator";
import type { ApiKeyScope } from "../../access/scopes";
import type { UsageWindowsRepository } from "../../db/repositories/usage-windows";
import { errorBody } from "./errors";

declare module "hono" {
  interface ContextVariableMap {
    /** The caller's key; unset while auth is off. */
    principal?: Principal;
  }
}

export interface AuthOptions {
  required: boolean;
  authenticator: Authenticator;
  usage: UsageWindowsRepository;
  rateLimitPerMinute: number;
  /** Header a trusted proxy sets to the client address; unset: the socket peer. */
  clientIpHeader?: string;
}

const REALM = 'Bearer realm="language-quiz-service"';

/** The key from `Authorization: Bearer <key>` or `X-API-Key: <key>`; undefined when neither is sent. */
function presentedKey(c: Context): string | undefined {
  const authorization = c.req.header("authorization");
  if (authorization !== undefined) return /^Bearer[ ]+(\S+)\s*$/i.exec(authorization)?.[1] ?? "";
  return c.req.header("x-api-key")?.trim();
}

/** The client address: the trusted proxy's header when configured, else the socket peer Bun reports. */
function clientAddress(c: Context, header?: string): string | undefined {
  if (header) return c.req.header(header)?.trim();
  const server = c.env as { requestIP?: (r: Request) => { address: string } | null } | undefined;
  return server?.requestIP?.(c.req.raw)?.address;
}

const unauthorized = (c: Context, code: string, message: string, tokenError = "invalid_token") =>
  c.json(errorBody(code, message), 401, { "WWW-Authenticate": `${REALM}, error="${tokenError}"` });

/**
 * Authenticates every request under `/api/`, then counts it against the key's per-minute budget (shared by all
 * instances through Postgres). Which scope a route needs is decided by `requireScope` on the route itself.
 */
export function authenticate(options: AuthOptions): MiddlewareHandler {
  return async (c, next) => {
    if (!options.required) return next();
    const key = presentedKey(c);
    if (key === undefined)
      return c.json(
        errorBody("missing_api_key", "send an API key as Authorization: Bearer <key> or X-API-Key: <key>"),
        401,
        { "WWW-Authenticate": REALM },
      );
    const outcome = await options.authenticator.authenticate(key, clientAddress(c, options.clientIpHeader));
    if (!outcome.ok) {
      if (outcome.reason === "revoked") return unauthorized(c, "revoked_api_key", "this API key has been revoked");
      if (outcome.reason === "address_not_allowed")
        return c.json(errorBody("address_not_allowed", "this API key may not be used from this address"), 403);
      return unauthorized(c, "invalid_api_key", "the API key is not valid");
    }
    c.set("principal", outcome.principal);
    const limit = options.rateLimitPerMinute;
    const window = await options.usage.hit(`key:${outcome.principal.keyId}:requests`, 60);
    const headers = {
      "RateLimit-Limit": String(limit),
      "RateLimit-Remaining": String(Math.max(0, limit - window.used)),
      "RateLimit-Reset": String(window.resetSeconds),
      "RateLimit-Policy": `${limit};w=60`,
    };
    if (window.used > limit)
      return c.json(
        errorBody("rate_limited", `this key may make ${limit} requests per minute; retry in ${window.resetSeconds} s`),
        429,
        { ...headers, "Retry-After": String(window.resetSeconds) },
      );
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}

/** Route middleware: the caller's key must carry `scope` (or `admin`). Open while auth is off. */
export function requireScope(scope: ApiKeyScope): MiddlewareHandler {
  return async (c, next) => {
    const principal = c.get("principal");
    if (principal && !hasScope(principal, scope))
      return c.json(errorBody("insufficient_scope", `this API key lacks the ${scope} scope`), 403, {
        "WWW-Authenticate": `${REALM}, error="insufficient_scope", scope="${scope}"`,
      });
    return next();
  };
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** `/metrics` behind its own bearer token when one is configured (a scraper holds no API key). */
export function metricsToken(token: string | undefined): MiddlewareHandler {
  const expected = token === undefined ? undefined : digest(token);
  return async (c, next) => {
    if (!expected) return next();
    const presented = /^Bearer[ ]+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1];
    // Compare digests: equal lengths, and the time taken says nothing about the token.
    if (presented === undefined || !timingSafeEqual(digest(presented), expected))
      return unauthorized(c, "invalid_metrics_token", "send the metrics token as Authorization: Bearer <token>");
    return next();
  };
}
