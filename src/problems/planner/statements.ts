import { renderFrench } from "../french/french-clause";
import type { SubjectPronoun } from "../french/subjects";
import type { MistakeKind } from "../types";
import { correctClause, translate } from "./clauses";
import type { StatementPlan } from "./plan";
import { pickOne, type Random } from "./random";
import type { ProblemSetup } from "./setup";
import { type WrongOption, wrongOptions } from "./wrong-statements";

function correctStatement(setup: ProblemSetup, subject: SubjectPronoun): StatementPlan {
  const rendered = renderFrench(correctClause(setup, subject));
  return {
    subject,
    verb_phrase: rendered.verb_phrase,
    is_correct: true,
    reference_sentence: rendered.sentence,
    translation: translate(setup, subject),
  };
}

function wrongStatement(setup: ProblemSetup, subject: SubjectPronoun, option: WrongOption): StatementPlan {
  return {
    subject,
    verb_phrase: option.rendered.verb_phrase,
    is_correct: false,
    error: { kind: option.kind, explanation: option.explanation },
    reference_sentence: option.rendered.sentence,
    // What the sentence was meant to say, so a UI can show it next to the explanation.
    translation: translate(setup, subject),
  };
}

// A kind is drawn uniformly among those left, then a mistake of that kind, so rare kinds are not drowned by the many
// wrong-person forms. The drawn option is taken out of `options`.
function takeOption(options: WrongOption[], random: Random): WrongOption {
  const kind = pickOne(random, [...new Set(options.map((o) => o.kind))]);
  const option = pickOne(
    random,
    options.filter((o) => o.kind === kind),
  );
  options.splice(options.indexOf(option), 1);
  return option;
}

/**
 * The statements of a setup, each wrong one carrying a mistake of an allowed kind, or null when some statement has
 * no such mistake. When every subject is the same, its wrong statements are different mistakes.
 */
export function planStatements(
  setup: ProblemSetup,
  allowed: ReadonlySet<MistakeKind>,
  random: Random,
): StatementPlan[] | null {
  const optionsBySubject = new Map<SubjectPronoun, WrongOption[]>();
  const statements: StatementPlan[] = [];
  for (const [i, subject] of setup.subjects.entries()) {
    if (i === setup.correct_index) {
      statements.push(correctStatement(setup, subject));
      continue;
    }
    let options = optionsBySubject.get(subject);
    if (!options) {
      options = wrongOptions(setup, subject).filter((o) => allowed.has(o.kind));
      optionsBySubject.set(subject, options);
    }
    if (options.length === 0) return null;
    statements.push(wrongStatement(setup, subject, takeOption(options, random)));
  }
  return statements;
}
