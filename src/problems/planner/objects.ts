import { isCompoundTense } from "../french/conjugator";
import type { Negation } from "../french/french-clause";
import { INDIRECT_OBJECTS } from "../french/indirect-objects";
import { PERSON_OBJECT_VERBS, PERSON_OBJECTS } from "../french/person-objects";
import type { Complement, CuratedVerb, Referent } from "../french/verb-entry";
import { type AdverbialReferent, adverbialObjects } from "../french/y-and-en";
import type { GenerationConstraints, Level, Tense } from "../types";
import { atMost, type ObjectChoice, objectsLevel } from "./levels";
import { pickFavouring, pickOne, type Random } from "./random";

// A command speaks to tu or vous, so "donne-le-toi" and "donnez-le-vous" read as reflexive, not as "give it to you".
const NOT_ADDRESSED = INDIRECT_OBJECTS.filter((r) => r.pronoun.form !== "te" && r.pronoun.form !== "vous");
const TO_ME = NOT_ADDRESSED.filter((r) => r.pronoun.form === "me");

// Commands mostly ask for something for the speaker ("donne-le-moi", "donne-m'en"), and moi/m' is what commands
// teach about the pronouns, so "à moi" gets half of them.
function commandRecipient(random: Random): Referent {
  return pickOne(random, random() < 0.5 ? TO_ME : NOT_ADDRESSED);
}

/** What a pronouns problem turns into pronouns, and the noun kept as a noun beside them. */
export interface DrawnObjects {
  objects: ObjectChoice;
  direct: Referent | null;
  indirect: Referent | null;
  adverbial: AdverbialReferent | null;
  complement: Complement | null;
}

function adverbialsOf(verb: CuratedVerb, form: "y" | "en"): readonly AdverbialReferent[] {
  return adverbialObjects(verb.infinitive).filter((r) => r.pronoun.form === form);
}

/**
 * The object pronoun combinations a verb can take under the constraints. me/te/nous/vous as direct objects count
 * as direct objects; y and en are neither direct nor indirect objects, so a request that insists on one of those
 * does not get them.
 */
export function objectChoices(verb: CuratedVerb, constraints: GenerationConstraints): ObjectChoice[] {
  if (verb.reflexive) return [];
  const { includes_cod: cod, includes_coi: coi } = constraints;
  const choices: ObjectChoice[] = [];
  if (verb.takes_cod && cod !== false && coi !== true) choices.push("cod");
  if (verb.takes_coi && coi !== false && cod !== true) choices.push("coi");
  if (verb.takes_cod && verb.takes_coi && cod !== false && coi !== false) choices.push("cod_coi");
  if (PERSON_OBJECT_VERBS.has(verb.infinitive) && cod !== false && coi !== true) choices.push("cod_person");
  if (cod !== true && coi !== true) {
    if (adverbialsOf(verb, "y").length > 0) choices.push("y");
    if (adverbialsOf(verb, "en").length > 0 && !verb.takes_coi) choices.push("en");
  }
  if (adverbialsOf(verb, "en").length > 0 && verb.takes_coi && coi !== false && cod !== true) choices.push("coi_en");
  return choices;
}

// A direct me/te/nous/vous is drilled for the participle agreeing with it, which only compound tenses show.
function fitsTense(choice: ObjectChoice, tense: Tense): boolean {
  return choice !== "cod_person" || isCompoundTense(tense);
}

/** Draws which objects become pronouns and what they stand for, among what `level` allows; null when nothing fits. */
export function drawObjects(
  verb: CuratedVerb,
  tense: Tense,
  negation: Negation | null,
  level: Level,
  constraints: GenerationConstraints,
  random: Random,
): DrawnObjects | null {
  const levelOf = (c: ObjectChoice) => objectsLevel(c, tense, negation);
  const choices = objectChoices(verb, constraints).filter((c) => fitsTense(c, tense) && atMost(levelOf(c), level));
  if (choices.length === 0) return null;
  const objects = pickFavouring(random, choices, (c) => levelOf(c) === level);
  const drawn: DrawnObjects = { objects, direct: null, indirect: null, adverbial: null, complement: null };
  if (objects === "cod" || objects === "cod_coi") drawn.direct = pickOne(random, verb.direct_objects);
  if (objects === "cod_person") drawn.direct = pickOne(random, PERSON_OBJECTS);
  if (objects === "coi" || objects === "cod_coi" || objects === "coi_en")
    drawn.indirect = tense === "imperatif" ? commandRecipient(random) : pickOne(random, INDIRECT_OBJECTS);
  if (objects === "y" || objects === "en") drawn.adverbial = pickOne(random, adverbialsOf(verb, objects));
  if (objects === "coi_en") drawn.adverbial = pickOne(random, adverbialsOf(verb, "en"));
  if (objects === "coi" && verb.takes_cod) drawn.complement = pickOne(random, verb.direct_objects);
  return drawn;
}

/** The object pronouns a setup turns into pronouns, as the level rules name them. */
export function objectChoiceOf(parts: Pick<DrawnObjects, "direct" | "indirect" | "adverbial">): ObjectChoice | null {
  const { direct, indirect, adverbial } = parts;
  if (adverbial) return indirect ? "coi_en" : (adverbial.pronoun.form as "y" | "en");
  if (direct && indirect) return "cod_coi";
  if (direct) return PERSON_OBJECTS.includes(direct) ? "cod_person" : "cod";
  return indirect ? "coi" : null;
}
