import { z } from "zod";

/** Problem categories stored in `problems.problem_type`. */
export const PROBLEM_TYPES = ["grammar", "functional", "vocabulary"] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];

/** Grammar points a generated problem can drill. */
export const GRAMMATICAL_FOCUSES = [
  "conjugation",
  "pronouns",
  // Choice problems: every statement has the same subject and verb, and each is right or wrong for its own frame.
  "negation", // ne ... personne / rien / aucun / que
  "mood", // indicative or subjunctive after a trigger
  "tense_choice", // imparfait or passé composé in context; si-clauses
] as const;
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
  "futur_anterieur",
  "conditionnel_passe",
  "subjonctif_passe",
  "futur_proche",
  "passe_recent",
  "imperatif",
] as const;
export type Tense = (typeof TENSES)[number];

/** CEFR levels a problem is written for; what each allows is decided in the planner (see docs/grammar.md). */
export const LEVELS = ["A1", "A2", "B1", "B2", "C1"] as const;
export type Level = (typeof LEVELS)[number];

/** The derived topic tag that marks a problem's level, e.g. "level:b1" (tags are lowercase). */
export function levelTag(level: Level): string {
  return `level:${level.toLowerCase()}`;
}

/** The kinds of deliberate mistakes a wrong statement can carry. */
export const MISTAKE_KINDS = [
  "wrong_person", // a form of the same verb and tense that belongs to another person
  "wrong_auxiliary", // avoir instead of être or the reverse, in a compound tense
  "wrong_agreement", // past participle agreement with the subject (être) or a preceding direct object (avoir)
  "pronoun_placement", // object pronoun in the wrong place
  "pronoun_order", // double pronouns in the wrong order
  "pronoun_category", // direct where indirect is needed, or the reverse (le/lui)
  "pronoun_gender", // le/la swapped
  "pronoun_number", // singular/plural swapped (le/les, lui/leur)
  "pronoun_form", // me/te where a command needs moi/toi, or moi/toi where it needs m'/t' (donne-moi-en)
  "imperative_spelling", // a command without its hyphens, without the -s kept before y/en, or with an -s it never takes
  "negation_pas", // «pas» added to a negation that is already complete (ne ... pas personne)
  "negation_placement", // personne / rien on the wrong side of the past participle
  "negation_agreement", // aucun(e) not agreeing with its noun, or followed by a plural
  "negation_article", // ne ... que treated as a negation: «que de pomme» for «qu'une pomme»
  "wrong_mood", // indicative where the trigger wants the subjunctive, or the reverse
  "wrong_tense", // a tense the context rules out (imparfait vs passé composé, si-clauses)
] as const;
export type MistakeKind = (typeof MISTAKE_KINDS)[number];

/** Grammatical person of a statement's subject: 1s = je, 2s = tu, 3s = il/elle, 1p = nous, 2p = vous, 3p = ils/elles. */
export const SUBJECT_PERSONS = ["1s", "2s", "3s", "1p", "2p", "3p"] as const;

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
  /** The planned mistake of a wrong statement; null on the correct one. Absent on problems stored before it existed. */
  mistake_kind: z.enum(MISTAKE_KINDS).nullable().optional(),
  subject_person: z.enum(SUBJECT_PERSONS).optional(),
  /** The verb group the statement tests, as planned (pronouns and negation included), e.g. "ne l'ai pas vue". */
  tested_form: z.string().trim().min(1).max(200).optional(),
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
  /** Absent on problems stored before levels existed. */
  level: z.enum(LEVELS).optional(),
  /** The mistake kinds its wrong statements carry, each once. */
  mistake_kinds: z.array(z.enum(MISTAKE_KINDS)).optional(),
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
    level: z.enum(LEVELS).optional(),
    /** Wrong statements use only these kinds of mistakes. */
    mistake_kinds: z.array(z.enum(MISTAKE_KINDS)).min(1).max(MISTAKE_KINDS.length).optional(),
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
const RESERVED_TAG = /^(focus:|tense:|verb:|level:|mistake:|negation$)/;

/** A topic tag as a caller may attach it to generated problems. */
export const callerTopicTagSchema = topicTagSchema.refine((tag) => !RESERVED_TAG.test(tag), {
  message: "tags starting with focus:, tense:, verb:, level:, mistake: and the tag negation are set by the service",
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
