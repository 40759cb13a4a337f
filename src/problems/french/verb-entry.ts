import type { Tense } from "../types";
import { type ObjectPronoun, thirdPersonPronoun } from "./object-pronouns";
import type { Gender, SubjectPronoun } from "./subjects";

export type Auxiliary = "avoir" | "etre";

/**
 * What kind of happening the verb names, which decides the tenses and negations that read naturally:
 * - "state": being, having, knowing, liking. The imparfait is its plain past ("nous étions à la maison": we were at
 *   home), never "used to" nor a progressive.
 * - "activity": something done over time or by habit ("nous mangions une pomme": we were eating an apple).
 * - "event": a one-off achievement (réussir l'examen, rencontrer un ami). Its imparfait would read as an odd habit
 *   ("tu réussissais le test") and "jamais"/"plus" as an odd life fact ("il n'avait jamais rencontré d'ami"), so the
 *   planner gives it neither.
 */
export type Aspect = "state" | "activity" | "event";

const STATE_VERBS = new Set([
  "être",
  "avoir",
  "pouvoir",
  "vouloir",
  "devoir",
  "savoir",
  "connaître",
  "aimer",
  "préférer",
  "croire",
  "ressembler",
  "habiter",
  "vivre",
  "comprendre",
  "s'intéresser",
  "se souvenir",
]);
const EVENT_VERBS = new Set([
  "réussir",
  "obtenir",
  "rencontrer",
  "découvrir",
  "trouver",
  "recevoir",
  "oublier",
  "tomber",
  "perdre",
  "promettre",
]);

/** English forms used by the translations; a base starting with "be" ("be able to") is conjugated as "to be". */
export interface EnglishVerb {
  base: string;
  past: string;
  participle: string;
  /** The -ing form, for the progressive that renders an activity in the imparfait ("was eating"). */
  ing: string;
  /** A state's imparfait is a plain past in English; see Aspect. */
  stative: boolean;
  /**
   * A modal that replaces the whole verb in some tenses, because the literal rendering would change the meaning:
   * "il ne doit pas partir" is "he must not leave", not "he does not have to leave".
   */
  modals?: Partial<Record<Tense, string>>;
}

/** What follows the verb in a conjugation sentence, e.g. "une pomme" / "an apple". */
export interface Complement {
  fr: string;
  en: string;
  /** The form after a negation, where un/une/du/des become de: "de pomme". Absent when nothing changes. */
  fr_negated?: string;
}

/** A noun phrase an object pronoun can stand for, e.g. "la pomme" -> la, "à Marie" -> lui. */
export interface Referent {
  fr: string;
  en: string;
  /** The English pronoun for it: "it", "them", "him", "her", "me", ... */
  en_pronoun: string;
  pronoun: ObjectPronoun;
  /**
   * Subjects that cannot go with this referent: "à moi" (me) makes no sense with je or nous, and a third-person
   * referent is always fine.
   */
  excludes_subjects: readonly SubjectPronoun[];
}

export interface CuratedVerb {
  /** As a learner writes it, reflexive pronoun included: "manger", "se lever", "s'habiller". */
  infinitive: string;
  /** The key in the Lefff conjugation table: the infinitive without its reflexive pronoun. */
  lemma: string;
  reflexive: boolean;
  auxiliary: Auxiliary;
  english: EnglishVerb;
  /**
   * Natural complements for conjugation sentences. Invariant the planner relies on: when the verb takes a direct
   * object, every complement contains one, so "être + participle + complement" can never read as a correct passive.
   */
  complements: readonly Complement[];
  /** Definite noun phrases a direct object pronoun (le/la/les) can replace; non-empty exactly when it takes a COD. */
  direct_objects: readonly Referent[];
  takes_cod: boolean;
  /** Takes an indirect object introduced by "à" that lui/leur replace (so not "penser à", which takes "à lui"). */
  takes_coi: boolean;
  /** English preposition before the indirect object: "to" (give it to her), "" (call her), "at" (smile at her). */
  coi_english_preposition: string;
  aspect: Aspect;
  /** "ne ... rien" reads naturally: the verb takes things as direct objects and "nothing" makes sense. */
  allows_rien: boolean;
}

interface VerbDetails {
  /** Defaults to avoir; reflexive verbs always take être. */
  aux?: "etre";
  complements: readonly Complement[];
  objects?: readonly Referent[];
  /** The English preposition before an indirect object; its presence means the verb takes a COI. */
  coi?: string;
  rien?: true;
  /** See EnglishVerb.modals. */
  modals?: Partial<Record<Tense, string>>;
}

/** Declares a curated verb; `english` is "base|past|participle", e.g. "eat|ate|eaten". */
export function verb(infinitive: string, english: string, details: VerbDetails): CuratedVerb {
  const reflexive = /^(se |s')/.test(infinitive);
  const [base, past, participle] = english.split("|");
  if (!base || !past || !participle)
    throw new Error(`curated verb ${infinitive}: english must be "base|past|participle"`);
  const objects = details.objects ?? [];
  const aspect: Aspect = STATE_VERBS.has(infinitive) ? "state" : EVENT_VERBS.has(infinitive) ? "event" : "activity";
  const englishVerb: EnglishVerb = { base, past, participle, ing: ingForm(base), stative: aspect === "state" };
  return {
    infinitive,
    lemma: infinitive.replace(/^(se |s')/, ""),
    reflexive,
    auxiliary: reflexive ? "etre" : (details.aux ?? "avoir"),
    english: details.modals ? { ...englishVerb, modals: details.modals } : englishVerb,
    complements: details.complements,
    direct_objects: objects,
    takes_cod: objects.length > 0,
    takes_coi: details.coi !== undefined,
    coi_english_preposition: details.coi ?? "",
    aspect,
    allows_rien: details.rien === true,
  };
}

// English verbs whose final consonant doubles before -ing.
const DOUBLING = new Set(["get", "swim", "stop", "run", "win", "set", "travel", "forget", "sit", "put", "begin"]);

// "eat" -> "eating", "arrive" -> "arriving", "lie" -> "lying", "swim" -> "swimming", "get up" -> "getting up".
function ingForm(base: string): string {
  const [head = "", ...tail] = base.split(" ");
  const ing = DOUBLING.has(head)
    ? `${head}${head.slice(-1)}ing`
    : head.endsWith("ie")
      ? `${head.slice(0, -2)}ying`
      : /[^e]e$/.test(head) && head !== "be"
        ? `${head.slice(0, -1)}ing`
        : `${head}ing`;
  return [ing, ...tail].join(" ");
}

/** A conjugation complement; pass `negated` when a negation changes its article ("une pomme" -> "de pomme"). */
export function phrase(fr: string, en: string, negated?: string): Complement {
  return negated === undefined ? { fr, en } : { fr, en, fr_negated: negated };
}

/**
 * A definite noun phrase a direct object pronoun replaces. Number and gender come from the article (le/la/les);
 * "l'" and "les" need the gender spelled out. `en_pronoun` defaults to it/them (things).
 */
export function directObject(fr: string, en: string, options: { gender?: Gender; en_pronoun?: string } = {}): Referent {
  const plural = fr.startsWith("les ");
  const articleGender: Gender | undefined = fr.startsWith("le ") ? "m" : fr.startsWith("la ") ? "f" : undefined;
  const gender = options.gender ?? articleGender;
  if (!gender) throw new Error(`direct object ${fr}: state its gender`);
  return {
    fr,
    en,
    en_pronoun: options.en_pronoun ?? (plural ? "them" : "it"),
    pronoun: thirdPersonPronoun("direct", gender, plural ? "p" : "s"),
    excludes_subjects: [],
  };
}
