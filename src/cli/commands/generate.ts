import { GRAMMATICAL_FOCUSES, LEVELS, TENSES } from "../../problems/types";
import { type Command, type CommandContext, choiceOption, EXIT, integerOption, UsageError } from "../command";
import { progressBar } from "../output";
import { type GenerationRequest, isTerminal, presentRequest } from "./requests";

/** How often --watch asks for the request's status. */
const POLL_MS = 500;

interface Accepted {
  request_id: string;
  count: number;
  status: string;
  status_url: string;
}

export const generateCommand: Command = {
  path: ["generate"],
  summary: "ask the service to generate problems, optionally watching until the request ends",
  usage: "--count N [--statements N] [--focus F] [--level L] [--tense T]... [--verb V]... [--tag T]... [--watch]",
  options: {
    count: { type: "string" },
    statements: { type: "string" },
    focus: { type: "string" },
    level: { type: "string" },
    tense: { type: "string", multiple: true },
    verb: { type: "string", multiple: true },
    tag: { type: "string", multiple: true },
    watch: { type: "boolean" },
  },
  details: [
    "--count N          problems to generate (1-100, required)",
    "--statements N     sentences per problem (2-6, default 4)",
    `--focus F          ${GRAMMATICAL_FOCUSES.join(" | ")}`,
    `--level L          ${LEVELS.join(" | ")}`,
    `--tense T          repeatable: ${TENSES.join(", ")}`,
    "--verb V           repeatable: infinitives to use",
    "--tag T            repeatable: topic tags to attach",
    "--watch            show a progress bar until the request ends; exit 0 only when it completed,",
    "                   1 when it ended partial, failed or expired",
    "Without --watch it prints the request id and exits 0 once the service accepted the request.",
  ],
  async run(ctx) {
    const { values } = ctx;
    const count = integerOption(values.count, "count", 1, 100);
    if (count === undefined) throw new UsageError("--count is required");
    const tenses = (values.tense as string[] | undefined)?.map((t) => choiceOption(t, "tense", TENSES) as string);
    const verbs = values.verb as string[] | undefined;
    const level = choiceOption(values.level, "level", LEVELS);
    const constraints = {
      ...(level ? { level } : {}),
      ...(tenses?.length ? { tenses_used: tenses } : {}),
      ...(verbs?.length ? { verb_infinitives: verbs } : {}),
    };
    const body = {
      count,
      statement_count: integerOption(values.statements, "statements", 2, 6),
      focus: choiceOption(values.focus, "focus", GRAMMATICAL_FOCUSES),
      constraints: Object.keys(constraints).length ? constraints : undefined,
      topic_tags: values.tag as string[] | undefined,
    };
    const client = ctx.client();
    const accepted = await client.post<Accepted>("/api/v1/problems/generate", body);
    if (!values.watch) {
      if (ctx.json) ctx.out(JSON.stringify(accepted));
      else
        ctx.out(
          `request ${accepted.request_id} accepted (${accepted.count} problems); follow it with: lqs requests show ${accepted.request_id}`,
        );
      return EXIT.ok;
    }
    const final = await watch(accepted.status_url, ctx);
    if (ctx.json) ctx.out(JSON.stringify(final));
    else ctx.out(presentRequest(final));
    return final.status === "completed" ? EXIT.ok : EXIT.failed;
  },
};

/** Polls until the request is terminal, drawing the bar on stderr (redrawn in place on a terminal). */
async function watch(statusUrl: string, ctx: CommandContext): Promise<GenerationRequest> {
  const tty = process.stderr.isTTY === true;
  let last = "";
  for (;;) {
    const request = await ctx.client().get<GenerationRequest>(statusUrl);
    const line = `${progressBar(request.generated_count + request.failed_count, request.requested_count)} ${request.status}`;
    if (line !== last) {
      if (tty) process.stderr.write(`\r${line}`);
      else ctx.err(line);
      last = line;
    }
    if (isTerminal(request.status)) {
      if (tty) process.stderr.write("\n");
      return request;
    }
    await Bun.sleep(POLL_MS);
  }
}
