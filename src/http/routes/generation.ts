import { createHash } from "node:crypto";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { hasScope } from "../../access/authenticator";
import type { GenerationRequestsRepository } from "../../db/repositories/generation-requests";
import type { ProblemsRepository } from "../../db/repositories/problems";
import type { Allowance } from "../../db/repositories/usage-windows";
import { AppError, NotFoundError } from "../../errors";
import type { GenerationSubmitter } from "../../generation/submit";
import { GENERATION_STATUSES } from "../../problems/generation-requests";
import {
  callerTopicTagSchema,
  DEFAULT_STATEMENTS,
  GRAMMATICAL_FOCUSES,
  MAX_STATEMENTS,
  MIN_STATEMENTS,
} from "../../problems/types";
import { requireScope } from "../middleware/auth";
import { presentProblem, presentRequest } from "../presenters";
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

export interface GenerationRouteDeps {
  requests: GenerationRequestsRepository;
  problems: ProblemsRepository;
  submitter: GenerationSubmitter;
  quotas: { perKeyPerHour: number; globalPerHour: number };
}

const HOUR_S = 3600;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The quotas a caller's problems are taken from: their key's (when auth is on) and everyone's together. */
function allowancesFor(keyId: string | undefined, quotas: GenerationRouteDeps["quotas"]): Allowance[] {
  const global = { bucket: "global:problems", limit: quotas.globalPerHour, windowSeconds: HOUR_S };
  return keyId
    ? [{ bucket: `key:${keyId}:problems`, limit: quotas.perKeyPerHour, windowSeconds: HOUR_S }, global]
    : [global];
}

/** Which requests a caller sees: everything while auth is off or for an admin, else only its key's. */
function ownerFilter(c: import("hono").Context): string | undefined {
  const principal = c.get("principal");
  return principal && !hasScope(principal, "admin") ? principal.keyId : undefined;
}

export function registerGenerationRoutes(app: OpenAPIHono, deps: GenerationRouteDeps) {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/problems/generate",
      tags: ["generation"],
      summary: "Ask for problems to be generated in the background",
      description:
        "Records a request, publishes one message per problem and answers at once. Poll `status_url` for progress. Needs the `generate` scope (`topic_tags` need `admin`). The problems count against the key's and the service's hourly generation quota; a request over quota writes nothing (429). A repeated `Idempotency-Key` (per API key, kept 24 hours) returns the first answer byte for byte, with `Idempotent-Replayed: true`; the same key with another body is a 422, and while the first request is still being recorded a 409.",
      middleware: [requireScope("generate")],
      request: {
        body: { required: true, content: { "application/json": { schema: generateBodySchema } } },
        headers: z.object({
          "idempotency-key": z
            .string()
            .regex(IDEMPOTENCY_KEY, { message: "must be 1 to 200 visible ASCII characters" })
            .optional(),
        }),
      },
      responses: {
        202: jsonResponse(acceptedSchema, "Accepted"),
        415: jsonResponse(errorBodySchema, "Body is not JSON"),
        409: jsonResponse(errorBodySchema, "The first request with this Idempotency-Key is still in progress"),
        422: jsonResponse(errorBodySchema, "Idempotency-Key reused with another body"),
        429: jsonResponse(errorBodySchema, "Rate limit or generation quota used up (see Retry-After)"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const principal = c.get("principal");
      // Caller tags end up on problems everyone is served and can filter by: only an admin may attach them.
      if (body.topic_tags?.length && principal && !hasScope(principal, "admin"))
        throw new AppError("insufficient_scope", "attaching topic_tags needs the admin scope");
      const idempotencyKey = c.req.valid("header")["idempotency-key"];
      const submitted = await deps.submitter.submit(
        {
          count: body.count,
          statementCount: body.statement_count,
          focus: body.focus,
          constraints: body.constraints,
          topicTags: body.topic_tags,
          traceparent: c.req.header("traceparent"),
        },
        {
          apiKeyId: principal?.keyId,
          allowances: allowancesFor(principal?.keyId, deps.quotas),
          idempotencyKey,
          fingerprint: idempotencyKey && createHash("sha256").update(JSON.stringify(body)).digest("hex"),
        },
      );
      const { row } = submitted;
      const status_url = `/api/v1/generation-requests/${row.id}`;
      c.header("Location", status_url);
      c.header("Content-Type", "application/json");
      if (submitted.replayed) c.header("Idempotent-Replayed", "true");
      const answer = submitted.replayed
        ? submitted.answer
        : {
            status: 202,
            body: JSON.stringify({ request_id: row.id, count: row.requestedCount, status: row.status, status_url }),
          };
      if (idempotencyKey && !submitted.replayed)
        await deps.requests.storeIdempotentAnswer(row.id, answer.status, answer.body);
      // Sent as text, not re-serialised: a replay is the first answer byte for byte (typed as the 202 it is).
      return c.body(answer.body, answer.status as 202) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/generation-requests/{id}",
      tags: ["generation"],
      summary: "Progress of one generation request, with the problems it produced",
      description: "Only the key that made the request (or an admin key) sees it; anyone else gets 404.",
      middleware: [requireScope("generate")],
      request: {
        params: z.object({ id: uuidParam.openapi({ param: { name: "id", in: "path" } }) }),
        query: z.object({ include_problems: queryBoolean.optional() }),
      },
      responses: { 200: jsonResponse(requestSchema, "The request"), 404: notFoundResponse, ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const row = await deps.requests.get(id);
      const owner = ownerFilter(c);
      if (!row || (owner && row.apiKeyId !== owner))
        throw new NotFoundError("generation_request_not_found", `no generation request with id ${id}`);
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
      description: "A key sees its own requests; an admin key sees all of them.",
      middleware: [requireScope("generate")],
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
      const rows = await deps.requests.list({ status, limit, apiKeyId: ownerFilter(c) });
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
      );
    }
    await next();
  };
}
