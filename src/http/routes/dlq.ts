import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { DeadLettersRepository } from "../../db/repositories/dead-letters";
import { requireScope } from "../middleware/auth";
import { commonErrors, jsonResponse, uuidParam } from "../schemas";

const countsSchema = z
  .object({
    pending: z.number().int().openapi({ description: "dead-lettered and not replayed since" }),
    replayed: z.number().int().openapi({ description: "sent back to the main topic by `bun run dlq replay`" }),
    by_reason: z
      .array(z.object({ reason: z.string(), count: z.number().int() }))
      .openapi({ description: "pending messages by error code (or poison reason), most frequent first" }),
  })
  .openapi("DeadLetterCounts");

/** What sits in the dead-letter topic, from its database copy. Admin only: error messages may name internals. */
export function registerDlqRoutes(app: OpenAPIHono, deps: { deadLetters: DeadLettersRepository }) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/dlq",
      tags: ["admin"],
      middleware: [requireScope("admin")],
      summary: "Dead-lettered messages: counts by reason (replay them with `bun run dlq replay`)",
      request: {
        query: z.object({
          request_id: uuidParam.optional().openapi({ description: "only this generation request's messages" }),
        }),
      },
      responses: { 200: jsonResponse(countsSchema, "Counts"), ...commonErrors },
    }),
    async (c) => {
      const counts = await deps.deadLetters.counts({ requestId: c.req.valid("query").request_id });
      return c.json({ pending: counts.pending, replayed: counts.replayed, by_reason: counts.byReason }, 200);
    },
  );
}
