import { type RenderedClause, renderFrench } from "../french/french-clause";
import type { SubjectPronoun } from "../french/subjects";
import { agreesWithPrecedingObject, explainObjectAgreement } from "./agreement-mistakes";
import { correctClause, correctRenderings } from "./clauses";
import { conjugationMistakes } from "./conjugation-mistakes";
import type { MistakeCandidate } from "./mistake";
import type { ErrorKind } from "./plan";
import { pronounMistakes } from "./pronoun-mistakes";
import type { ProblemSetup } from "./setup";

/** A wrong sentence ready to use: its kind, how it is written, and the explanation of what a learner sees. */
export interface WrongOption {
  kind: ErrorKind;
  rendered: RenderedClause;
  explanation: string;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

// Whether the part a kind of mistake is about differs, as written, between the wrong and the correct sentence
// (for the kinds of conjugation and pronoun problems; choice problems are written from their own frames).
const SHOWS: Readonly<Partial<Record<ErrorKind, (wrong: RenderedClause, correct: RenderedClause) => boolean>>> = {
  wrong_person: (w, c) => w.finite !== c.finite,
  wrong_auxiliary: (w, c) => w.finite !== c.finite,
  wrong_agreement: (w, c) => w.participle !== c.participle,
  pronoun_placement: (w, c) => w.verb_phrase !== c.verb_phrase,
  pronoun_order: (w, c) => !sameWords(w.pronouns, c.pronouns),
  pronoun_category: (w, c) => !sameWords(w.pronouns, c.pronouns),
  pronoun_gender: (w, c) => !sameWords(w.pronouns, c.pronouns),
  pronoun_number: (w, c) => !sameWords(w.pronouns, c.pronouns),
  pronoun_form: (w, c) => !sameWords(w.pronouns, c.pronouns),
  imperative_spelling: (w, c) => w.verb_phrase !== c.verb_phrase,
};

/**
 * The kind and explanation a learner can actually check. A mistake is explained by what it changes on the page:
 * "le" for "la" before a vowel writes «l'» in both sentences, so when only the participle differs the statement is an
 * agreement mistake with the preceding direct object, whatever deviation produced it. A mistake whose point does not
 * show, and that is not such an agreement mistake either, is not used.
 */
function asSeen(
  setup: ProblemSetup,
  candidate: MistakeCandidate,
  wrong: RenderedClause,
  correct: RenderedClause,
): WrongOption | null {
  if (SHOWS[candidate.kind]?.(wrong, correct))
    return { kind: candidate.kind, rendered: wrong, explanation: candidate.explain(wrong, correct) };
  const onlyParticiple =
    wrong.participle !== correct.participle &&
    wrong.finite === correct.finite &&
    sameWords(wrong.pronouns, correct.pronouns);
  if (onlyParticiple && agreesWithPrecedingObject(setup))
    return { kind: "wrong_agreement", rendered: wrong, explanation: explainObjectAgreement(setup, wrong, correct) };
  return null;
}

/**
 * Every usable wrong statement for this subject: each applicable mistake written out, those that spell a correct
 * sentence dropped (je mange / il mange, an invariable participle...), duplicates dropped, and each explained by its
 * visible difference.
 */
export function wrongOptions(setup: ProblemSetup, subject: SubjectPronoun): WrongOption[] {
  const correct = renderFrench(correctClause(setup, subject));
  const taken = new Set(correctRenderings(setup, subject).map((c) => sentenceKey(c.sentence)));
  const mistakes = (setup.focus === "conjugation" ? conjugationMistakes : pronounMistakes)(setup, subject);
  return mistakes.flatMap((candidate) => {
    const rendered = renderFrench(candidate.clause);
    const key = sentenceKey(rendered.sentence);
    if (taken.has(key)) return [];
    const option = asSeen(setup, candidate, rendered, correct);
    if (!option) return [];
    taken.add(key);
    return [option];
  });
}

function sentenceKey(sentence: string): string {
  return sentence.trim().toLowerCase();
}
