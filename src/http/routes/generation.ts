import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { GenerationRequestsRepository } from "../../db/repositories/generation-requests";
import type { ProblemsRepository } from "../../db/repositories/problems";
import { GENERATION_STATUSES, type GenerationRequestRow } from "../../db/schema";
import { AppError, NotFoundError, ValidationError } from "../../errors";
import type { GenerationSubmitter } from "../../generation/submit";
import { assertPlannable } from "../../problems/planner/plan-problem";
import {
  callerTopicTagSchema,
  DEFAULT_STATEMENTS,
  GRAMMATICAL_FOCUSES,
  MAX_STATEMENTS,
  MIN_STATEMENTS,
} from "../../problems/types";
import { traceparentFor } from "../../queue/messages";
import { presentProblem } from "../presenters";
import {
  commonErrors,
  errorBodySchema,
  generationConstraintsBodySchema,
  jsonResponse,
  notFoundResponse,
  problemSchema,
  queryBoolean,
  uuidParam,
} from "../schemas";

const MAX_COUNT = 100;

const generateBodySchema = z
  .object({
    count: z.number().int().min(1).max(MAX_COUNT).default(1),
    statement_count: z.number().int().min(MIN_STATEMENTS).max(MAX_STATEMENTS).default(DEFAULT_STATEMENTS),
    focus: z.enum(GRAMMATICAL_FOCUSES).optional(),
    constraints: generationConstraintsBodySchema.optional(),
    topic_tags: z.array(callerTopicTagSchema).max(10).optional(),
  })
  .strict()
  .openapi("GenerateRequest");

/** Request bodies are small; a larger one is refused before it is parsed. */
export const MAX_GENERATE_BODY_BYTES = 16 * 1024;

const acceptedSchema = z
  .object({
    request_id: z.uuid(),
    count: z.number().int(),
    status: z.enum(GENERATION_STATUSES),
    status_url: z.string(),
  })
  .openapi("GenerationAccepted");

const requestSchema = z
  .object({
    id: z.uuid(),
    origin: z.string(),
    status: z.enum(GENERATION_STATUSES),
    requested_count: z.number().int(),
    generated_count: z.number().int(),
    failed_count: z.number().int(),
    progress: z.number().min(0).max(1).openapi({ description: "(generated + failed) / requested" }),
    error_message: z.string().nullable(),
    constraints: z.record(z.string(), z.unknown()).nullable(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    requested_at: z.string(),
    started_at: z.string().nullable(),
    completed_at: z.string().nullable(),
    problem_ids: z.array(z.uuid()).optional(),
    problems: z.array(problemSchema).optional(),
  })
  .openapi("GenerationRequest");

function presentRequest(row: GenerationRequestRow) {
  return {
    id: row.id,
    origin: row.origin,
    status: row.status,
    requested_count: row.requestedCount,
    generated_count: row.generatedCount,
    failed_count: row.failedCount,
    progress: Math.min(1, (row.generatedCount + row.failedCount) / row.requestedCount),
    error_message: row.errorMessage,
    constraints: row.constraints,
    metadata: row.metadata,
    requested_at: row.requestedAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}

export interface GenerationRouteDeps {
  requests: GenerationRequestsRepository;
  problems: ProblemsRepository;
  submitter: GenerationSubmitter;
}

export function registerGenerationRoutes(app: OpenAPIHono, deps: GenerationRouteDeps) {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/problems/generate",
      tags: ["generation"],
      summary: "Ask for problems to be generated in the background",
      description:
        "Records a request, publishes one message per problem and answers at once. Poll `status_url` for progress.",
      request: { body: { required: true, content: { "application/json": { schema: generateBodySchema } } } },
      responses: {
        202: jsonResponse(acceptedSchema, "Accepted"),
        415: jsonResponse(errorBodySchema, "Body is not JSON"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      try {
        assertPlannable({
          focus: body.focus,
          statement_count: body.statement_count,
          constraints: body.constraints,
          topic_tags: body.topic_tags,
        });
      } catch (error) {
        if (error instanceof ValidationError)
          throw new ValidationError(`json.constraints: ${error.message}`, error.code);
        throw error;
      }
      const row = await deps.submitter.submit({
        count: body.count,
        statementCount: body.statement_count,
        focus: body.focus,
        constraints: body.constraints,
        topicTags: body.topic_tags,
        traceparent: traceparentFor(c.req.header("traceparent")),
      });
      const status_url = `/api/v1/generation-requests/${row.id}`;
      c.header("Location", status_url);
      return c.json({ request_id: row.id, count: row.requestedCount, status: row.status, status_url }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/generation-requests/{id}",
      tags: ["generation"],
      summary: "Progress of one generation request, with the problems it produced",
      request: {
        params: z.object({ id: uuidParam.openapi({ param: { name: "id", in: "path" } }) }),
        query: z.object({ include_problems: queryBoolean.optional() }),
      },
      responses: { 200: jsonResponse(requestSchema, "The request"), 404: notFoundResponse, ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const row = await deps.requests.get(id);
      if (!row) throw new NotFoundError("generation_request_not_found", `no generation request with id ${id}`);
      const produced = await deps.problems.listByGenerationRequest(id);
      const full = c.req.valid("query").include_problems ?? false;
      return c.json(
        {
          ...presentRequest(row),
          ...(full
            ? { problems: produced.map((p) => presentProblem(p, true)) }
            : { problem_ids: produced.map((p) => p.id) }),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/generation-requests",
      tags: ["generation"],
      summary: "Recent generation requests, newest first",
      request: {
        query: z.object({
          status: z.enum(GENERATION_STATUSES).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
      responses: { 200: jsonResponse(z.object({ requests: z.array(requestSchema) }), "Requests"), ...commonErrors },
    }),
    async (c) => {
      const { status, limit } = c.req.valid("query");
      const rows = await deps.requests.list({ status, limit });
      return c.json({ requests: rows.map(presentRequest) }, 200);
    },
  );
}

/** The generate route reads JSON only: anything else would silently become an all-defaults request. */
export function requireJsonBody() {
  return async (c: import("hono").Context, next: () => Promise<void>) => {
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/(.+\+)?json\b/i.test(type)) {
      throw new AppError(
        "unsupported_media_type",
        `send the body as application/json (got ${type ? JSON.stringify(type) : "no content-type"})`,
        415,
      );
    }
    await next();
  };
}
