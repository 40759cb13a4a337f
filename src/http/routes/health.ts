import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ComponentHealth, HealthCheck } from "../../health";
import { jsonResponse } from "../schemas";

const componentSchema = z.object({ ready: z.boolean(), detail: z.string().optional() }).catchall(z.unknown());
const readinessSchema = z
  .object({ status: z.enum(["ready", "not_ready"]), components: z.record(z.string(), componentSchema) })
  .openapi("Readiness");
const summarySchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    version: z.string(),
    uptime_s: z.number(),
    components: z.record(z.string(), componentSchema),
  })
  .openapi("HealthSummary");

async function runChecks(checks: readonly HealthCheck[]) {
  const results = await Promise.all(
    checks.map(async (h) => {
      try {
        return [h.name, await h.check()] as const;
      } catch (error) {
        const failed: ComponentHealth = { ready: false, detail: (error as Error).message };
        return [h.name, failed] as const;
      }
    }),
  );
  return {
    ready: results.every(([, r]) => r.ready),
    // Ready but not at full service (the worker's circuit is open): shown by /health, not a reason to restart.
    degraded: results.some(([, r]) => r.degraded === true),
    components: Object.fromEntries(results),
  };
}

export function registerHealthRoutes(app: OpenAPIHono, checks: readonly HealthCheck[], version: string) {
  const startedAt = performance.now();

  app.openapi(
    createRoute({
      method: "get",
      path: "/health/live",
      tags: ["health"],
      summary: "The process is up",
      responses: { 200: jsonResponse(z.object({ status: z.literal("alive") }), "Alive") },
    }),
    (c) => c.json({ status: "alive" as const }, 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/health/ready",
      tags: ["health"],
      summary: "Every component can do its job",
      responses: { 200: jsonResponse(readinessSchema, "Ready"), 503: jsonResponse(readinessSchema, "Not ready") },
    }),
    async (c) => {
      const { ready, components } = await runChecks(checks);
      return ready
        ? c.json({ status: "ready" as const, components }, 200)
        : c.json({ status: "not_ready" as const, components }, 503);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/health",
      tags: ["health"],
      summary: "Summary: status, version, components",
      responses: { 200: jsonResponse(summarySchema, "Summary") },
    }),
    async (c) => {
      const { ready, degraded, components } = await runChecks(checks);
      const status = ready && !degraded ? ("ok" as const) : ("degraded" as const);
      const uptime_s = Math.round((performance.now() - startedAt) / 1000);
      return c.json({ status, version, uptime_s, components }, 200);
    },
  );
}
