import type { ObjectPronoun } from "./object-pronouns";
import type { Agreement, SubjectPronoun } from "./subjects";
import type { Referent } from "./verb-entry";

// me/te/nous/vous as direct objects. The form shows neither gender nor number, yet a participle after avoir agrees
// with them ("il nous a vues"): each referent names the people it stands for, so the learner can tell the agreement.
function person(
  form: "me" | "te" | "nous" | "vous",
  names: { fr: string; en: string },
  agreement: Agreement,
  excludes: SubjectPronoun[],
): Referent {
  const pronoun: ObjectPronoun = { form, role: "direct", ...agreement };
  const stressed = { me: "moi", te: "toi", nous: "nous", vous: "vous" }[form];
  const english = { me: "me", te: "you", nous: "us", vous: "you" }[form];
  return {
    fr: `${stressed} (${names.fr})`,
    en: `${english} (${names.en})`,
    en_pronoun: `${english} (${names.en})`,
    pronoun,
    excludes_subjects: excludes,
  };
}

const ME: SubjectPronoun[] = ["je", "on", "nous"];
const YOU: SubjectPronoun[] = ["tu", "vous"];

/** The people a direct me/te/nous/vous can stand for, two of each form, one of each gender. */
export const PERSON_OBJECTS: readonly Referent[] = [
  person("me", { fr: "Léa", en: "Léa" }, { gender: "f", number: "s" }, ME),
  person("me", { fr: "Hugo", en: "Hugo" }, { gender: "m", number: "s" }, ME),
  person("te", { fr: "Claire", en: "Claire" }, { gender: "f", number: "s" }, YOU),
  person("te", { fr: "Marc", en: "Marc" }, { gender: "m", number: "s" }, YOU),
  person("nous", { fr: "Léa et Claire", en: "Léa and Claire" }, { gender: "f", number: "p" }, ME),
  person("nous", { fr: "Hugo et Léa", en: "Hugo and Léa" }, { gender: "m", number: "p" }, ME),
  person("vous", { fr: "Claire et Inès", en: "Claire and Inès" }, { gender: "f", number: "p" }, YOU),
  person("vous", { fr: "Marc et Claire", en: "Marc and Claire" }, { gender: "m", number: "p" }, YOU),
];

/** Verbs whose direct object reads naturally as a person: "il nous a vus", "elle t'a aidée". */
export const PERSON_OBJECT_VERBS: ReadonlySet<string> = new Set([
  "voir",
  "aider",
  "appeler",
  "inviter",
  "attendre",
  "entendre",
  "rencontrer",
  "regarder",
  "écouter",
  "chercher",
  "trouver",
  "rejoindre",
  "comprendre",
  "suivre",
]);
