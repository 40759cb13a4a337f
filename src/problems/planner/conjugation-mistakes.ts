import { isCompoundTense } from "../french/conjugator";
import { isPeriphrastic, renderFrench } from "../french/french-clause";
import { PERSON_LABELS, PERSONS, type Person, SUBJECTS, type SubjectPronoun } from "../french/subjects";
import { agreementMistakes } from "./agreement-mistakes";
import { correctClause } from "./clauses";
import type { MistakeCandidate } from "./mistake";
import type { ProblemSetup } from "./setup";
import { quote, TENSE_LABELS } from "./wording";

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
        : isPeriphrastic(setup.tense)
          ? `${quote(setup.tense === "futur_proche" ? "aller" : "venir")}, which forms the ${TENSE_LABELS[setup.tense]}`
          : `${quote(setup.verb.infinitive)} in the ${TENSE_LABELS[setup.tense]}`;
      return `${quote(wrong.finite)} is the ${owner} form of ${what}; with ${quote(subject)} it is ${quote(correct.finite)}.`;
    },
  }));
}

// A complement that could be the subject named again after a comma: definite noun phrases, names, demonstratives.
const INDEFINITE_START = /^(un|une|des|du|de|d')[ ']/;
const THIRD_PERSON: readonly SubjectPronoun[] = ["il", "elle", "ils", "elles"];

// "Il est fini le travail" is wrong on paper but spoken French for "il est fini, le travail" (the work is finished):
// être + participle + a noun phrase that can be the subject restated. Such distractors are left out.
function readsAsDislocation(setup: ProblemSetup, subject: SubjectPronoun): boolean {
  if (setup.verb.auxiliary !== "avoir" || !THIRD_PERSON.includes(subject) || !setup.complement) return false;
  return !INDEFINITE_START.test(setup.complement.fr);
}

// avoir instead of être or the reverse. Never a correct passive by accident: verbs taking a direct object always
// carry one (a complement or "rien"), and "être + participle + object" is not French.
function wrongAuxiliary(setup: ProblemSetup, subject: SubjectPronoun): MistakeCandidate[] {
  const { verb } = setup;
  if (readsAsDislocation(setup, subject)) return [];
  return [
    {
      kind: "wrong_auxiliary",
      clause: { ...correctClause(setup, subject), deviation: { kind: "auxiliary" } },
      explain: (wrong, correct) => {
        const rule = verb.reflexive
          ? "Reflexive verbs form their compound tenses with être, not avoir"
          : `${quote(verb.infinitive)} forms its compound tenses with ${verb.auxiliary === "etre" ? "être, not avoir" : "avoir, not être"}`;
        return `${rule}: ${quote(correct.verb_phrase)}, not ${quote(wrong.verb_phrase)}.`;
      },
    },
  ];
}

/** Every conjugation mistake that applies to this subject, tense and verb. */
export function conjugationMistakes(setup: ProblemSetup, subject: SubjectPronoun): MistakeCandidate[] {
  const candidates = wrongPerson(setup, subject);
  if (isCompoundTense(setup.tense)) {
    candidates.push(...wrongAuxiliary(setup, subject));
    candidates.push(...agreementMistakes(setup, subject));
  }
  return candidates;
}
