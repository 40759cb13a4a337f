import { z } from "zod";
import type { ProblemPlan } from "../../planner/plan";
import { LlmInvalidOutputError } from "../llm-errors";
import { type ChatCompletionRequest, jsonTaskRequest, parseJsonOrThrow } from "./chat-completions";
import type { StatementOutput } from "./wording-check";

/** The judge's answer: a verdict on the whole problem and one line saying why. */
const JUDGE_JSON_SCHEMA = {
  type: "object",
  properties: {
    accept: { type: "boolean", description: "true when every sentence is natural, sensible French (see the task)." },
    reason: { type: "string", description: "One English line: what is wrong, or 'natural'." },
  },
  required: ["accept", "reason"],
  additionalProperties: false,
} as const;

const verdictSchema = z.object({ accept: z.boolean(), reason: z.string().trim().max(500) }).strict();

const JUDGE_PROMPT = [
  "You review one multiple-choice French grammar quiz question before learners see it. The user message is JSON:",
  "the tested verb and tense, and the sentences, each marked correct or wrong. Wrong sentences contain a deliberate",
  "mistake in their verb group: ignore that mistake. Reject the question (accept=false) when any sentence is",
  "nonsense or unnatural apart from that mistake (meaningless word combinations, contradictions, a complement that",
  "does not suit the verb), or when a sentence marked wrong is in fact correct French. Otherwise accept it.",
  "Answer only with JSON matching the schema.",
].join(" ");

/** The request asking a (cheaper) judge model to grade the naturalness of a written problem. */
export function buildJudgeRequest(
  model: string,
  plan: ProblemPlan,
  outputs: readonly StatementOutput[],
): ChatCompletionRequest {
  const task = {
    verb: plan.verb_infinitive,
    tense: plan.tense,
    sentences: outputs.map((o, i) => ({
      sentence: o.sentence,
      marked: i === plan.correct_index ? "correct" : "wrong",
    })),
  };
  return jsonTaskRequest(model, JUDGE_PROMPT, task, { name: "quiz_question_review", schema: JUDGE_JSON_SCHEMA });
}

/** Reads the judge's answer; a rejection, or an answer that is not a verdict, is invalid output. */
export function checkJudgeVerdict(content: string): void {
  const json = parseJsonOrThrow(content, "the judge model's content is not JSON", "non_json_content");
  const parsed = verdictSchema.safeParse(json);
  if (!parsed.success) throw new LlmInvalidOutputError("the judge model's JSON is not a verdict", "schema_mismatch");
  if (!parsed.data.accept)
    throw new LlmInvalidOutputError(`the judge model rejected the problem: ${parsed.data.reason}`, "judge_rejected");
}
