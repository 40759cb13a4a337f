import { isCompoundTense, pastParticiple } from "../french/conjugator";
import type { RenderedClause } from "../french/french-clause";
import { cliticRank } from "../french/object-pronouns";
import { type Agreement, SUBJECTS, type SubjectPronoun, sameAgreement } from "../french/subjects";
import { correctClause } from "./clauses";
import type { MistakeCandidate } from "./mistake";
import type { ProblemSetup } from "./setup";
import { quote } from "./wording";

const ALL_AGREEMENTS: readonly Agreement[] = [
  { gender: "m", number: "s" },
  { gender: "f", number: "s" },
  { gender: "m", number: "p" },
  { gender: "f", number: "p" },
];

const AGREEMENT_WORDS: Readonly<Record<string, string>> = {
  ms: "masculine singular",
  fs: "feminine singular",
  mp: "masculine plural",
  fp: "feminine plural",
};

const SUBJECT_AGREEMENT_WORDS: Readonly<Record<SubjectPronoun, string>> = {
  je: "singular",
  tu: "singular",
  il: "masculine singular",
  elle: "feminine singular",
  on: "singular",
  nous: "plural",
  vous: "singular or plural",
  ils: "masculine plural",
  elles: "feminine plural",
};

function agreementWords(agreement: Agreement): string {
  return AGREEMENT_WORDS[`${agreement.gender}${agreement.number}`] ?? "";
}

// A participle agreement the subject cannot have with être ("elle est allé", "nous sommes allé").
function subjectAgreement(setup: ProblemSetup, subject: SubjectPronoun): MistakeCandidate[] {
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

/** True when the correct sentences have avoir and a direct object pronoun before the verb, so the participle agrees with it. */
export function agreesWithPrecedingObject(setup: ProblemSetup): boolean {
  return isCompoundTense(setup.tense) && setup.verb.auxiliary === "avoir" && setup.direct !== null;
}

/**
 * Why a participle is wrong when it should agree with the direct object pronoun before it. Names the pronoun as the
 * correct sentence writes it ("l'" for la question), since that is what the learner sees in both sentences.
 */
export function explainObjectAgreement(setup: ProblemSetup, wrong: RenderedClause, correct: RenderedClause): string {
  const direct = setup.direct;
  if (!direct) throw new Error("explainObjectAgreement needs a direct object");
  const ordered = [setup.direct, setup.indirect]
    .flatMap((r) => (r ? [r.pronoun] : []))
    .sort((a, b) => cliticRank(a.form) - cliticRank(b.form));
  const written = correct.pronouns[ordered.indexOf(direct.pronoun)] ?? direct.pronoun.form;
  return (
    `With avoir the past participle agrees with a direct object placed before the verb: ${quote(written)} stands for ` +
    `${quote(direct.fr)} (${agreementWords(direct.pronoun)}), so ${quote(correct.participle ?? "")}, not ${quote(wrong.participle ?? "")}.`
  );
}

// A participle that ignores, or gets wrong, the agreement with the preceding direct object ("je l'ai mangé" for la pomme).
function objectAgreement(setup: ProblemSetup, subject: SubjectPronoun): MistakeCandidate[] {
  const direct = setup.direct;
  if (!direct || !agreesWithPrecedingObject(setup)) return [];
  return ALL_AGREEMENTS.filter((agreement) => !sameAgreement(agreement, direct.pronoun)).map((agreement) => ({
    kind: "wrong_agreement",
    clause: { ...correctClause(setup, subject), deviation: { kind: "agreement", agreement } },
    explain: (wrong, correct) => explainObjectAgreement(setup, wrong, correct),
  }));
}

/** Every past participle agreement mistake that applies: with the subject under être, with a preceding COD under avoir. */
export function agreementMistakes(setup: ProblemSetup, subject: SubjectPronoun): MistakeCandidate[] {
  if (!isCompoundTense(setup.tense)) return [];
  if (setup.verb.auxiliary === "etre") return subjectAgreement(setup, subject);
  return objectAgreement(setup, subject);
}
