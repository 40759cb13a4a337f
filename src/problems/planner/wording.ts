import { isCompoundTense } from "../french/conjugator";
import type { Tense } from "../types";
import { referents } from "./clauses";
import type { ProblemSetup } from "./setup";

/** Tense names as English-speaking learners of French are taught them. */
export const TENSE_LABELS: Readonly<Record<Tense, string>> = {
  present: "present",
  passe_compose: "passé composé",
  imparfait: "imparfait",
  future_simple: "simple future",
  conditionnel: "present conditional",
  subjonctif: "present subjunctive",
  plus_que_parfait: "plus-que-parfait",
  futur_anterieur: "futur antérieur",
  conditionnel_passe: "past conditional",
  subjonctif_passe: "past subjunctive",
  futur_proche: "futur proche (aller + infinitive)",
  passe_recent: "passé récent (venir de + infinitive)",
  imperatif: "imperative",
};

/** French fragments inside English text are set off with guillemets. */
export function quote(french: string): string {
  return `«${french}»`;
}

const BASE_INSTRUCTIONS = "Choose the grammatically correct sentence.";

/** Pronoun problems name what the pronouns stand for, otherwise gender and number mistakes could not be judged. */
export function instructions(setup: ProblemSetup): string {
  const named = referents(setup).map((r) => quote(r.fr));
  if (named.length === 0) return BASE_INSTRUCTIONS;
  const noun = named.length === 1 ? "pronoun stands" : "pronouns stand";
  return `${BASE_INSTRUCTIONS} The object ${noun} for ${named.join(" and ")}.`;
}

export function learningObjective(setup: ProblemSetup): string {
  const { verb, tense } = setup;
  const where = `${quote(verb.infinitive)} in the ${TENSE_LABELS[tense]}${setup.negation ? " with a negation" : ""}`;
  if (setup.focus === "conjugation") {
    const compound = isCompoundTense(tense)
      ? `, with the auxiliary ${verb.auxiliary === "etre" ? "être and subject agreement of the participle" : "avoir"}`
      : "";
    return `Conjugate ${where} for each subject${compound}.`;
  }
  const pronouns = referents(setup).map((r) => `${quote(r.pronoun.form)} for ${quote(r.fr)}`);
  return `Use ${pronouns.join(" and ")} with ${where}, in the right form, order and place.`;
}

export function title(setup: ProblemSetup, tag: string): string {
  return `Grammar: ${setup.verb.infinitive} (${tag})`;
}
