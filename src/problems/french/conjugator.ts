import { readFileSync } from "node:fs";
import { getConjugation, type Tense as LibraryTense } from "french-verbs";
import type { VerbsInfo } from "french-verbs-lefff";
import type { Tense } from "../types";
import { CURATED_VERBS } from "./curated-verbs";
import type { Agreement, Person } from "./subjects";
import type { Auxiliary, CuratedVerb } from "./verb-entry";

// Tenses written as one conjugated word, mapped to the names `french-verbs` uses.
const SIMPLE_TENSES = {
  present: "PRESENT",
  imparfait: "IMPARFAIT",
  future_simple: "FUTUR",
  conditionnel: "CONDITIONNEL_PRESENT",
  subjonctif: "SUBJONCTIF_PRESENT",
} as const satisfies Partial<Record<Tense, LibraryTense>>;

// Compound tenses, mapped to the tense their auxiliary is conjugated in.
const COMPOUND_TENSES = {
  passe_compose: "PRESENT",
  plus_que_parfait: "IMPARFAIT",
  futur_anterieur: "FUTUR",
  conditionnel_passe: "CONDITIONNEL_PRESENT",
  subjonctif_passe: "SUBJONCTIF_PRESENT",
} as const satisfies Partial<Record<Tense, LibraryTense>>;

export type SimpleTense = keyof typeof SIMPLE_TENSES;
export type CompoundTense = keyof typeof COMPOUND_TENSES;

export function isCompoundTense(tense: Tense): tense is CompoundTense {
  return tense in COMPOUND_TENSES;
}

export function isSimpleTense(tense: Tense): tense is SimpleTense {
  return tense in SIMPLE_TENSES;
}

// Lefff lists the literary "je puis" for pouvoir; learners are taught "je peux", and leaving "puis" in would make
// the tu form "peux" look like a wrong answer for je.
const PREFERRED_FORMS: Readonly<Record<string, Partial<Record<SimpleTense, Partial<Record<Person, string>>>>>> = {
  pouvoir: { present: { 0: "peux" } },
};

// Lefff writes the plural "dûs"; the circumflex only tells dû from the article du, so the plural is "dus"
// (checked against verbiste by the conjugation test).
const PREFERRED_PARTICIPLES: Readonly<Record<string, Partial<Record<string, string>>>> = {
  devoir: { mp: "dus" },
};

let table: VerbsInfo | undefined;
let loadMs = 0;

export interface ConjugationDataStats {
  verbs: number;
  load_ms: number;
}

/**
 * Loads the Lefff conjugation table once. The file is about 6 MB of JSON for ~7,800 verbs; only the curated verbs
 * are kept, so the rest can be garbage-collected instead of staying resident in a long-running worker. Reading it
 * with readFileSync (rather than `require`) keeps it out of the module cache for the same reason.
 */
export function loadConjugationData(): ConjugationDataStats {
  if (!table) {
    const startedAt = performance.now();
    const path = require.resolve("french-verbs-lefff/dist/conjugations.json");
    const full = JSON.parse(readFileSync(path, "utf8")) as VerbsInfo;
    const kept: VerbsInfo = {};
    for (const { lemma } of CURATED_VERBS) {
      const info = full[lemma];
      if (!info) throw new Error(`curated verb ${lemma} is missing from the Lefff conjugation table`);
      kept[lemma] = info;
    }
    table = kept;
    loadMs = performance.now() - startedAt;
  }
  return { verbs: Object.keys(table).length, load_ms: loadMs };
}

function conjugations(): VerbsInfo {
  loadConjugationData();
  return table as VerbsInfo;
}

// Forms already looked up: planning renders the same few dozen forms many times per problem, and a lookup in
// french-verbs costs far more than a map hit. Bounded by the curated verbs x tenses x persons x agreements.
const forms = new Map<string, string>();

function conjugate(lemma: string, tense: LibraryTense, person: Person, agreement?: Agreement, aux?: Auxiliary): string {
  const key = `${lemma}|${tense}|${person}|${agreement?.gender ?? ""}${agreement?.number ?? ""}|${aux ?? ""}`;
  let form = forms.get(key);
  if (form === undefined) {
    form = lookUp(lemma, tense, person, agreement, aux);
    forms.set(key, form);
  }
  return form;
}

function lookUp(lemma: string, tense: LibraryTense, person: Person, agreement?: Agreement, aux?: Auxiliary): string {
  const options = agreement
    ? {
        aux: aux === "etre" ? ("ETRE" as const) : ("AVOIR" as const),
        agreeGender: agreement.gender === "f" ? ("F" as const) : ("M" as const),
        agreeNumber: agreement.number === "p" ? ("P" as const) : ("S" as const),
      }
    : {};
  return getConjugation(conjugations(), lemma, tense, person, options, false, undefined, undefined, "Act");
}

/** The conjugated verb of a simple tense, e.g. ("manger", present, nous) -> "mangeons". */
export function simpleForm(lemma: string, tense: SimpleTense, person: Person): string {
  return PREFERRED_FORMS[lemma]?.[tense]?.[person] ?? conjugate(lemma, SIMPLE_TENSES[tense], person);
}

/** The persons a command can address: tu, nous, vous. */
export type ImperativePerson = 1 | 3 | 4;

/** The present imperative, e.g. ("donner", tu) -> "donne", ("aller", nous) -> "allons". */
export function imperativeForm(lemma: string, person: ImperativePerson): string {
  return conjugate(lemma, "IMPERATIF_PRESENT", person);
}

/** The auxiliary of a compound tense, e.g. (etre, passe_compose, je) -> "suis". */
export function auxiliaryForm(aux: Auxiliary, tense: CompoundTense, person: Person): string {
  return conjugate(aux === "etre" ? "être" : "avoir", COMPOUND_TENSES[tense], person);
}

/** The past participle with the given agreement, e.g. ("aller", feminine plural) -> "allées". */
export function pastParticiple(lemma: string, agreement: Agreement): string {
  const preferred = PREFERRED_PARTICIPLES[lemma]?.[`${agreement.gender}${agreement.number}`];
  // The auxiliary only matters to french-verbs for picking a default; the form is read from the participle list.
  return preferred ?? conjugate(lemma, "PARTICIPE_PASSE", 0, agreement, "avoir");
}

/**
 * The traditional group: first for -er verbs (aller aside), second for -ir verbs whose nous form ends in -issons,
 * third for everything else (irregular verbs, être and avoir included).
 */
export function verbClassification(verb: CuratedVerb): "first_group" | "second_group" | "third_group" {
  if (verb.lemma.endsWith("er") && verb.lemma !== "aller") return "first_group";
  if (verb.lemma.endsWith("ir") && simpleForm(verb.lemma, "present", 3).endsWith("issons")) return "second_group";
  return "third_group";
}
