import { verbClassification } from "../french/conjugator";
import type { SubjectPronoun } from "../french/subjects";
import type { CuratedVerb } from "../french/verb-entry";
import {
  type GenerationConstraints,
  type GrammaticalFocus,
  type Level,
  MISTAKE_KINDS,
  type MistakeKind,
  type ProblemMetadata,
  type Tense,
} from "../types";
import { deriveTopicTags } from "../validation";
import { atMost, frameLevel, highest, mistakeLevel, tenseLevel, verbLevel } from "./levels";
import type { ProblemPlan, StatementPlan } from "./plan";
import { base36Tag, pickOne, type Random, randomInt } from "./random";
import type { PreparedRequest } from "./request";
import { pickVerb } from "./setup";

/**
 * One statement of a choice problem (negation, mood, tense choice), written and explained before the problem is put
 * together. Every statement of a problem has the same subject and verb; each is right or wrong for its own frame
 * (the negation word, the mood trigger, the context), so a learner has to know the point, not the agreement.
 */
export interface ChoiceStatement {
  /** The frame's id, which gives its level (CHOICE_FRAME_LEVELS). */
  frame: string;
  /** Every tense written in the sentence. */
  tenses: readonly Tense[];
  sentence: string;
  /** What follows the subject and carries the point: the verb group, with the context that comes after it. */
  tested_form: string;
  /** The words before the subject that decide the answer (a trigger, «Si», «Hier,»), as written; null when none. */
  lead: string | null;
  error: { kind: MistakeKind; explanation: string } | null;
  /** English meaning of the frame's correct sentence. */
  translation: string;
  /** Every correct sentence of this statement's frame; a wrong statement equals none and is explained against them. */
  accepted: readonly string[];
}

/** The statements a construction can offer for one verb and subject. */
export interface ChoiceOptions {
  subject: SubjectPronoun;
  correct: readonly ChoiceStatement[];
  wrong: readonly ChoiceStatement[];
  learning_objective: string;
  instructions: string;
}

/** A kind of choice problem: which verbs it uses and the statements it offers for one of them. */
export interface ChoiceConstruction {
  focus: GrammaticalFocus;
  /** The mistakes its wrong statements carry. */
  kinds: readonly MistakeKind[];
  /** Whether its sentences carry a negation (includes_negation). */
  negated: boolean;
  /** The most statements one problem can have. */
  maxStatements: number;
  /** Whether two statements may share a frame (two mistakes on the same negation word); mood triggers may not. */
  repeatsFrames: boolean;
  /** Whether a problem can be written with only these tenses (tenses_used). */
  fitsTenses(tenses: readonly Tense[]): boolean;
  /** The tenses it needs, for the message when tenses_used leaves it none: "the present and the subjonctif". */
  tensesNeeded: string;
  /** The verbs it can use at `level` (at any level when absent). */
  verbs(pool: readonly CuratedVerb[], level?: Level): CuratedVerb[];
  /** Every statement on offer for this verb, a subject it draws and `level`, or null when the draw leads nowhere. */
  options(verb: CuratedVerb, random: Random, level: Level): ChoiceOptions | null;
}

/** Whether the constraints leave room for this construction at all (levels and draws aside). */
export function choiceServes(
  construction: ChoiceConstruction,
  constraints: GenerationConstraints,
  pool: readonly CuratedVerb[],
): boolean {
  if (constraints.includes_cod || constraints.includes_coi) return false;
  if (constraints.includes_negation !== undefined && constraints.includes_negation !== construction.negated)
    return false;
  const kinds = constraints.mistake_kinds;
  if (kinds && !construction.kinds.some((k) => kinds.includes(k))) return false;
  if (constraints.tenses_used && !construction.fitsTenses(constraints.tenses_used)) return false;
  return construction.verbs(pool).length > 0;
}

function statementLevel(focus: GrammaticalFocus, statement: ChoiceStatement): Level {
  return highest([
    frameLevel(statement.frame),
    ...statement.tenses.map(tenseLevel),
    ...(statement.error ? [mistakeLevel(statement.error.kind, focus)] : []),
  ]);
}

// A kind drawn uniformly among those left, then a statement of that kind, as for the other problems.
function takeWrong(pool: ChoiceStatement[], random: Random): ChoiceStatement {
  const kind = pickOne(random, [...new Set(pool.map((s) => s.error?.kind))]);
  const statement = pickOne(
    random,
    pool.filter((s) => s.error?.kind === kind),
  );
  pool.splice(pool.indexOf(statement), 1);
  return statement;
}

/**
 * The correct statement and `count - 1` wrong ones, all of at most `level`, with at least one thing of exactly
 * `level` (the verb or a statement), or null.
 */
function selectStatements(
  construction: ChoiceConstruction,
  options: ChoiceOptions,
  verb: CuratedVerb,
  prepared: PreparedRequest,
  level: Level,
  random: Random,
): ChoiceStatement[] | null {
  const { constraints, count } = prepared;
  const levelOf = (s: ChoiceStatement) => statementLevel(construction.focus, s);
  const allowedTenses = constraints.tenses_used;
  const fits = (s: ChoiceStatement) =>
    atMost(levelOf(s), level) && (!allowedTenses || s.tenses.every((t) => allowedTenses.includes(t)));
  const correctPool = options.correct.filter(fits);
  if (correctPool.length === 0) return null;
  const correct = pickOne(random, correctPool);
  const kinds = new Set<MistakeKind>(constraints.mistake_kinds ?? MISTAKE_KINDS);
  let pool = options.wrong.filter((s) => fits(s) && s.error && kinds.has(s.error.kind));
  const chosen = [correct];
  const admit = (s: ChoiceStatement) =>
    !chosen.some((c) => c.sentence === s.sentence) &&
    (construction.repeatsFrames || !chosen.some((c) => c.frame === s.frame));
  if (highest([verbLevel(verb), levelOf(correct)]) !== level) {
    const lifting = pool.filter((s) => admit(s) && levelOf(s) === level);
    if (lifting.length === 0) return null;
    const first = takeWrong(lifting, random);
    chosen.push(first);
    pool = pool.filter((s) => s !== first);
  }
  while (chosen.length < count) {
    pool = pool.filter(admit);
    if (pool.length === 0) return null;
    chosen.push(takeWrong(pool, random));
  }
  return chosen;
}

function statementPlan(subject: SubjectPronoun, statement: ChoiceStatement): StatementPlan {
  return {
    subject,
    verb_phrase: statement.tested_form,
    ...(statement.lead ? { lead: statement.lead } : {}),
    is_correct: statement.error === null,
    ...(statement.error ? { error: statement.error } : {}),
    reference_sentence: statement.sentence,
    translation: statement.translation,
  };
}

/** A choice problem's plan, with each statement's accepted sentences for the tests that check it. */
export interface ChoicePlan {
  plan: ProblemPlan;
  accepted: string[][];
}

/** Plans a problem of a choice construction at exactly `level`, or returns null when this draw leads nowhere. */
export function planChoice(
  construction: ChoiceConstruction,
  prepared: PreparedRequest,
  level: Level,
  random: Random,
): ChoicePlan | null {
  const verbs = construction.verbs(prepared.pool, level).filter((v) => atMost(verbLevel(v), level));
  if (verbs.length === 0) return null;
  const verb = pickVerb(random, verbs);
  const options = construction.options(verb, random, level);
  if (!options) return null;
  const selected = selectStatements(construction, options, verb, prepared, level, random);
  if (!selected) return null;
  const [correct, ...wrong] = selected as [ChoiceStatement, ...ChoiceStatement[]];
  const correctIndex = randomInt(random, selected.length);
  const ordered = [...wrong.slice(0, correctIndex), correct, ...wrong.slice(correctIndex)];
  const kinds = MISTAKE_KINDS.filter((k) => wrong.some((s) => s.error?.kind === k));
  const meta: ProblemMetadata = {
    grammatical_focus: [construction.focus],
    verb_infinitives: [verb.infinitive],
    // The correct statement's tenses first: plan.tense is the first of them.
    tenses_used: [...new Set([correct, ...ordered].flatMap((s) => s.tenses))],
    pronouns_used: [options.subject],
    includes_negation: construction.negated,
    includes_cod: false,
    includes_coi: false,
    verb_auxiliary: verb.auxiliary,
    verb_classification: verbClassification(verb),
    learning_objective: options.learning_objective,
    level,
    mistake_kinds: kinds,
  };
  const plan: ProblemPlan = {
    focus: construction.focus,
    level,
    verb_infinitive: verb.infinitive,
    verb_gloss: `to ${verb.english.base}`,
    tense: correct.tenses[0] as Tense,
    includes_negation: construction.negated,
    includes_cod: false,
    includes_coi: false,
    correct_index: correctIndex,
    statements: ordered.map((s) => statementPlan(options.subject, s)),
    metadata: meta,
    title: `Grammar: ${verb.infinitive} (${base36Tag(random)})`,
    instructions: options.instructions,
    topic_tags: deriveTopicTags(meta, prepared.request.topic_tags),
  };
  return { plan, accepted: ordered.map((s) => [...s.accepted]) };
}
