import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { GenerationRequestsRepository } from "../../db/repositories/generation-requests";
import type { ProblemsRepository } from "../../db/repositories/problems";
import { withDeadline } from "../../deadline";
import type { PartitionLag } from "../../queue/transport";
import { requireScope } from "../middleware/auth";
import { publicErrorMessage } from "../presenters";
import { jsonResponse } from "../schemas";

/** What the pipeline route reads besides the database: this process's worker and the consumer group's lag. */
export interface PipelineSource {
  /** Undefined when this process runs no worker (ENABLE_WORKER=false): the consumers live elsewhere. */
  worker():
    | { state: string; ready: boolean; detail?: string; inFlight: number; commitLag: number; transport: string }
    | undefined;
  lag(): Promise<PartitionLag[]>;
}

/** A lag query against a broker that does not answer must not hold the page (or the CLI) up. */
const LAG_TIMEOUT_MS = 2000;
const RECENT_ERRORS = 5;

const pipelineSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    reasons: z
      .array(z.string())
      .openapi({ description: "why the status is degraded (worker not ready, lag unknown); empty when ok" }),
    pool: z.object({
      total: z.number().int(),
      unserved: z.number().int(),
      min_unserved: z.number().int(),
      below_floor: z.boolean(),
    }),
    open_requests: z.number().int(),
    worker: z.object({
      in_process: z.boolean(),
      state: z.string(),
      ready: z.boolean(),
      detail: z.string().nullable(),
      in_flight: z.number().int(),
      commit_lag: z
        .number()
        .int()
        .openapi({ description: "messages finished but not committable yet, behind an earlier unfinished one" }),
      transport: z.string().nullable(),
    }),
    lag: z.object({
      available: z.boolean(),
      total: z.number().int(),
      partitions: z.array(z.object({ topic: z.string(), partition: z.number().int(), lag: z.number().int() })),
    }),
    recent_errors: z.array(
      z.object({
        request_id: z.uuid(),
        status: z.string(),
        error_message: z.string().nullable(),
        at: z.string(),
      }),
    ),
    checked_at: z.string(),
  })
  .openapi("Pipeline");

export function registerPipelineRoutes(
  app: OpenAPIHono,
  deps: {
    problems: ProblemsRepository;
    requests: GenerationRequestsRepository;
    minUnserved: number;
    pipeline?: PipelineSource;
  },
) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/pipeline",
      tags: ["generation"],
      summary: "State of the generation pipeline: pool, worker, consumer lag, recent errors (read-only)",
      description: "Operator detail (topics, partitions, lag): needs the `admin` scope.",
      middleware: [requireScope("admin")],
      responses: { 200: jsonResponse(pipelineSchema, "Pipeline state") },
    }),
    async (c) => {
      const lagQuery = deps.pipeline
        ? withDeadline(deps.pipeline.lag(), LAG_TIMEOUT_MS, "lag query").catch(() => undefined)
        : Promise.resolve(undefined);
      const [stats, open, failed, partial, lag] = await Promise.all([
        deps.problems.poolStats(),
        deps.requests.countOpen(),
        deps.requests.list({ status: "failed", limit: RECENT_ERRORS }),
        deps.requests.list({ status: "partial", limit: RECENT_ERRORS }),
        lagQuery,
      ]);
      const worker = deps.pipeline?.worker();
      const belowFloor = deps.minUnserved > 0 && stats.unserved < deps.minUnserved;
      const reasons: string[] = [];
      if (worker && !worker.ready) reasons.push(`worker ${worker.state}: ${worker.detail ?? "not ready"}`);
      if (deps.pipeline && !lag) reasons.push("consumer lag unavailable: the broker did not answer");
      const errors = [...failed, ...partial]
        .map((r) => ({
          request_id: r.id,
          status: r.status,
          error_message: publicErrorMessage(r.errorMessage),
          at: (r.completedAt ?? r.requestedAt).toISOString(),
        }))
        .sort((a, b) => b.at.localeCompare(a.at))
        .slice(0, RECENT_ERRORS);
      const partitions = (lag ?? []).map((p) => ({ topic: p.topic, partition: p.partition, lag: p.lag }));
      return c.json(
        {
          status: reasons.length ? ("degraded" as const) : ("ok" as const),
          reasons,
          pool: {
            total: stats.total,
            unserved: stats.unserved,
            min_unserved: deps.minUnserved,
            below_floor: belowFloor,
          },
          open_requests: open,
          worker: worker
            ? {
                in_process: true,
                state: worker.state,
                ready: worker.ready,
                detail: worker.detail ?? null,
                in_flight: worker.inFlight,
                commit_lag: worker.commitLag,
                transport: worker.transport,
              }
            : {
                in_process: false,
                state: "not in this process",
                ready: false,
                detail: null,
                in_flight: 0,
                commit_lag: 0,
                transport: null,
              },
          lag: { available: lag !== undefined, total: partitions.reduce((n, p) => n + p.lag, 0), partitions },
          recent_errors: errors,
          checked_at: new Date().toISOString(),
        },
        200,
      );
    },
  );
}
