import type { Deviation, FrenchClause, Negation } from "../../../../src/problems/french/french-clause";
import { type ObjectPronoun, thirdPersonPronoun } from "../../../../src/problems/french/object-pronouns";
import type { SubjectPronoun } from "../../../../src/problems/french/subjects";
import { findCuratedVerb } from "../../../../src/problems/french/verb-catalog";
import type { Complement, CuratedVerb } from "../../../../src/problems/french/verb-entry";
import type { Tense } from "../../../../src/problems/types";

type Speech = "me" | "te" | "nous" | "vous";

/**
 * Short spellings for object pronouns in test tables: "la", "les f", "lui", "me" (indirect), "y", "en", and a direct
 * me/te/nous/vous with the agreement of whoever it stands for: "te fs", "nous mp".
 */
export type PronounSpec =
  | "le"
  | "la"
  | "les m"
  | "les f"
  | "lui"
  | "leur"
  | Speech
  | "y"
  | "en"
  | `${Speech} ${"ms" | "fs" | "mp" | "fp"}`;

export function pronoun(spec: PronounSpec): ObjectPronoun {
  const direct = /^(me|te|nous|vous) ([mf])([sp])$/.exec(spec);
  if (direct) {
    const [, form, gender, number] = direct as unknown as [string, Speech, "m" | "f", "s" | "p"];
    return { form, role: "direct", gender, number };
  }
  switch (spec) {
    case "y":
    case "en":
      return { form: spec, role: "adverbial", gender: "m", number: "s" };
    case "le":
      return thirdPersonPronoun("direct", "m", "s");
    case "la":
      return thirdPersonPronoun("direct", "f", "s");
    case "les m":
      return thirdPersonPronoun("direct", "m", "p");
    case "les f":
      return thirdPersonPronoun("direct", "f", "p");
    case "lui":
      return thirdPersonPronoun("indirect", "m", "s");
    case "leur":
      return thirdPersonPronoun("indirect", "m", "p");
    default: {
      const form = spec as Speech;
      return { form, role: "indirect", gender: "m", number: form === "me" || form === "te" ? "s" : "p" };
    }
  }
}

export function curatedVerb(infinitive: string): CuratedVerb {
  const verb = findCuratedVerb(infinitive);
  if (!verb) throw new Error(`test table names an unknown verb ${infinitive}`);
  return verb;
}

/** A complement is looked up in the verb's own data, so the table also checks the curated list holds it. */
function complementOf(verb: CuratedVerb, fr: string): Complement {
  const found = [...verb.complements, ...verb.direct_objects].find((c) => c.fr === fr);
  if (!found) throw new Error(`${verb.infinitive} has no complement "${fr}"`);
  return found;
}

export interface ClauseSpec {
  subject: SubjectPronoun;
  verb: string;
  tense: Tense;
  negation?: Negation;
  pronouns?: PronounSpec[];
  complement?: string;
  deviation?: Deviation;
}

export function clause(spec: ClauseSpec): FrenchClause {
  const verb = curatedVerb(spec.verb);
  return {
    subject: spec.subject,
    verb,
    tense: spec.tense,
    negation: spec.negation ?? null,
    objects: (spec.pronouns ?? []).map(pronoun),
    complement: spec.complement ? complementOf(verb, spec.complement) : null,
    deviation: spec.deviation ?? null,
  };
}
