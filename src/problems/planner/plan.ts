import type { GenerationRequest, GrammaticalFocus, Level, MistakeKind, ProblemMetadata, Tense } from "../types";

/** The kinds of deliberate mistakes a wrong statement can carry. */
export type ErrorKind = MistakeKind;

/**
 * One statement decided in code before any text is written: who, which verb form (right or deliberately wrong),
 * and the full reference sentence the template generator renders. The `openai` generator keeps `verb_phrase`
 * verbatim and only writes the sentence around it, so the grammar being tested never depends on the model.
 */
export interface StatementPlan {
  /** Subject pronoun as written at the start of the sentence, e.g. "je", "nous", "elles". */
  subject: string;
  /** The exact verb group to use, pronouns and negation included, e.g. "ne l'ai pas mangée", "sommes allés". */
  verb_phrase: string;
  /**
   * Choice problems: the words written before the subject that decide the answer, exactly as the sentence writes
   * them (a mood trigger «Il faut que», «Si», «Hier,»). A generator keeps them right before the subject.
   */
  lead?: string;
  is_correct: boolean;
  /** Present on wrong statements. */
  error?: { kind: ErrorKind; explanation: string };
  /** The complete sentence the template generator uses, e.g. "Je ne l'ai pas mangée." */
  reference_sentence: string;
  /** English translation of the reference sentence (meaningful for the correct statement). */
  translation: string;
}

/** Everything about a problem that is decided before wording: the same plan feeds every generator. */
export interface ProblemPlan {
  focus: GrammaticalFocus;
  level: Level;
  verb_infinitive: string;
  /** English gloss of the verb, e.g. "to eat". */
  verb_gloss: string;
  tense: Tense;
  includes_negation: boolean;
  includes_cod: boolean;
  includes_coi: boolean;
  correct_index: number;
  statements: StatementPlan[];
  metadata: ProblemMetadata;
  title: string;
  instructions: string;
  topic_tags: string[];
}

/** Decides a problem plan from a request and a random source; throws a ValidationError for impossible constraints. */
export type PlanProblem = (request: GenerationRequest, random: () => number) => ProblemPlan;
