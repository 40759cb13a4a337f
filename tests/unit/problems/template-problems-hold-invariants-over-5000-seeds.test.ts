import { expect, test } from "bun:test";
import { getConjugation } from "french-verbs";
import { SUBJECTS } from "../../../src/problems/french/subjects";
import { templateGenerator } from "../../../src/problems/generators/template";
import { correctRenderings } from "../../../src/problems/planner/clauses";
import type { ErrorKind, ProblemPlan } from "../../../src/problems/planner/plan";
import { planWithSetup } from "../../../src/problems/planner/plan-problem";
import { seededRandom } from "../../../src/problems/planner/random";
import type { ProblemSetup } from "../../../src/problems/planner/setup";
import type { GenerationRequest, NewProblem } from "../../../src/problems/types";
import { TENSES } from "../../../src/problems/types";
import { validateProblem } from "../../../src/problems/validation";

const PROBLEMS = 5_000;

// One problem in five asks for an explicit statement count (2..6); the rest use the default of 4.
function requestFor(seed: number): GenerationRequest {
  return seed % 5 === 0 ? { statement_count: 2 + ((seed / 5) % 5) } : {};
}

const AUX_TENSE = { passe_compose: "PRESENT", plus_que_parfait: "IMPARFAIT" } as const;
const SIMPLE_TENSE = {
  present: "PRESENT",
  imparfait: "IMPARFAIT",
  future_simple: "FUTUR",
  conditionnel: "CONDITIONNEL_PRESENT",
  subjonctif: "SUBJONCTIF_PRESENT",
} as const;

/**
 * The form a correct sentence must contain for this subject, read straight from french-verbs rather than through
 * the generator's own conjugator, so a wrong form slipping through as "wrong" would be caught independently.
 */
function correctConjugatedWords(setup: ProblemSetup, subject: keyof typeof SUBJECTS): string[] {
  const person = SUBJECTS[subject].person;
  const { verb, tense } = setup;
  if (tense === "passe_compose" || tense === "plus_que_parfait") {
    return [
      getConjugation(
        {},
        verb.auxiliary === "etre" ? "être" : "avoir",
        AUX_TENSE[tense],
        person,
        {},
        false,
        undefined,
        undefined,
        "Act",
      ),
    ];
  }
  const lefff = require("french-verbs-lefff/dist/conjugations.json");
  const form = getConjugation(lefff, verb.lemma, SIMPLE_TENSE[tense], person, {}, false, undefined, undefined, "Act");
  // "je puis" is the literary twin of "je peux": both are correct for je.
  return verb.lemma === "pouvoir" && tense === "present" && person === 0 ? [form, "peux"] : [form];
}

function checkProblem(problem: NewProblem, plan: ProblemPlan, setup: ProblemSetup): void {
  validateProblem(problem);

  const subjects = plan.statements.map((s) => s.subject);
  expect(new Set(subjects).size).toBe(subjects.length);

  // Exactly one statement reads as a correct sentence for its own subject, and it is the one marked correct.
  const correctAt = problem.statements.flatMap((statement, i) => {
    const subject = setup.subjects[i] as keyof typeof SUBJECTS;
    const accepted = correctRenderings(setup, subject).map((r) => r.sentence.toLowerCase());
    return accepted.includes(statement.content.toLowerCase()) ? [i] : [];
  });
  expect(correctAt).toEqual([problem.correct_answer_index]);

  plan.statements.forEach((statement, i) => {
    expect(problem.statements[i]?.content).toBe(statement.reference_sentence);
    if (statement.is_correct) return;
    const subject = setup.subjects[i] as keyof typeof SUBJECTS;
    // No wrong verb group equals any correct verb group for its subject (je mange / il mange must never be "wrong").
    const correctPhrases = correctRenderings(setup, subject).map((r) => r.verb_phrase);
    expect(correctPhrases).not.toContain(statement.verb_phrase);
    const kind = statement.error?.kind;
    if (kind === "wrong_person" || kind === "wrong_auxiliary") {
      const words = statement.verb_phrase.split(/[ ']/);
      for (const form of correctConjugatedWords(setup, subject)) expect(words).not.toContain(form);
    }
  });
}

test(`${PROBLEMS} seeded template problems validate, have one correct statement and never a correct form marked wrong`, async () => {
  const signal = new AbortController().signal;
  const correctIndexCounts = [0, 0, 0, 0];
  const focuses = new Set<string>();
  const tenses = new Set<string>();
  const kinds = new Set<ErrorKind>();
  let negated = 0;

  for (let seed = 1; seed <= PROBLEMS; seed++) {
    const request = requestFor(seed);
    const { problem } = await templateGenerator.generate(request, { signal, seed });
    const { plan, setup } = planWithSetup(request, seededRandom(seed));
    checkProblem(problem, plan, setup);

    if (request.statement_count === undefined)
      correctIndexCounts[problem.correct_answer_index] = (correctIndexCounts[problem.correct_answer_index] ?? 0) + 1;
    focuses.add(plan.focus);
    tenses.add(plan.tense);
    if (plan.includes_negation) negated++;
    for (const s of plan.statements) if (s.error) kinds.add(s.error.kind);
  }

  // The correct index is uniform over the 4 default positions: chi-square with 3 degrees of freedom stays under
  // 16.27 (p = 0.001); always answering 0 would score in the thousands.
  const total = correctIndexCounts.reduce((a, b) => a + b, 0);
  const chiSquare = correctIndexCounts.reduce((sum, observed) => sum + (observed - total / 4) ** 2 / (total / 4), 0);
  expect(chiSquare).toBeLessThan(16.27);

  expect([...focuses].sort()).toEqual(["conjugation", "pronouns"]);
  expect([...tenses].sort()).toEqual([...TENSES].sort());
  expect(negated / PROBLEMS).toBeGreaterThan(0.2);
  expect(negated / PROBLEMS).toBeLessThan(0.3);
  expect([...kinds].sort()).toEqual(
    (
      [
        "pronoun_category",
        "pronoun_gender",
        "pronoun_number",
        "pronoun_order",
        "pronoun_placement",
        "wrong_agreement",
        "wrong_auxiliary",
        "wrong_person",
      ] satisfies ErrorKind[]
    ).sort(),
  );
}, 60_000);
