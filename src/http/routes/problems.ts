import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ProblemsRepository } from "../../db/repositories/problems";
import { NotFoundError } from "../../errors";
import type { PoolKeeper } from "../../generation/pool";
import { GRAMMATICAL_FOCUSES, LEVELS, levelTag, MISTAKE_KINDS, TENSES, topicTagSchema } from "../../problems/types";
import type { PickCoalescer } from "../../serving/pick-coalescer";
import { presentProblem } from "../presenters";
import { commonErrors, jsonResponse, notFoundResponse, problemSchema, queryBoolean, uuidParam } from "../schemas";

const problemResponse = jsonResponse(problemSchema, "A problem");

const randomRoute = createRoute({
  method: "get",
  path: "/api/v1/problems/random",
  tags: ["problems"],
  summary: "Serve the least recently served problem",
  description:
    "Never-served problems first, then the one served longest ago. Serving stamps it, so concurrent callers get different problems.",
  request: {
    query: z.object({
      include_metadata: queryBoolean.optional(),
      focus: z.enum(GRAMMATICAL_FOCUSES).optional(),
      tense: z.enum(TENSES).optional(),
      level: z.enum(LEVELS).optional(),
      // Repeatable (?mistake_kind=a&mistake_kind=b): the problem has a wrong statement of every listed kind.
      mistake_kind: z
        .union([z.enum(MISTAKE_KINDS), z.array(z.enum(MISTAKE_KINDS)).max(MISTAKE_KINDS.length)])
        .optional(),
      // Repeatable (?topic_tag=a&topic_tag=b): every tag must match.
      topic_tag: z.union([topicTagSchema, z.array(topicTagSchema).max(10)]).optional(),
    }),
  },
  responses: { 200: problemResponse, 404: notFoundResponse, ...commonErrors },
});

const byIdRoute = createRoute({
  method: "get",
  path: "/api/v1/problems/{id}",
  tags: ["problems"],
  summary: "Get one problem by id (does not count as serving it)",
  request: {
    params: z.object({ id: uuidParam.openapi({ param: { name: "id", in: "path" } }) }),
    query: z.object({ include_metadata: queryBoolean.optional() }),
  },
  responses: { 200: problemResponse, 404: notFoundResponse, ...commonErrors },
});

export function registerProblemRoutes(
  app: OpenAPIHono,
  {
    problems,
    picker,
    pool,
    requestTimeoutMs,
  }: { problems: ProblemsRepository; picker: PickCoalescer; pool: PoolKeeper; requestTimeoutMs?: number },
) {
  app.openapi(randomRoute, async (c) => {
    const { include_metadata, focus, tense, level, mistake_kind, topic_tag } = c.req.valid("query");
    const tags = [...(Array.isArray(topic_tag) ? topic_tag : topic_tag ? [topic_tag] : [])];
    if (focus) tags.push(`focus:${focus}`);
    if (tense) tags.push(`tense:${tense}`);
    if (level) tags.push(levelTag(level));
    for (const kind of Array.isArray(mistake_kind) ? mistake_kind : mistake_kind ? [mistake_kind] : [])
      tags.push(`mistake:${kind}`);
    // Coalesced: concurrent requests with this filter share one pick statement. A request whose client left, or
    // whose deadline passed, while it still waited for a statement leaves the queue without spending a problem.
    const signal = requestTimeoutMs
      ? AbortSignal.any([c.req.raw.signal, AbortSignal.timeout(requestTimeoutMs)])
      : c.req.raw.signal;
    const row = await picker.pickOne({ tags }, signal);
    void pool.check(); // never awaited, and throttled: most calls only compare a timestamp
    if (!row)
      throw new NotFoundError(
        "no_problems_available",
        tags.length ? `no problem matches ${tags.join(", ")}` : "the problem pool is empty",
      );
    return c.json(presentProblem(row, include_metadata ?? false), 200);
  });

  app.openapi(byIdRoute, async (c) => {
    const { id } = c.req.valid("param");
    const row = await problems.findById(id);
    if (!row) throw new NotFoundError("problem_not_found", `no problem with id ${id}`);
    return c.json(presentProblem(row, c.req.valid("query").include_metadata ?? false), 200);
  });
}
