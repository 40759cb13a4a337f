import { isCompoundTense } from "../french/conjugator";
import { englishObjects, renderEnglish } from "../french/english-clause";
import { type FrenchClause, type RenderedClause, renderFrench } from "../french/french-clause";
import type { ObjectPronoun } from "../french/object-pronouns";
import { SUBJECTS, type SubjectPronoun } from "../french/subjects";
import type { Referent } from "../french/verb-entry";
import type { ProblemSetup } from "./setup";

/** What the object pronouns of a pronouns problem stand for, in French order (none for conjugation). */
export function referents(setup: ProblemSetup): Referent[] {
  return [setup.direct, setup.indirect, setup.adverbial].flatMap((referent) => (referent ? [referent] : []));
}

/** The object pronouns every correct sentence of a pronouns problem uses (none for conjugation). */
export function objectPronouns(setup: ProblemSetup): ObjectPronoun[] {
  return referents(setup).map((referent) => referent.pronoun);
}

/** The correct clause for one subject; wrong statements are this clause plus one deviation. */
export function correctClause(setup: ProblemSetup, subject: SubjectPronoun): FrenchClause {
  return {
    subject,
    verb: setup.verb,
    tense: setup.tense,
    negation: setup.negation,
    objects: objectPronouns(setup),
    complement: setup.complement,
    deviation: null,
  };
}

/**
 * Every way a correct sentence for this subject may be written. They differ only where the subject does not show
 * its gender or number and the participle agrees with it: "je suis allé" and "je suis allée" are both right.
 * No wrong statement may equal any of them.
 */
export function correctRenderings(setup: ProblemSetup, subject: SubjectPronoun): RenderedClause[] {
  const clause = correctClause(setup, subject);
  if (!isCompoundTense(setup.tense) || setup.verb.auxiliary !== "etre") return [renderFrench(clause)];
  return SUBJECTS[subject].admissible.map((agreement) =>
    renderFrench({ ...clause, deviation: { kind: "agreement", agreement } }),
  );
}

/** English meaning of the correct sentence for this subject. */
export function translate(setup: ProblemSetup, subject: SubjectPronoun): string {
  const { verb, direct, indirect, adverbial, complement } = setup;
  // y and en take the direct object's place in English: "I go there", "I give her some" ("any" under a negation).
  const yOrEn = adverbial && (setup.negation ? adverbial.en_negated : adverbial.en_pronoun);
  const rest =
    setup.focus === "conjugation"
      ? (complement?.en ?? "")
      : englishObjects(verb, {
          direct: direct?.en_pronoun ?? yOrEn ?? complement?.en,
          indirect: indirect?.en_pronoun,
        });
  return renderEnglish({ subject, verb: verb.english, tense: setup.tense, negation: setup.negation, rest });
}
