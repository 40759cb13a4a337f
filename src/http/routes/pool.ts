import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { GenerationRequestsRepository } from "../../db/repositories/generation-requests";
import type { ProblemsRepository } from "../../db/repositories/problems";
import { requireScope } from "../middleware/auth";
import { jsonResponse } from "../schemas";

const poolSchema = z
  .object({
    total: z.number().int(),
    unserved: z.number().int().openapi({ description: "problems never served yet" }),
    oldest_served_at: z.string().nullable(),
    open_requests: z.number().int().openapi({ description: "generation requests still pending or processing" }),
    min_unserved: z.number().int().openapi({ description: "below this a refill is requested (0: refills off)" }),
  })
  .openapi("Pool");

export function registerPoolRoutes(
  app: OpenAPIHono,
  deps: { problems: ProblemsRepository; requests: GenerationRequestsRepository; minUnserved: number },
) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/pool",
      tags: ["problems"],
      summary: "Health of the problem pool",
      middleware: [requireScope("read")],
      responses: { 200: jsonResponse(poolSchema, "Pool figures") },
    }),
    async (c) => {
      const [stats, open] = await Promise.all([deps.problems.poolStats(), deps.requests.countOpen()]);
      return c.json(
        {
          total: stats.total,
          unserved: stats.unserved,
          oldest_served_at: stats.oldestServedAt?.toISOString() ?? null,
          open_requests: open,
          min_unserved: deps.minUnserved,
        },
        200,
      );
    },
  );
}
