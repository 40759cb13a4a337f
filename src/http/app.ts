import { OpenAPIHono } from "@hono/zod-openapi";
import { type Meter, metrics } from "@opentelemetry/api";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import type { Authenticator } from "../access/authenticator";
import type { DatabaseHealth } from "../db/health";
import type { ApiKeysRepository } from "../db/repositories/api-keys";
import type { GenerationRequestsRepository } from "../db/repositories/generation-requests";
import type { ProblemsRepository } from "../db/repositories/problems";
import type { UsageWindowsRepository } from "../db/repositories/usage-windows";
import type { PoolKeeper } from "../generation/pool";
import type { GenerationSubmitter } from "../generation/submit";
import type { HealthCheck } from "../health";
import type { PickCoalescer } from "../serving/pick-coalescer";
import type { Logger } from "../telemetry/logger";
import { registerConsole } from "./console/routes";
import { accessLog } from "./middleware/access-log";
import { authenticate, metricsToken } from "./middleware/auth";
import { limitBody, wholeBodyFirst } from "./middleware/body";
import { errorHandler, notFoundHandler, validationHook } from "./middleware/errors";
import { httpMetrics } from "./middleware/metrics";
import { requestTimeout } from "./middleware/request-timeout";
import { securityHeaders } from "./middleware/security-headers";
import { registerApiKeyRoutes } from "./routes/api-keys";
import { registerDocsRoutes } from "./routes/docs";
import { registerGenerationRoutes, requireJsonBody } from "./routes/generation";
import { registerHealthRoutes } from "./routes/health";
import { type PipelineSource, registerPipelineRoutes } from "./routes/pipeline";
import { registerPoolRoutes } from "./routes/pool";
import { registerProblemRoutes } from "./routes/problems";

/** Who may call the API, and how much. */
export interface AccessDeps {
  /** False: every `/api/` route is open (development without keys). */
  required: boolean;
  authenticator: Authenticator;
  keys: ApiKeysRepository;
  usage: UsageWindowsRepository;
  rateLimitPerMinute: number;
  quotas: { perKeyPerHour: number; globalPerHour: number };
  clientIpHeader?: string;
  /** When set, `/metrics` needs it as a bearer token. */
  metricsToken?: string;
  corsOrigins: readonly string[];
  production: boolean;
}

export interface AppDeps {
  problems: ProblemsRepository;
  requests: GenerationRequestsRepository;
  submitter: GenerationSubmitter;
  pool: PoolKeeper;
  picker: PickCoalescer;
  minUnserved: number;
  access: AccessDeps;
  healthChecks: readonly HealthCheck[];
  logger: Logger;
  version: string;
  /** Worker state and consumer lag for GET /api/v1/pipeline; without it the route reports the database side only. */
  pipeline?: PipelineSource;
  /** Where HTTP metrics go; the no-op meter when omitted. */
  meter?: Meter;
  /** Serves GET /metrics in Prometheus text format when given (METRICS_PROMETHEUS=true). */
  scrapeMetrics?: () => Promise<string>;
  /** API routes answer 503 at once while it says the database is down, and their errors feed it. */
  databaseHealth?: DatabaseHealth;
  /** Every request is answered within this; none when omitted. */
  requestTimeoutMs?: number;
}

/** Builds the HTTP application. No socket: tests call `app.request()`, the service hands `app.fetch` to Bun.serve. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono({ defaultHook: validationHook as never });
  app.use(requestId());
  app.use(accessLog(deps.logger.child({ component: "http" })));
  app.use(httpMetrics(deps.meter ?? metrics.getMeter("http")));
  if (deps.requestTimeoutMs) app.use(requestTimeout(deps.requestTimeoutMs));
  const health = deps.databaseHealth;
  app.use(securityHeaders(deps.access.production));
  app.onError(errorHandler(deps.logger, health?.observe));
  app.notFound(notFoundHandler);
  // Before anything counts or writes: a refused body costs nothing, and a request Bun refused after its body takes
  // no effect.
  app.use(limitBody(), wholeBodyFirst());
  if (health)
    app.use("/api/*", async (_c, next) => {
      health.assertUp();
      await next();
    });
  const { access } = deps;
  if (access.corsOrigins.length)
    app.use(
      "/api/*",
      cors({
        origin: [...access.corsOrigins],
        allowHeaders: ["Authorization", "X-API-Key", "Content-Type", "Idempotency-Key", "traceparent"],
        exposeHeaders: ["Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"],
        maxAge: 600,
      }),
    );
  app.use(
    "/api/*",
    authenticate({
      required: access.required,
      authenticator: access.authenticator,
      usage: access.usage,
      rateLimitPerMinute: access.rateLimitPerMinute,
      clientIpHeader: access.clientIpHeader,
    }),
  );

  registerHealthRoutes(app, deps.healthChecks, deps.version);
  registerProblemRoutes(app, deps);
  app.use("/api/v1/problems/generate", requireJsonBody());
  registerGenerationRoutes(app, { ...deps, quotas: access.quotas });
  registerPoolRoutes(app, deps);
  registerApiKeyRoutes(app, access.keys);
  registerPipelineRoutes(app, deps);
  registerConsole(app);

  // Built once, after every documented route is registered: `doc31` would rebuild it on every request.
  const openApiDocument = JSON.stringify(
    app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "language-quiz-service",
        version: deps.version,
        description:
          "French grammar quiz problems, served least-recently-served first and generated in the background.",
      },
    }),
  );
  app.get("/openapi.json", (c) => c.body(openApiDocument, 200, { "content-type": "application/json" }));
  const scrape = deps.scrapeMetrics;
  if (scrape)
    app.get("/metrics", metricsToken(access.metricsToken), async (c) =>
      c.text(await scrape(), 200, { "content-type": "text/plain; version=0.0.4" }),
    );
  registerDocsRoutes(app);
  return app;
}

export type App = ReturnType<typeof createApp>;
