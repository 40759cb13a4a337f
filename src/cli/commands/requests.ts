import { type Command, choiceOption, EXIT, idCommand, integerOption } from "../command";
import { keyValues, table } from "../output";

export interface GenerationRequest {
  id: string;
  origin: string;
  status: string;
  requested_count: number;
  generated_count: number;
  failed_count: number;
  progress: number;
  error_message: string | null;
  requested_at: string;
  completed_at: string | null;
  problem_ids?: string[];
}

const STATUSES = ["pending", "processing", "completed", "partial", "failed", "expired"] as const;
const TERMINAL = new Set(["completed", "partial", "failed", "expired"]);

export const isTerminal = (status: string) => TERMINAL.has(status);

export function presentRequest(r: GenerationRequest): string {
  return keyValues([
    ["request", r.id],
    ["status", r.status],
    ["origin", r.origin],
    ["progress", `${r.generated_count + r.failed_count}/${r.requested_count} (${Math.round(r.progress * 100)}%)`],
    ["generated", r.generated_count],
    ["failed", r.failed_count],
    ["error", r.error_message],
    ["requested at", r.requested_at],
    ["completed at", r.completed_at],
    ...(r.problem_ids ? ([["problems", r.problem_ids.join(" ") || "-"]] as const) : []),
  ]);
}

export const requestsListCommand: Command = {
  path: ["requests", "list"],
  summary: "recent generation requests, newest first",
  usage: "[--status S] [--limit N]",
  options: { status: { type: "string" }, limit: { type: "string" } },
  details: [`--status S   ${STATUSES.join(" | ")}`, "--limit N    1-100, default 20"],
  async run(ctx) {
    const params = new URLSearchParams();
    const status = choiceOption(ctx.values.status, "status", STATUSES);
    if (status) params.set("status", status);
    const limit = integerOption(ctx.values.limit, "limit", 1, 100);
    if (limit) params.set("limit", String(limit));
    const { requests } = await ctx
      .client()
      .get<{ requests: GenerationRequest[] }>(`/api/v1/generation-requests?${params}`);
    if (ctx.json) ctx.out(JSON.stringify(requests));
    else if (!requests.length) ctx.out("no generation requests");
    else
      ctx.out(
        table(
          ["ID", "STATUS", "DONE", "FAILED", "REQUESTED AT"],
          requests.map((r) => [
            r.id,
            r.status,
            `${r.generated_count}/${r.requested_count}`,
            r.failed_count,
            r.requested_at,
          ]),
        ),
      );
    return EXIT.ok;
  },
};

export const requestsShowCommand = idCommand({
  path: ["requests", "show"],
  summary: "one generation request: status, counts, error, the problems it produced",
  details: ["Exits 1 when no request has that id."],
  idName: "a request id",
  call: (client, id) => client.get<GenerationRequest>(`/api/v1/generation-requests/${id}`),
  present: presentRequest,
});
