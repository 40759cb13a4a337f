import { isCompoundTense, pastParticiple } from "../french/conjugator";
import { renderFrench } from "../french/french-clause";
import {
  type Agreement,
  PERSON_LABELS,
  PERSONS,
  type Person,
  SUBJECTS,
  type SubjectPronoun,
  sameAgreement,
} from "../french/subjects";
import { correctClause } from "./clauses";
import type { MistakeCandidate } from "./mistake";
import type { ProblemSetup } from "./setup";
import { quote, TENSE_LABELS } from "./wording";

const ALL_AGREEMENTS: readonly Agreement[] = [
  { gender: "m", number: "s" },
  { gender: "f", number: "s" },
  { gender: "m", number: "p" },
  { gender: "f", number: "p" },
];

const SUBJECT_AGREEMENT_WORDS: Readonly<Record<SubjectPronoun, string>> = {
  je: "singular",
  tu: "singular",
  il: "masculine singular",
  elle: "feminine singular",
  nous: "plural",
  vous: "singular or plural",
  ils: "masculine plural",
  elles: "feminine plural",
};

// Forms of the same verb and tense that belong to other persons. Persons sharing a spelling are merged so the
// explanation can name them all ("the je and il/elle form"); spellings equal to a correct form are filtered later
// by the caller, which compares whole sentences.
function wrongPerson(setup: ProblemSetup, subject: SubjectPronoun): MistakeCandidate[] {
  const own = SUBJECTS[subject].person;
  const base = correctClause(setup, subject);
  const byForm = new Map<string, Person[]>();
  for (const person of PERSONS) {
    if (person === own) continue;
    const { finite } = renderFrench({ ...base, deviation: { kind: "person", person } });
    byForm.set(finite, [...(byForm.get(finite) ?? []), person]);
  }
  const compound = isCompoundTense(setup.tense);
  return [...byForm.values()].map((persons) => ({
    kind: "wrong_person",
    clause: { ...base, deviation: { kind: "person", person: persons[0] as Person } },
    explain: (wrong, correct) => {
      const owner = persons.map((p) => PERSON_LABELS[p]).join(" and ");
      const what = compound
        ? `the auxiliary ${setup.verb.auxiliary === "etre" ? "être" : "avoir"}`
        : `${quote(setup.verb.infinitive)} in the ${TENSE_LABELS[setup.tense]}`;
      return `${quote(wrong.finite)} is the ${owner} form of ${what}; with ${quote(subject)} it is ${quote(correct.finite)}.`;
    },
  }));
}

// avoir instead of être or the reverse. Never a correct passive by accident: verbs taking a direct object always
// carry one (a complement or "rien"), and "être + participle + object" is not French.
function wrongAuxiliary(setup: ProblemSetup, subject: SubjectPronoun): MistakeCandidate[] {
  const { verb } = setup;
  return [
    {
      kind: "wrong_auxiliary",
      clause: { ...correctClause(setup, subject), deviation: { kind: "auxiliary" } },
      explain: (_wrong, correct) => {
        const rule = verb.reflexive
          ? "Reflexive verbs form their compound tenses with être, not avoir"
          : `${quote(verb.infinitive)} forms its compound tenses with ${verb.auxiliary === "etre" ? "être, not avoir" : "avoir, not être"}`;
        return `${rule}: ${quote(correct.verb_phrase)}.`;
      },
    },
  ];
}

// A participle agreement the subject cannot have with être ("elle est allé", "nous sommes allé").
function wrongAgreement(setup: ProblemSetup, subject: SubjectPronoun): MistakeCandidate[] {
  const admissible = SUBJECTS[subject].admissible;
  const accepted = admissible.map((agreement) => quote(pastParticiple(setup.verb.lemma, agreement)));
  const acceptedText = [...new Set(accepted)].join(" or ");
  return ALL_AGREEMENTS.filter((agreement) => !admissible.some((a) => sameAgreement(a, agreement))).map(
    (agreement) => ({
      kind: "wrong_agreement",
      clause: { ...correctClause(setup, subject), deviation: { kind: "agreement", agreement } },
      explain: (wrong) =>
        `With être the past participle agrees with the subject; ${quote(subject)} is ${SUBJECT_AGREEMENT_WORDS[subject]}, ` +
        `so ${acceptedText}, not ${quote(wrong.participle ?? "")}.`,
    }),
  );
}

/** Every conjugation mistake that applies to this subject, tense and verb. */
export function conjugationMistakes(setup: ProblemSetup, subject: SubjectPronoun): MistakeCandidate[] {
  const candidates = wrongPerson(setup, subject);
  if (isCompoundTense(setup.tense)) {
    candidates.push(...wrongAuxiliary(setup, subject));
    if (setup.verb.auxiliary === "etre") candidates.push(...wrongAgreement(setup, subject));
  }
  return candidates;
}
