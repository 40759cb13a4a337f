import { isCompoundTense, verbClassification } from "../french/conjugator";
import { NEGATIONS, type Negation } from "../french/french-clause";
import { SUBJECT_PRONOUNS, type SubjectPronoun } from "../french/subjects";
import type { Complement, CuratedVerb, Referent } from "../french/verb-entry";
import type { AdverbialReferent } from "../french/y-and-en";
import type { GenerationConstraints, GrammaticalFocus, Level, Tense } from "../types";
import { atMost, MOST_COMMON_VERBS, negationLevel, tenseLevel, verbLevel } from "./levels";
import { type DrawnObjects, drawObjects } from "./objects";
import { pickFavouring, pickOne, type Random, randomInt, shuffled } from "./random";
import { type PreparedRequest, tensesFor, verbsFor } from "./request";

// Share of problems with a negation when the request does not say.
const NEGATION_RATE = 0.25;
// Share of A2 and B1 pronoun problems that are commands, when the verb and request allow one. Drawn like any other
// tense, commands were one problem in a hundred although their pronoun order ("donne-le-moi") is a classic trap;
// above B1 a command cannot reach the level (its pronouns never precede a participle).
const COMMAND_RATE = 0.25;
// Commands only ever given in the negative: "ne me mens pas" is what anyone says, "mens-moi" is an odd request.
const NEGATIVE_ONLY_COMMANDS = new Set(["mentir"]);

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
  /** Pronouns focus: what y or en stands for. */
  adverbial: AdverbialReferent | null;
  /**
   * The subject of each statement, in statement order: all different when the point is agreement with the subject
   * (conjugation), the same one when it is not (pronouns), so the subject gives nothing away.
   */
  subjects: SubjectPronoun[];
  correct_index: number;
}

type FrequencyBand = "most_common" | "irregular" | "regular";
const bands = new Map<CuratedVerb, FrequencyBand>();

// The most common verbs; other irregular, être and reflexive verbs; regular -er and -ir verbs.
function frequencyBand(verb: CuratedVerb): FrequencyBand {
  let band = bands.get(verb);
  if (!band) {
    band = MOST_COMMON_VERBS.includes(verb.infinitive)
      ? "most_common"
      : verb.reflexive || verb.auxiliary === "etre" || verbClassification(verb) === "third_group"
        ? "irregular"
        : "regular";
    bands.set(verb, band);
  }
  return band;
}

// A band first, then a verb in it: the ten most common verbs get a third of the problems between them instead of
// drowning among a hundred regular verbs.
export function pickVerb(random: Random, verbs: readonly CuratedVerb[]): CuratedVerb {
  const band = pickOne(random, [...new Set(verbs.map(frequencyBand))]);
  return pickOne(
    random,
    verbs.filter((v) => frequencyBand(v) === band),
  );
}

function negationsFor(
  constraints: GenerationConstraints,
  focus: GrammaticalFocus,
  verb: CuratedVerb,
  tense: Tense,
  level: Level,
  random: Random,
): (Negation | null)[] {
  const negativeOnly = tense === "imperatif" && NEGATIVE_ONLY_COMMANDS.has(verb.lemma);
  const wanted = constraints.includes_negation ?? (negativeOnly || random() < NEGATION_RATE);
  if (!wanted) return negativeOnly ? [] : [null];
  // "Je ne viens pas de manger" denies something that just happened: a reply, not a sentence to practise.
  if (tense === "passe_recent") return [];
  // "ne ... rien" makes rien the direct object, so it cannot sit next to an object pronoun or an intransitive verb;
  // "jamais" and "plus" turn a one-off event into an odd life fact ("il n'avait jamais rencontré d'ami").
  return NEGATIONS.filter(
    (n) =>
      (n !== "rien" || (focus === "conjugation" && verb.allows_rien)) &&
      ((n !== "jamais" && n !== "plus") || verb.aspect !== "event") &&
      atMost(negationLevel(n), level),
  );
}

// The verbs a focus can use at a level; computed once per request, since every draw asks again.
function verbsAt(prepared: PreparedRequest, focus: GrammaticalFocus, level: Level): readonly CuratedVerb[] {
  const key = `${focus}:${level}`;
  let verbs = prepared.verbs.get(key);
  if (!verbs) {
    const pool = prepared.pool.filter((verb) => atMost(verbLevel(verb), level));
    verbs = verbsFor(focus, prepared.constraints, pool);
    prepared.verbs.set(key, verbs);
  }
  return verbs;
}

// A command addresses tu, nous or vous and has no subject of its own to vary: every statement addresses the same one.
const ADDRESSEES: readonly SubjectPronoun[] = ["tu", "nous", "vous"];

function subjectsFor(tense: Tense, excluded: ReadonlySet<string>, count: number, random: Random): SubjectPronoun[] {
  if (tense === "imperatif") {
    const addressee = pickOne(
      random,
      ADDRESSEES.filter((s) => !excluded.has(s)),
    );
    return Array.from({ length: count }, () => addressee);
  }
  return shuffled(
    random,
    SUBJECT_PRONOUNS.filter((s) => !excluded.has(s)),
  ).slice(0, count);
}

/**
 * Draws verb, tense, negation, objects, subjects and the correct index of a conjugation or pronouns problem among
 * what `level` allows, or null when this draw leads nowhere (the caller draws again). Whether the problem reaches the
 * level is the caller's check.
 */
export function drawSetup(
  prepared: PreparedRequest,
  focus: GrammaticalFocus,
  level: Level,
  random: Random,
): ProblemSetup | null {
  const { constraints, count } = prepared;
  const verbs = verbsAt(prepared, focus, level);
  if (verbs.length === 0) return null;
  const verb = pickVerb(random, verbs);
  const tenses = tensesFor(verb, constraints, focus).filter((t) => atMost(tenseLevel(t), level));
  if (tenses.length === 0) return null;
  const command = focus === "pronouns" && tenses.includes("imperatif") && atMost(level, "B1");
  const tense =
    command && random() < COMMAND_RATE ? "imperatif" : pickFavouring(random, tenses, (t) => tenseLevel(t) === level);
  const negations = negationsFor(constraints, focus, verb, tense, level, random);
  if (negations.length === 0) return null;
  const negation = pickOne(random, negations);

  const drawn: Omit<DrawnObjects, "objects"> | null =
    focus === "conjugation"
      ? {
          direct: null,
          indirect: null,
          adverbial: null,
          complement: negation === "rien" ? null : pickOne(random, verb.complements),
        }
      : drawObjects(verb, tense, negation, level, constraints, random);
  if (!drawn) return null;

  const excluded = new Set<string>(
    [drawn.direct, drawn.indirect].flatMap((referent) => referent?.excludes_subjects ?? []),
  );
  // "on est allé(s)": the participle after être agrees with whoever "on" stands for, which a sentence cannot show.
  if (isCompoundTense(tense) && verb.auxiliary === "etre") excluded.add("on");
  const subjects = subjectsFor(tense, excluded, count, random);
  return {
    focus,
    verb,
    tense,
    negation,
    complement: drawn.complement,
    direct: drawn.direct,
    indirect: drawn.indirect,
    adverbial: drawn.adverbial,
    subjects,
    correct_index: randomInt(random, count),
  };
}
