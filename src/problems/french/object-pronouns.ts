import type { Gender, GrammaticalNumber } from "./subjects";

export type ObjectPronounForm = "me" | "te" | "nous" | "vous" | "le" | "la" | "les" | "lui" | "leur" | "y" | "en";
/** "adverbial": y (à + a place or thing) and en (de + a place, or an indefinite quantity); neither makes a participle agree. */
export type ObjectRole = "direct" | "indirect" | "adverbial";

/**
 * An unstressed object pronoun together with what it stands for. Gender and number are kept even where the form
 * does not show them ("les", "lui"), because a preceding direct object still makes the past participle agree.
 */
export interface ObjectPronoun {
  form: ObjectPronounForm;
  role: ObjectRole;
  gender: Gender;
  number: GrammaticalNumber;
}

/** The third-person pronoun for a role, gender and number: le/la/les for direct objects, lui/leur for indirect. */
export function thirdPersonPronoun(
  role: "direct" | "indirect",
  gender: Gender,
  number: GrammaticalNumber,
): ObjectPronoun {
  const form: ObjectPronounForm =
    role === "direct" ? (number === "p" ? "les" : gender === "f" ? "la" : "le") : number === "p" ? "leur" : "lui";
  return { form, role, gender, number };
}

export function isThirdPerson(pronoun: ObjectPronoun): boolean {
  return ["le", "la", "les", "lui", "leur"].includes(pronoun.form);
}

/**
 * Position of a clitic before the verb: me/te/se/nous/vous, then le/la/les, then lui/leur, then y, then en
 * ("je lui en donne", "il y en a"). Reflexive pronouns share the first rank with me/te/nous/vous.
 */
export function cliticRank(form: string): number {
  if (form === "le" || form === "la" || form === "les") return 2;
  if (form === "lui" || form === "leur") return 3;
  if (form === "y") return 4;
  if (form === "en") return 5;
  return 1;
}
