import { z } from "zod";

/** Problem categories stored in `problems.problem_type`. */
export const PROBLEM_TYPES = ["grammar", "functional", "vocabulary"] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];

/** Grammar points a generated problem can drill. */
export const GRAMMATICAL_FOCUSES = ["conjugation", "pronouns"] as const;
export type GrammaticalFocus = (typeof GRAMMATICAL_FOCUSES)[number];

/** Tenses (and moods) the generators know how to build. */
export const TENSES = [
  "present",
  "passe_compose",
  "imparfait",
  "future_simple",
  "conditionnel",
  "subjonctif",
  "plus_que_parfait",
] as const;
export type Tense = (typeof TENSES)[number];

/**
 * `target_language_code` of generated problems: the learners' language, in which explanations and translations are
 * written (ISO 639-2, the table's default). Every generator uses it, so one pool never holds two codes.
 */
export const LEARNER_LANGUAGE_CODE = "eng";

export const MIN_STATEMENTS = 2;
export const MAX_STATEMENTS = 6;
export const DEFAULT_STATEMENTS = 4;

export const statementSchema = z.object({
  content: z.string().trim().min(1).max(500),
  is_correct: z.boolean(),
  /** Why a wrong sentence is wrong (one line, English). Required on wrong statements. */
  explanation: z.string().trim().min(1).max(500).optional(),
  /** English translation. Required on the correct statement. */
  translation: z.string().trim().min(1).max(500).optional(),
});
export type Statement = z.infer<typeof statementSchema>;

export const problemMetadataSchema = z.object({
  grammatical_focus: z.array(z.enum(GRAMMATICAL_FOCUSES)).min(1),
  verb_infinitives: z.array(z.string().min(1)).min(1),
  tenses_used: z.array(z.enum(TENSES)).min(1),
  pronouns_used: z.array(z.string().min(1)).min(1),
  includes_negation: z.boolean(),
  includes_cod: z.boolean(),
  includes_coi: z.boolean(),
  verb_auxiliary: z.enum(["avoir", "etre"]),
  verb_classification: z.string().min(1),
  learning_objective: z.string().min(1),
});
export type ProblemMetadata = z.infer<typeof problemMetadataSchema>;

/** Constraints a caller may put on what gets generated. */
export const generationConstraintsSchema = z
  .object({
    verb_infinitives: z.array(z.string().trim().min(1).max(40)).min(1).max(20).optional(),
    tenses_used: z.array(z.enum(TENSES)).min(1).max(TENSES.length).optional(),
    includes_negation: z.boolean().optional(),
    includes_cod: z.boolean().optional(),
    includes_coi: z.boolean().optional(),
  })
  .strict();
export type GenerationConstraints = z.infer<typeof generationConstraintsSchema>;

export const topicTagSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_:-]+$/, "topic tags are lowercase letters, digits, '_', ':' or '-'");

/** Tags the service derives itself (see deriveTopicTags); a caller setting them could mislabel what a problem drills. */
const RESERVED_TAG = /^(focus:|tense:|verb:|negation$)/;

/** A topic tag as a caller may attach it to generated problems. */
export const callerTopicTagSchema = topicTagSchema.refine((tag) => !RESERVED_TAG.test(tag), {
  message: "tags starting with focus:, tense:, verb: and the tag negation are set by the service",
});

/** What a caller asks a generator for: everything optional, defaults chosen by the generator. */
export interface GenerationRequest {
  focus?: GrammaticalFocus;
  statement_count?: number;
  constraints?: GenerationConstraints;
  topic_tags?: string[];
}

/** A problem as a generator produces it, before it is stored (no id or timestamps yet). */
export interface NewProblem {
  problem_type: ProblemType;
  title: string;
  instructions: string;
  correct_answer_index: number;
  target_language_code: string;
  statements: Statement[];
  topic_tags: string[];
  metadata: ProblemMetadata;
}

/** How a problem came to be: kept in `problems.generation_trace`. */
export interface GenerationTrace {
  generator: string;
  duration_ms: number;
  seed?: number;
  model?: string;
  input_tokens?: number;
  output_tokens?: number;
  reasoning_tokens?: number;
}
