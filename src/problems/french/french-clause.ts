import type { Tense } from "../types";
import { auxiliaryForm, isCompoundTense, isSimpleTense, pastParticiple, simpleForm } from "./conjugator";
import { elide, joinWords } from "./elision";
import { type ImperativeMistake, renderImperative } from "./imperative";
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
  /**
   * Put the object pronouns after the whole verb group, in front of "ne", or (futur proche, passé récent) in front
   * of aller / venir instead of the infinitive.
   */
  | { kind: "placement"; where: "after_verb" | "before_ne" | "before_finite" }
  /** Write two object pronouns in the reverse order. */
  | { kind: "order" }
  /** A mistake only a command can carry (see ImperativeMistake). */
  | { kind: "imperative"; mistake: ImperativeMistake };

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
  /** The object pronouns as written, elision included ("l'", "lui"), in sentence order. */
  pronouns: string[];
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
  if (isSimpleTense(tense)) return { finite: simpleForm(verb.lemma, tense, person), participle: null };
  if (!isCompoundTense(tense)) throw new Error(`${tense} is written by its periphrase, not by verbForms`);
  const aux = deviation?.kind === "auxiliary" ? otherAuxiliary(verb.auxiliary) : verb.auxiliary;
  const agreement =
    deviation?.kind === "agreement" ? deviation.agreement : correctAgreement(clause, pronounsBeforeVerb);
  return { finite: auxiliaryForm(aux, tense, person), participle: pastParticiple(verb.lemma, agreement) };
}

function orderedPronouns(objects: readonly ObjectPronoun[], reversed: boolean): string[] {
  const forms = objects.map((o) => o.form).sort((a, b) => cliticRank(a) - cliticRank(b));
  return reversed ? forms.reverse() : forms;
}

// Futur proche and passé récent: a present form of aller / venir (de), then the infinitive, which keeps the
// reflexive and object pronouns in front of it ("je vais le faire", "je viens de me lever").
const PERIPHRASES: Partial<Record<Tense, { lemma: string; linker: string[] }>> = {
  futur_proche: { lemma: "aller", linker: [] },
  passe_recent: { lemma: "venir", linker: ["de"] },
};

export function isPeriphrastic(tense: Tense): boolean {
  return tense in PERIPHRASES;
}

interface Slot {
  text: string;
  pronoun: boolean;
}

// The words after the subject, before elision: negation, reflexive and object pronouns where the deviation puts
// them, the finite verb and the participle or infinitive.
function verbGroupOf(clause: FrenchClause): { slots: Slot[]; finite: string; participle: string | null } {
  const { deviation, negation } = clause;
  const placement = deviation?.kind === "placement" ? deviation.where : "before_verb";
  const pronouns = orderedPronouns(clause.objects, deviation?.kind === "order");
  const at = (where: typeof placement): Slot[] =>
    placement === where ? pronouns.map((text) => ({ text, pronoun: true })) : [];
  const word = (text: string): Slot => ({ text, pronoun: false });
  const reflexive = clause.verb.reflexive ? [word(REFLEXIVE_PRONOUNS[SUBJECTS[clause.subject].person])] : [];
  const ne = negation ? [word("ne")] : [];
  const neg = negation ? [word(negation)] : [];
  const periphrase = PERIPHRASES[clause.tense];
  if (periphrase) {
    const person = deviation?.kind === "person" ? deviation.person : SUBJECTS[clause.subject].person;
    const finite = simpleForm(periphrase.lemma, "present", person);
    const slots = [
      ...at("before_ne"),
      ...ne,
      ...at("before_finite"),
      word(finite),
      ...neg,
      ...periphrase.linker.map(word),
      ...reflexive,
      ...at("before_verb"),
      word(clause.verb.lemma),
      ...at("after_verb"),
    ];
    return { slots, finite, participle: null };
  }
  const { finite, participle } = verbForms(clause, placement !== "after_verb");
  const slots = [
    ...at("before_ne"),
    ...ne,
    ...reflexive,
    ...at("before_verb"),
    ...at("before_finite"),
    word(finite),
    ...neg,
    ...(participle ? [word(participle)] : []),
    ...at("after_verb"),
  ];
  return { slots, finite, participle };
}

/** Writes a French clause: elision, reflexive and object pronouns in order, negation, agreement, capitalisation. */
export function renderFrench(clause: FrenchClause): RenderedClause {
  if (clause.tense === "imperatif") return renderImperative(clause);
  const { slots, finite, participle } = verbGroupOf(clause);
  const complement = clause.complement && ((clause.negation && clause.complement.fr_negated) || clause.complement.fr);
  const lead = clause.tense === "subjonctif" || clause.tense === "subjonctif_passe" ? SUBJUNCTIVE_LEAD : [];
  const words = elide([...lead, clause.subject, ...slots.map((s) => s.text), ...(complement ? [complement] : [])]);

  const sentence = joinWords(words);
  const verbStart = lead.length + 1;
  return {
    sentence: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`,
    verb_phrase: joinWords(words.slice(verbStart, verbStart + slots.length)),
    finite,
    participle,
    pronouns: slots.flatMap((slot, i) => (slot.pronoun ? [words[verbStart + i]?.text ?? slot.text] : [])),
  };
}
