import { ValidationError } from "../../errors";
import { CURATED_VERBS } from "../french/curated-verbs";
import { NEGATIONS, type Negation } from "../french/french-clause";
import { INDIRECT_OBJECTS } from "../french/indirect-objects";
import { SUBJECT_PRONOUNS, type SubjectPronoun } from "../french/subjects";
import { findCuratedVerb } from "../french/verb-catalog";
import type { Complement, CuratedVerb, Referent } from "../french/verb-entry";
import {
  DEFAULT_STATEMENTS,
  type GenerationConstraints,
  type GenerationRequest,
  GRAMMATICAL_FOCUSES,
  type GrammaticalFocus,
  MAX_STATEMENTS,
  MIN_STATEMENTS,
  TENSES,
  type Tense,
  topicTagSchema,
} from "../types";
import { pickOne, type Random, randomInt, shuffled } from "./random";

// Share of problems with a negation when the request does not say.
const NEGATION_RATE = 0.25;

// Which objects a pronouns problem turns into pronouns.
type ObjectChoice = "cod" | "coi" | "cod_coi";

/** Every choice behind a problem, made before any sentence is written. */
export interface ProblemSetup {
  focus: GrammaticalFocus;
  verb: CuratedVerb;
  tense: Tense;
  negation: Negation | null;
  /**
   * What follows the verb as plain words. Conjugation: one of the verb's complements (none under "rien").
   * Pronouns: a direct object noun kept as a noun when only the indirect object becomes a pronoun ("je lui donne
   * le livre"), otherwise none.
   */
  complement: Complement | null;
  /** Pronouns focus: what the direct object pronoun stands for. */
  direct: Referent | null;
  /** Pronouns focus: what the indirect object pronoun stands for. */
  indirect: Referent | null;
  /** One distinct subject per statement, in statement order. */
  subjects: SubjectPronoun[];
  correct_index: number;
}

function statementCount(requested: number | undefined): number {
  const count = requested ?? DEFAULT_STATEMENTS;
  if (!Number.isInteger(count) || count < MIN_STATEMENTS || count > MAX_STATEMENTS) {
    throw new ValidationError(
      `statement_count must be an integer from ${MIN_STATEMENTS} to ${MAX_STATEMENTS}, got ${requested}`,
    );
  }
  return count;
}

function checkTopicTags(tags: readonly string[] | undefined): void {
  const invalid = (tags ?? []).filter((tag) => !topicTagSchema.safeParse(tag).success);
  if (invalid.length > 0) {
    throw new ValidationError(
      `invalid topic tags ${invalid.map((t) => JSON.stringify(t)).join(", ")}: use lowercase letters, digits, '_', ':' or '-'`,
    );
  }
}

// The requested verbs, all of which must be curated, or every curated verb.
function verbPool(requested: readonly string[] | undefined): readonly CuratedVerb[] {
  if (!requested) return CURATED_VERBS;
  const unknown = requested.filter((infinitive) => !findCuratedVerb(infinitive));
  if (unknown.length > 0) {
    throw new ValidationError(
      `unknown verb${unknown.length > 1 ? "s" : ""} ${unknown.map((v) => JSON.stringify(v)).join(", ")}: ` +
        `the template generator knows ${CURATED_VERBS.length} curated verbs (infinitives such as "manger", "aller", "se lever")`,
      "unknown_verb",
    );
  }
  return [...new Set(requested.map((infinitive) => findCuratedVerb(infinitive) as CuratedVerb))];
}

function objectChoices(verb: CuratedVerb, constraints: GenerationConstraints): ObjectChoice[] {
  if (verb.reflexive) return [];
  const { includes_cod: cod, includes_coi: coi } = constraints;
  const choices: ObjectChoice[] = [];
  if (verb.takes_cod && cod !== false && coi !== true) choices.push("cod");
  if (verb.takes_coi && coi !== false && cod !== true) choices.push("coi");
  if (verb.takes_cod && verb.takes_coi && cod !== false && coi !== false) choices.push("cod_coi");
  return choices;
}

function verbsFor(
  focus: GrammaticalFocus,
  constraints: GenerationConstraints,
  pool: readonly CuratedVerb[],
): CuratedVerb[] {
  // includes_cod / includes_coi ask for object pronouns, which only the pronouns focus drills.
  if (focus === "conjugation") return constraints.includes_cod || constraints.includes_coi ? [] : [...pool];
  return pool.filter((verb) => objectChoices(verb, constraints).length > 0);
}

function noVerbMessage(request: GenerationRequest, constraints: GenerationConstraints): string {
  if (request.focus === "conjugation") {
    return 'includes_cod and includes_coi ask for object pronouns, which the "conjugation" focus does not use; drop them or ask for "pronouns"';
  }
  if (constraints.includes_cod === false && constraints.includes_coi === false) {
    return 'the "pronouns" focus needs includes_cod or includes_coi; both are false';
  }
  const verbs = constraints.verb_infinitives
    ? `the requested verbs (${constraints.verb_infinitives.join(", ")})`
    : "the curated verbs";
  return `none of ${verbs} can take the requested object pronouns (includes_cod: ${constraints.includes_cod ?? "any"}, includes_coi: ${constraints.includes_coi ?? "any"})`;
}

function chooseNegation(
  constraints: GenerationConstraints,
  focus: GrammaticalFocus,
  verb: CuratedVerb,
  random: Random,
): Negation | null {
  if (!(constraints.includes_negation ?? random() < NEGATION_RATE)) return null;
  // "ne ... rien" makes rien the direct object, so it cannot sit next to an object pronoun or an intransitive verb.
  return pickOne(
    random,
    NEGATIONS.filter((n) => n !== "rien" || (focus === "conjugation" && verb.allows_rien)),
  );
}

/** Decides focus, verb, tense, negation, objects, subjects and the correct index; throws ValidationError on impossible requests. */
export function chooseSetup(request: GenerationRequest, random: Random): ProblemSetup {
  const count = statementCount(request.statement_count);
  checkTopicTags(request.topic_tags);
  const constraints = request.constraints ?? {};
  const pool = verbPool(constraints.verb_infinitives);

  const focuses = (request.focus ? [request.focus] : GRAMMATICAL_FOCUSES).filter(
    (f) => verbsFor(f, constraints, pool).length > 0,
  );
  if (focuses.length === 0) throw new ValidationError(noVerbMessage(request, constraints));
  const focus = pickOne(random, focuses);
  const verb = pickOne(random, verbsFor(focus, constraints, pool));
  const tense = pickOne(random, constraints.tenses_used ?? TENSES);
  const negation = chooseNegation(constraints, focus, verb, random);

  let complement: Complement | null = null;
  let direct: Referent | null = null;
  let indirect: Referent | null = null;
  if (focus === "conjugation") {
    complement = negation === "rien" ? null : pickOne(random, verb.complements);
  } else {
    const choice = pickOne(random, objectChoices(verb, constraints));
    if (choice !== "coi") direct = pickOne(random, verb.direct_objects);
    if (choice !== "cod") indirect = pickOne(random, INDIRECT_OBJECTS);
    if (choice === "coi" && verb.takes_cod) complement = pickOne(random, verb.direct_objects);
  }

  const excluded = new Set<string>(indirect?.excludes_subjects ?? []);
  const subjects = shuffled(
    random,
    SUBJECT_PRONOUNS.filter((s) => !excluded.has(s)),
  ).slice(0, count);
  return {
    focus,
    verb,
    tense,
    negation,
    complement,
    direct,
    indirect,
    subjects,
    correct_index: randomInt(random, count),
  };
}
