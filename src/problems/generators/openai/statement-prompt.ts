import { z } from "zod";
import type { ProblemPlan, StatementPlan } from "../../planner/plan";
import type { Tense } from "../../types";
import { LlmInvalidOutputError } from "../llm-errors";
import { type ChatCompletionRequest, jsonTaskRequest, parseJsonOrThrow } from "./chat-completions";
import { checkStatementWording, type StatementOutput } from "./wording-check";

/** What the model writes for a statement: the sentence around the given verb phrase, and one line of English. */
function statementJsonSchema<Field extends string>(field: Field, description: string) {
  return {
    type: "object",
    properties: {
      sentence: { type: "string", description: "One French sentence containing verb_phrase exactly as given." },
      [field]: { type: "string", description },
    },
    required: ["sentence", field],
    additionalProperties: false,
  } as const;
}

/** For a wrong statement. The verb form itself is never the model's choice. */
export const WRONG_STATEMENT_JSON_SCHEMA = statementJsonSchema(
  "explanation",
  "One line of English saying what is grammatically wrong and why.",
);

/** For the correct statement. */
export const CORRECT_STATEMENT_JSON_SCHEMA = statementJsonSchema(
  "translation",
  "A natural English translation of the sentence.",
);

// The JSON schemas above go on the wire (strict mode allows no length keywords everywhere); these zod twins check
// what comes back, with the limits statementSchema will enforce anyway, so failures are reported as model output.
const text = z.string().trim().min(1).max(500);
const wrongOutputSchema = z.object({ sentence: text, explanation: text }).strict();
const correctOutputSchema = z.object({ sentence: text, translation: text }).strict();

const TENSE_NAMES: Record<Tense, string> = {
  present: "présent de l'indicatif",
  passe_compose: "passé composé",
  imparfait: "imparfait",
  future_simple: "futur simple",
  conditionnel: "conditionnel présent",
  subjonctif: "subjonctif présent",
  plus_que_parfait: "plus-que-parfait",
  futur_anterieur: "futur antérieur",
  conditionnel_passe: "conditionnel passé",
  subjonctif_passe: "subjonctif passé",
  futur_proche: "futur proche (aller + infinitif)",
  passe_recent: "passé récent (venir de + infinitif)",
  imperatif: "impératif présent",
};

const SYSTEM_PROMPT = [
  "You write one statement of a multiple-choice French grammar quiz for English-speaking learners.",
  "The user message is a JSON task. Write one short, natural French sentence (6 to 14 words) whose subject is",
  "`subject` and whose verb group is `verb_phrase`, copied character for character. Never correct, re-conjugate,",
  're-order or re-spell verb_phrase: when `statement` is "wrong", the mistake in it is deliberate and is the point',
  "of the question. Apply elision to the subject only where French requires it (je + vowel gives j'). Add an everyday",
  'complement that suits the verb and tense; with a subjonctif, introduce the clause naturally (e.g. "Il faut que").',
  "With the impératif, write no subject: `subject` only says who is addressed, and the sentence starts with verb_phrase.",
  "When the task has `lead` (the words that decide the answer, such as «Il faut que», «Si» or «Hier,»), the sentence",
  "starts with `lead` copied as given, right before the subject; with the negation, mood and tense_choice focuses,",
  "add nothing that changes which negation, mood or tense is right.",
  "For a wrong statement, `explanation` is one English line naming the error and the correct form, using",
  "`mistake_hint` as the facts. For the correct statement, `translation` is a natural English translation of your",
  "sentence. Keep the words around verb_phrase within reach of a learner at the CEFR `level` of the task.",
  "Answer only with JSON matching the schema.",
].join(" ");

/** Builds the Chat Completions request asking for the sentence around one planned statement. */
export function buildStatementRequest(
  model: string,
  plan: ProblemPlan,
  statement: StatementPlan,
): ChatCompletionRequest {
  const task = {
    verb: plan.verb_infinitive,
    verb_meaning: plan.verb_gloss,
    tense: TENSE_NAMES[plan.tense],
    level: plan.level,
    negation: plan.includes_negation,
    subject: statement.subject,
    focus: plan.focus,
    ...(statement.lead ? { lead: statement.lead } : {}),
    verb_phrase: statement.verb_phrase,
    statement: statement.is_correct ? "correct" : "wrong",
    ...(statement.error ? { mistake: statement.error.kind, mistake_hint: statement.error.explanation } : {}),
    example_sentence: statement.reference_sentence,
  };
  return jsonTaskRequest(
    model,
    SYSTEM_PROMPT,
    task,
    statement.is_correct
      ? { name: "correct_quiz_statement", schema: CORRECT_STATEMENT_JSON_SCHEMA }
      : { name: "wrong_quiz_statement", schema: WRONG_STATEMENT_JSON_SCHEMA },
  );
}

/** Parses the model's content for one statement and re-checks its wording (see wording-check.ts). */
export function parseStatementOutput(content: string, plan: ProblemPlan, statement: StatementPlan): StatementOutput {
  const json = parseJsonOrThrow(
    content,
    `the model's content is not JSON (subject "${statement.subject}")`,
    "non_json_content",
  );
  const parsed = (statement.is_correct ? correctOutputSchema : wrongOutputSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LlmInvalidOutputError(
      `the model's JSON does not match the schema (subject "${statement.subject}"): ${issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "unknown"}`,
      "schema_mismatch",
    );
  }
  checkStatementWording(plan, statement, parsed.data);
  return parsed.data;
}
