import { SUBJECTS, type SubjectPronoun } from "../french/subjects";
import { LEARNER_LANGUAGE_CODE, type NewProblem, type Statement, SUBJECT_PERSONS } from "../types";
import type { ProblemPlan, StatementPlan } from "./plan";

/** What a generator wrote for one planned statement: the sentence and its explanation or translation. */
export type WrittenStatement = Pick<Statement, "content" | "is_correct" | "explanation" | "translation">;

function subjectPerson(subject: string) {
  const info = SUBJECTS[subject as SubjectPronoun];
  return info ? SUBJECT_PERSONS[info.person] : undefined;
}

// The planner's decisions kept with each statement: its mistake kind (null when correct), the person of its
// subject and the verb group it tests, so they can be filtered and analysed without reading the English text.
function stored(planned: StatementPlan, written: WrittenStatement): Statement {
  const person = subjectPerson(planned.subject);
  return {
    ...written,
    mistake_kind: planned.error?.kind ?? null,
    ...(person ? { subject_person: person } : {}),
    tested_form: planned.verb_phrase,
  };
}

/** The one place a plan and its written statements become a problem; every generator builds its result here. */
export function problemFromPlan(plan: ProblemPlan, written: readonly WrittenStatement[]): NewProblem {
  return {
    problem_type: "grammar",
    title: plan.title,
    instructions: plan.instructions,
    correct_answer_index: plan.correct_index,
    target_language_code: LEARNER_LANGUAGE_CODE,
    statements: plan.statements.map((planned, i) => stored(planned, written[i] as WrittenStatement)),
    topic_tags: plan.topic_tags,
    metadata: plan.metadata,
  };
}
