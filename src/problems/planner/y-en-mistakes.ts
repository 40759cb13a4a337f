import { isCompoundTense, pastParticiple } from "../french/conjugator";
import type { FrenchClause } from "../french/french-clause";
import { type ObjectPronoun, thirdPersonPronoun } from "../french/object-pronouns";
import type { SubjectPronoun } from "../french/subjects";
import type { AdverbialReferent } from "../french/y-and-en";
import { correctClause } from "./clauses";
import type { MistakeCandidate } from "./mistake";
import type { ProblemSetup } from "./setup";
import { quote } from "./wording";

// The same clause with y / en replaced by another pronoun a learner reaches for: en for y and the reverse, lui/leur
// for a place after "à", le/la/les for an indefinite quantity ("je les mange" for des pommes).
function replacements(referent: AdverbialReferent): ObjectPronoun[] {
  const { gender, number } = referent.pronoun;
  if (referent.pronoun.form === "y")
    return [{ ...referent.pronoun, form: "en" }, thirdPersonPronoun("indirect", gender, number)];
  return [{ ...referent.pronoun, form: "y" }, thirdPersonPronoun("direct", gender, number)];
}

function categoryMistakes(base: FrenchClause, referent: AdverbialReferent): MistakeCandidate[] {
  return replacements(referent).map((replacement) => ({
    kind: "pronoun_category",
    clause: { ...base, objects: base.objects.map((o) => (o === referent.pronoun ? replacement : o)) },
    explain: (wrong, correct) =>
      `${quote(referent.fr)} is ${referent.kind_words}, so its pronoun is ${quote(referent.pronoun.form)}: ` +
      `${quote(correct.verb_phrase)}, not ${quote(wrong.verb_phrase)}.`,
  }));
}

// "J'en ai mangées" for des pommes: the participle never agrees with en, though en stands for a feminine plural.
function enAgreementMistakes(setup: ProblemSetup, base: FrenchClause, referent: AdverbialReferent): MistakeCandidate[] {
  if (referent.pronoun.form !== "en" || !isCompoundTense(setup.tense) || setup.verb.auxiliary !== "avoir") return [];
  const { gender, number } = referent.pronoun;
  if (
    pastParticiple(setup.verb.lemma, { gender, number }) ===
    pastParticiple(setup.verb.lemma, { gender: "m", number: "s" })
  )
    return [];
  return [
    {
      kind: "wrong_agreement",
      clause: { ...base, deviation: { kind: "agreement", agreement: { gender, number } } },
      explain: (wrong, correct) =>
        `The past participle never agrees with ${quote("en")}, even when it stands for ${quote(referent.fr)}: ` +
        `${quote(correct.participle ?? "")}, not ${quote(wrong.participle ?? "")}.`,
    },
  ];
}

/** The mistakes on y or en that apply to this subject's sentence (none without y or en). */
export function yEnMistakes(setup: ProblemSetup, subject: SubjectPronoun): MistakeCandidate[] {
  const referent = setup.adverbial;
  if (!referent) return [];
  const base = correctClause(setup, subject);
  return [...categoryMistakes(base, referent), ...enAgreementMistakes(setup, base, referent)];
}
