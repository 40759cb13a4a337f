import { verbClassification } from "../french/conjugator";
import { renderFrench } from "../french/french-clause";
import type { SubjectPronoun } from "../french/subjects";
import type { GenerationRequest, ProblemMetadata } from "../types";
import { deriveTopicTags } from "../validation";
import { correctClause, correctRenderings, objectPronouns, translate } from "./clauses";
import { conjugationMistakes } from "./conjugation-mistakes";
import type { PlanProblem, ProblemPlan, StatementPlan } from "./plan";
import { pronounMistakes } from "./pronoun-mistakes";
import { base36Tag, pickOne, type Random, seededRandom } from "./random";
import { chooseSetup, type ProblemSetup } from "./setup";
import { instructions, learningObjective, title } from "./wording";

function sentenceKey(sentence: string): string {
  return sentence.trim().toLowerCase();
}

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

// A wrong statement for this subject: every applicable mistake is written out, those that happen to spell a correct
// sentence are dropped (je mange / il mange, an invariable participle...), then a kind is drawn uniformly and a
// mistake of that kind, so rare kinds are not drowned by the many wrong-person forms.
function wrongStatement(setup: ProblemSetup, subject: SubjectPronoun, random: Random): StatementPlan {
  const correct = renderFrench(correctClause(setup, subject));
  const taken = new Set(correctRenderings(setup, subject).map((c) => sentenceKey(c.sentence)));
  const candidates = (setup.focus === "conjugation" ? conjugationMistakes : pronounMistakes)(setup, subject).flatMap(
    (candidate) => {
      const rendered = renderFrench(candidate.clause);
      const key = sentenceKey(rendered.sentence);
      if (taken.has(key)) return [];
      taken.add(key);
      return [{ candidate, rendered }];
    },
  );
  if (candidates.length === 0)
    throw new Error(`no wrong statement possible for ${subject} with ${setup.verb.infinitive}`);
  const kind = pickOne(random, [...new Set(candidates.map((c) => c.candidate.kind))]);
  const { candidate, rendered } = pickOne(
    random,
    candidates.filter((c) => c.candidate.kind === kind),
  );
  return {
    subject,
    verb_phrase: rendered.verb_phrase,
    is_correct: false,
    error: { kind, explanation: candidate.explain(rendered, correct) },
    reference_sentence: rendered.sentence,
    // What the sentence was meant to say, so a UI can show it next to the explanation.
    translation: translate(setup, subject),
  };
}

function metadata(setup: ProblemSetup): ProblemMetadata {
  return {
    grammatical_focus: [setup.focus],
    verb_infinitives: [setup.verb.infinitive],
    tenses_used: [setup.tense],
    // Subject pronouns in statement order, then the object pronouns a pronouns problem drills.
    pronouns_used: [...setup.subjects, ...objectPronouns(setup).map((p) => p.form)],
    includes_negation: setup.negation !== null,
    includes_cod: setup.direct !== null,
    includes_coi: setup.indirect !== null,
    verb_auxiliary: setup.verb.auxiliary,
    verb_classification: verbClassification(setup.verb),
    learning_objective: learningObjective(setup),
  };
}

export interface TemplatePlan {
  plan: ProblemPlan;
  /** The choices behind the plan, for tests that re-derive the correct sentences independently. */
  setup: ProblemSetup;
}

/** `planProblem` that also returns the setup it was built from. */
export function planWithSetup(request: GenerationRequest, random: Random): TemplatePlan {
  const setup = chooseSetup(request, random);
  const statements = setup.subjects.map((subject, i) =>
    i === setup.correct_index ? correctStatement(setup, subject) : wrongStatement(setup, subject, random),
  );
  const meta = metadata(setup);
  const plan: ProblemPlan = {
    focus: setup.focus,
    verb_infinitive: setup.verb.infinitive,
    verb_gloss: `to ${setup.verb.english.base}`,
    tense: setup.tense,
    includes_negation: meta.includes_negation,
    includes_cod: meta.includes_cod,
    includes_coi: meta.includes_coi,
    correct_index: setup.correct_index,
    statements,
    metadata: meta,
    title: title(setup, base36Tag(random)),
    instructions: instructions(setup),
    topic_tags: deriveTopicTags(meta, request.topic_tags),
  };
  return { plan, setup };
}

/**
 * Decides everything about a problem before any wording: verb, tense, negation, objects, one subject per statement,
 * the correct index and, for each wrong statement, the exact mistake and its explanation. Deterministic for a given
 * random source; throws ValidationError for constraints no curated verb can meet.
 */
export const planProblem: PlanProblem = (request, random) => planWithSetup(request, random).plan;

/**
 * Throws the planner's ValidationError when no problem can satisfy the request (an unknown verb, COD asked for with
 * the conjugation focus, ...). The API calls it before accepting work, so such a request is a 400 instead of an
 * accepted request whose every item fails later.
 */
export function assertPlannable(request: GenerationRequest): void {
  planWithSetup(request, seededRandom(0));
}
