import { ValidationError } from "../../errors";
import { verbClassification } from "../french/conjugator";
import {
  type GenerationRequest,
  type GrammaticalFocus,
  LEVELS,
  type Level,
  MISTAKE_KINDS,
  type MistakeKind,
  type ProblemMetadata,
} from "../types";
import { deriveTopicTags } from "../validation";
import { planChoice } from "./choice";
import { correctRenderings, objectPronouns } from "./clauses";
import { CHOICE_CONSTRUCTIONS } from "./constructions";
import { atMost, CHOICE_FOCUS_LEVELS, FOCUS_WEIGHTS, type LevelledChoices, mistakeLevel, problemLevel } from "./levels";
import { objectChoiceOf } from "./objects";
import type { PlanProblem, ProblemPlan, StatementPlan } from "./plan";
import { base36Tag, type Random, seededRandom, shuffled, weightedOrder } from "./random";
import { highestReachableLevel, type PreparedRequest, prepareRequest } from "./request";
import { drawSetup, type ProblemSetup } from "./setup";
import { planStatements } from "./statements";
import { instructions, learningObjective, title } from "./wording";

// Draws per focus and level before giving up on the pair. Under no constraints every pair succeeds at least one
// draw in two (A2 tense choice, C1 conjugation and pronouns are the hardest, measured over 3,000 seeds); constraints
// make some pairs far rarer, and a pair that fails this many draws is, for practical purposes, impossible.
const DRAWS_PER_FOCUS = 150;

function metadata(setup: ProblemSetup, level: Level, kinds: readonly MistakeKind[]): ProblemMetadata {
  return {
    grammatical_focus: [setup.focus],
    verb_infinitives: [setup.verb.infinitive],
    tenses_used: [setup.tense],
    // Subject pronouns in statement order (each once), then the object pronouns a pronouns problem drills.
    pronouns_used: [...new Set(setup.subjects), ...objectPronouns(setup).map((p) => p.form)],
    includes_negation: setup.negation !== null,
    includes_cod: setup.direct !== null,
    includes_coi: setup.indirect !== null,
    verb_auxiliary: setup.verb.auxiliary,
    verb_classification: verbClassification(setup.verb),
    learning_objective: learningObjective(setup),
    level,
    mistake_kinds: [...kinds],
  };
}

export interface TemplatePlan {
  plan: ProblemPlan;
  /**
   * The choices behind a conjugation or pronouns plan, for tests that re-derive the correct sentences independently;
   * null for choice problems.
   */
  setup: ProblemSetup | null;
  /** For each statement, every sentence that is correct for its subject and frame: a wrong one equals none of them. */
  accepted: string[][];
}

function mistakeKinds(statements: readonly StatementPlan[]): MistakeKind[] {
  const used = new Set(statements.flatMap((s) => (s.error ? [s.error.kind] : [])));
  return MISTAKE_KINDS.filter((kind) => used.has(kind));
}

// Pronoun problems share one subject when it has enough different mistakes; otherwise, and for conjugation (where
// the subject is the point), each statement has its own.
function withSubjects(setup: ProblemSetup): ProblemSetup[] {
  const first = setup.subjects[0];
  if (setup.focus !== "pronouns" || !first) return [setup];
  return [{ ...setup, subjects: setup.subjects.map(() => first) }, setup];
}

function choicesOf(setup: ProblemSetup): Omit<LevelledChoices, "mistakes"> {
  return {
    focus: setup.focus,
    verb: setup.verb,
    tense: setup.tense,
    negation: setup.negation,
    objects: objectChoiceOf(setup),
  };
}

function attempt(
  prepared: PreparedRequest,
  focus: GrammaticalFocus,
  level: Level,
  random: Random,
): TemplatePlan | null {
  const construction = CHOICE_CONSTRUCTIONS[focus];
  if (construction) {
    const planned = planChoice(construction, prepared, level, random);
    return planned && { ...planned, setup: null };
  }
  const drawn = drawSetup(prepared, focus, level, random);
  if (!drawn) return null;
  const requested = prepared.constraints.mistake_kinds ?? MISTAKE_KINDS;
  const allowed = new Set(requested.filter((kind) => atMost(mistakeLevel(kind, drawn.focus), level)));
  // Mistakes can only lift a problem so far; when even the subtlest allowed one would not reach the level, the
  // statements are not worth writing.
  const withoutMistakes = problemLevel({ ...choicesOf(drawn), mistakes: [] });
  const liftable = [...allowed].some((kind) => mistakeLevel(kind, drawn.focus) === level);
  if (withoutMistakes !== level && !liftable) return null;
  for (const setup of withSubjects(drawn)) {
    const statements = planStatements(setup, allowed, random);
    if (!statements) continue;
    const kinds = mistakeKinds(statements);
    const reached = problemLevel({ ...choicesOf(setup), mistakes: kinds });
    if (reached !== level) return null;
    const meta = metadata(setup, level, kinds);
    const plan: ProblemPlan = {
      focus: setup.focus,
      level,
      verb_infinitive: setup.verb.infinitive,
      verb_gloss: `to ${setup.verb.english.base}`,
      tense: setup.tense,
      includes_negation: meta.includes_negation,
      includes_cod: meta.includes_cod,
      includes_coi: meta.includes_coi,
      correct_index: setup.correct_index,
      statements,
      metadata: meta,
      title: title(setup, base36Tag(random)),
      instructions: instructions(setup),
      topic_tags: deriveTopicTags(meta, prepared.request.topic_tags),
    };
    const accepted = setup.subjects.map((subject) => correctRenderings(setup, subject).map((r) => r.sentence));
    return { plan, setup, accepted };
  }
  return null;
}

/** `planProblem` that also returns the setup it was built from. */
export function planWithSetup(request: GenerationRequest, random: Random): TemplatePlan {
  const prepared = prepareRequest(request);
  const requested = prepared.constraints.level;
  // No level asked: levels are tried in random order, so the pool gets an even mix of the levels the constraints allow.
  const reachable = highestReachableLevel(prepared);
  const levels = (requested ? [requested] : shuffled(random, LEVELS)).filter((l) => atMost(l, reachable));
  for (const level of levels) {
    // The focuses the request allows, in an order drawn by the level's mix (FOCUS_WEIGHTS); the next one is tried
    // only when the constraints leave the first none.
    const weights: Partial<Record<GrammaticalFocus, number>> = {};
    for (const f of prepared.focuses)
      weights[f] = CHOICE_FOCUS_LEVELS[f]?.includes(level) === false ? 0 : (FOCUS_WEIGHTS[level][f] ?? 0);
    for (const focus of weightedOrder(random, weights)) {
      for (let draw = 0; draw < DRAWS_PER_FOCUS; draw++) {
        const planned = attempt(prepared, focus, level, random);
        if (planned) return planned;
      }
    }
  }
  const constraints = JSON.stringify(request.constraints ?? {});
  throw new ValidationError(
    requested
      ? `no ${request.focus ? `${request.focus} ` : ""}problem at level ${requested} meets the constraints ${constraints}; try another level or fewer constraints`
      : `no problem meets the constraints ${constraints} together; drop one of them`,
  );
}

/**
 * Decides everything about a problem before any wording: level, verb, tense, negation, objects, the subject of each
 * statement, the correct index and, for each wrong statement, the exact mistake and its explanation. Deterministic
 * for a given random source; throws ValidationError for constraints no curated verb can meet.
 */
export const planProblem: PlanProblem = (request, random) => planWithSetup(request, random).plan;

/**
 * Throws the planner's ValidationError when no problem can satisfy the request (an unknown verb, COD asked for with
 * the conjugation focus, ...). The API calls it before accepting work, so such a request is a 400 instead of an
 * accepted request whose every item fails later.
 */
export function assertPlannable(request: GenerationRequest): void {
  planWithSetup(request, seededRandom(0));
}
