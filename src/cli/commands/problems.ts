import { GRAMMATICAL_FOCUSES, LEVELS, TENSES } from "../../problems/types";
import { type Command, choiceOption, EXIT } from "../command";
import { keyValues } from "../output";

interface Problem {
  id: string;
  title: string;
  instructions: string;
  correct_answer_index: number;
  statements: { content: string; explanation?: string; translation?: string }[];
  topic_tags: string[];
}

export const problemsRandomCommand: Command = {
  path: ["problems", "random"],
  summary: "serve one problem, least recently served first (it counts as served)",
  usage: "[--focus F] [--tense T] [--level L] [--json]",
  options: { focus: { type: "string" }, tense: { type: "string" }, level: { type: "string" } },
  details: [
    `--focus F   ${GRAMMATICAL_FOCUSES.join(" | ")}`,
    `--tense T   ${TENSES.join(" | ")}`,
    `--level L   ${LEVELS.join(" | ")}`,
    "Exits 1 when nothing matches.",
  ],
  async run(ctx) {
    const params = new URLSearchParams({ include_metadata: "true" });
    const focus = choiceOption(ctx.values.focus, "focus", GRAMMATICAL_FOCUSES);
    if (focus) params.set("focus", focus);
    const tense = choiceOption(ctx.values.tense, "tense", TENSES);
    if (tense) params.set("tense", tense);
    const level = choiceOption(ctx.values.level, "level", LEVELS);
    if (level) params.set("level", level);
    const problem = await ctx.client().get<Problem>(`/api/v1/problems/random?${params}`);
    if (ctx.json) {
      ctx.out(JSON.stringify(problem));
      return EXIT.ok;
    }
    ctx.out(`${problem.title}\n${problem.instructions}\n`);
    problem.statements.forEach((s, i) => {
      const mark = i === problem.correct_answer_index ? "*" : " ";
      ctx.out(`${mark} ${i + 1}. ${s.content}`);
      ctx.out(`     ${s.translation ?? s.explanation ?? ""}`);
    });
    ctx.out(
      `\nanswer: ${problem.correct_answer_index + 1}   id: ${problem.id}   tags: ${problem.topic_tags.join(", ")}`,
    );
    return EXIT.ok;
  },
};

interface Pipeline {
  status: string;
  reasons: string[];
  pool: { total: number; unserved: number; min_unserved: number; below_floor: boolean };
  open_requests: number;
  worker: { in_process: boolean; state: string; in_flight: number };
  lag: { available: boolean; total: number };
}

export const poolCommand: Command = {
  path: ["pool"],
  summary: "pool size, never-served count against the refill floor, open requests, worker and lag",
  usage: "[--json]",
  async run(ctx) {
    const state = await ctx.client().get<Pipeline>("/api/v1/pipeline");
    if (ctx.json) {
      ctx.out(JSON.stringify(state));
      return EXIT.ok;
    }
    ctx.out(
      keyValues([
        ["status", state.reasons.length ? `${state.status}: ${state.reasons.join("; ")}` : state.status],
        ["problems", state.pool.total],
        [
          "never served",
          `${state.pool.unserved} (refill floor ${state.pool.min_unserved}${state.pool.below_floor ? ", below" : ""})`,
        ],
        ["open requests", state.open_requests],
        [
          "worker",
          state.worker.in_process
            ? `${state.worker.state}, ${state.worker.in_flight} in flight`
            : "not in this process",
        ],
        ["consumer lag", state.lag.available ? state.lag.total : "unknown"],
      ]),
    );
    return EXIT.ok;
  },
};
