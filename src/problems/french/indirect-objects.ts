import { type ObjectPronoun, thirdPersonPronoun } from "./object-pronouns";
import type { SubjectPronoun } from "./subjects";
import type { Referent } from "./verb-entry";

function thirdPerson(fr: string, en: string, en_pronoun: string, pronoun: ObjectPronoun): Referent {
  return { fr, en, en_pronoun, pronoun, excludes_subjects: [] };
}

// "à moi" -> me and the like. The speaker(s) named by the pronoun cannot also be the subject without turning reflexive.
function speechPerson(
  fr: string,
  form: "me" | "te" | "nous" | "vous",
  en: string,
  excludes: SubjectPronoun[],
): Referent {
  const pronoun: ObjectPronoun = {
    form,
    role: "indirect",
    gender: "m",
    number: form === "me" || form === "te" ? "s" : "p",
  };
  return { fr, en, en_pronoun: en, pronoun, excludes_subjects: excludes };
}

/** People an indirect object pronoun can stand for; shared by every verb that takes a COI. */
export const INDIRECT_OBJECTS: readonly Referent[] = [
  thirdPerson("à Marie", "Marie", "her", thirdPersonPronoun("indirect", "f", "s")),
  thirdPerson("à Paul", "Paul", "him", thirdPersonPronoun("indirect", "m", "s")),
  thirdPerson("aux enfants", "the children", "them", thirdPersonPronoun("indirect", "m", "p")),
  thirdPerson("aux voisines", "the neighbours", "them", thirdPersonPronoun("indirect", "f", "p")),
  // "on" reads as "we" here, so it goes with neither "à moi" nor "à nous" ("on me donne" would be "we give me").
  speechPerson("à moi", "me", "me", ["je", "on", "nous"]),
  speechPerson("à toi", "te", "you", ["tu", "vous"]),
  speechPerson("à nous", "nous", "us", ["je", "on", "nous"]),
  speechPerson("à vous", "vous", "you", ["tu", "vous"]),
];
