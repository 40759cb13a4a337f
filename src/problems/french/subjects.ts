/**
 * Subject pronouns a statement can start with. "on" means "we" here and takes the il/elle form of the verb; its
 * participle after être agrees with what it stands for ("on est allés"), so it is kept out of that case (see
 * `subjectsFor` in the planner).
 */
export const SUBJECT_PRONOUNS = ["je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles"] as const;
export type SubjectPronoun = (typeof SUBJECT_PRONOUNS)[number];

/** Grammatical person as indexed by `french-verbs`: 0 = je, 1 = tu, 2 = il/elle, 3 = nous, 4 = vous, 5 = ils/elles. */
export type Person = 0 | 1 | 2 | 3 | 4 | 5;
export const PERSONS: readonly Person[] = [0, 1, 2, 3, 4, 5];

export type Gender = "m" | "f";
export type GrammaticalNumber = "s" | "p";
export interface Agreement {
  gender: Gender;
  number: GrammaticalNumber;
}

export interface SubjectInfo {
  person: Person;
  /**
   * The agreement the sentences use. je/tu/nous/vous do not show their gender, so they are stated masculine;
   * that keeps every rendered sentence deterministic.
   */
  agreement: Agreement;
  /** Every agreement a correct sentence may show for this subject (vous may be one or many, man or woman). */
  admissible: readonly Agreement[];
  english: string;
}

const MS: Agreement = { gender: "m", number: "s" };
const FS: Agreement = { gender: "f", number: "s" };
const MP: Agreement = { gender: "m", number: "p" };
const FP: Agreement = { gender: "f", number: "p" };

export const SUBJECTS: Readonly<Record<SubjectPronoun, SubjectInfo>> = {
  je: { person: 0, agreement: MS, admissible: [MS, FS], english: "I" },
  tu: { person: 1, agreement: MS, admissible: [MS, FS], english: "you" },
  il: { person: 2, agreement: MS, admissible: [MS], english: "he" },
  elle: { person: 2, agreement: FS, admissible: [FS], english: "she" },
  on: { person: 2, agreement: MS, admissible: [MS], english: "we" },
  nous: { person: 3, agreement: MP, admissible: [MP, FP], english: "we" },
  vous: { person: 4, agreement: MP, admissible: [MS, FS, MP, FP], english: "you" },
  ils: { person: 5, agreement: MP, admissible: [MP], english: "they" },
  elles: { person: 5, agreement: FP, admissible: [FP], english: "they" },
};

/** How a person is named in explanations, e.g. "the il/elle form". */
export const PERSON_LABELS: Readonly<Record<Person, string>> = {
  0: "je",
  1: "tu",
  2: "il/elle",
  3: "nous",
  4: "vous",
  5: "ils/elles",
};

export const REFLEXIVE_PRONOUNS: Readonly<Record<Person, string>> = {
  0: "me",
  1: "te",
  2: "se",
  3: "nous",
  4: "vous",
  5: "se",
};

export function sameAgreement(a: Agreement, b: Agreement): boolean {
  return a.gender === b.gender && a.number === b.number;
}
