import type { Tense } from "../types";
import { auxiliaryForm, isCompoundTense, pastParticiple, simpleForm } from "./conjugator";
import { elide, joinWords } from "./elision";
import { cliticRank, type ObjectPronoun } from "./object-pronouns";
import { type Agreement, type Person, REFLEXIVE_PRONOUNS, SUBJECTS, type SubjectPronoun } from "./subjects";
import type { Auxiliary, Complement, CuratedVerb } from "./verb-entry";

/** The second half of a French negation; "ne" goes before the conjugated verb and its pronouns. */
export const NEGATIONS = ["pas", "jamais", "plus", "rien"] as const;
export type Negation = (typeof NEGATIONS)[number];

/** A deliberate mistake the builder writes into an otherwise correct clause. */
export type Deviation =
  /** Conjugate the verb (the auxiliary in compound tenses) for another person. */
  | { kind: "person"; person: Person }
  /** Use avoir where être is needed, or the reverse; the participle is left as the correct sentence has it. */
  | { kind: "auxiliary" }
  /** Give the past participle this agreement instead of the correct one. */
  | { kind: "agreement"; agreement: Agreement }
  /** Put the object pronouns after the whole verb group, or in front of "ne". */
  | { kind: "placement"; where: "after_verb" | "before_ne" }
  /** Write two object pronouns in the reverse order. */
  | { kind: "order" };

export interface FrenchClause {
  subject: SubjectPronoun;
  verb: CuratedVerb;
  tense: Tense;
  /** With "rien", leave `complement` null: rien is itself the direct object. */
  negation: Negation | null;
  /** Object pronouns in any order; they are written in French order unless the deviation says otherwise. */
  objects: readonly ObjectPronoun[];
  complement: Complement | null;
  deviation: Deviation | null;
}

export interface RenderedClause {
  /** The full sentence, capitalised and ending with a full stop. */
  sentence: string;
  /** Everything after the subject up to the end of the verb group: pronouns, negation, verb, participle. */
  verb_phrase: string;
  /** The conjugated word: the verb itself, or the auxiliary in compound tenses. */
  finite: string;
  participle: string | null;
}

// The subjunctive needs a trigger; "il est possible que" reads naturally with every curated verb and subject.
const SUBJUNCTIVE_LEAD = ["il", "est", "possible", "que"];

function otherAuxiliary(aux: Auxiliary): Auxiliary {
  return aux === "avoir" ? "etre" : "avoir";
}

// The agreement of the past participle in a correct sentence: with être it agrees with the subject; with avoir it
// agrees with a direct object pronoun written before the verb ("je l'ai mangée") and otherwise stays invariable.
function correctAgreement(clause: FrenchClause, pronounsBeforeVerb: boolean): Agreement {
  if (clause.verb.auxiliary === "etre") return SUBJECTS[clause.subject].agreement;
  const direct = pronounsBeforeVerb ? clause.objects.find((o) => o.role === "direct") : undefined;
  return direct ? { gender: direct.gender, number: direct.number } : { gender: "m", number: "s" };
}

function verbForms(clause: FrenchClause, pronounsBeforeVerb: boolean): { finite: string; participle: string | null } {
  const { verb, tense, deviation } = clause;
  const person = deviation?.kind === "person" ? deviation.person : SUBJECTS[clause.subject].person;
  if (!isCompoundTense(tense)) return { finite: simpleForm(verb.lemma, tense, person), participle: null };
  const aux = deviation?.kind === "auxiliary" ? otherAuxiliary(verb.auxiliary) : verb.auxiliary;
  const agreement =
    deviation?.kind === "agreement" ? deviation.agreement : correctAgreement(clause, pronounsBeforeVerb);
  return { finite: auxiliaryForm(aux, tense, person), participle: pastParticiple(verb.lemma, agreement) };
}

function orderedPronouns(objects: readonly ObjectPronoun[], reversed: boolean): string[] {
  const forms = objects.map((o) => o.form).sort((a, b) => cliticRank(a) - cliticRank(b));
  return reversed ? forms.reverse() : forms;
}

/** Writes a French clause: elision, reflexive and object pronouns in order, negation, agreement, capitalisation. */
export function renderFrench(clause: FrenchClause): RenderedClause {
  const { deviation, negation } = clause;
  const placement = deviation?.kind === "placement" ? deviation.where : "before_verb";
  const pronouns = orderedPronouns(clause.objects, deviation?.kind === "order");
  const reflexive = clause.verb.reflexive ? [REFLEXIVE_PRONOUNS[SUBJECTS[clause.subject].person]] : [];
  const { finite, participle } = verbForms(clause, placement !== "after_verb");

  const verbGroup = [
    ...(placement === "before_ne" ? pronouns : []),
    ...(negation ? ["ne"] : []),
    ...reflexive,
    ...(placement === "before_verb" ? pronouns : []),
    finite,
    ...(negation ? [negation] : []),
    ...(participle ? [participle] : []),
    ...(placement === "after_verb" ? pronouns : []),
  ];
  const complement = clause.complement && ((negation && clause.complement.fr_negated) || clause.complement.fr);
  const lead = clause.tense === "subjonctif" ? SUBJUNCTIVE_LEAD : [];
  const words = elide([...lead, clause.subject, ...verbGroup, ...(complement ? [complement] : [])]);

  const sentence = joinWords(words);
  const verbStart = lead.length + 1;
  return {
    sentence: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`,
    verb_phrase: joinWords(words.slice(verbStart, verbStart + verbGroup.length)),
    finite,
    participle,
  };
}
