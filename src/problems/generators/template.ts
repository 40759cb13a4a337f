import type { ProblemPlan } from "../planner/plan";
import { planProblem } from "../planner/plan-problem";
import { problemFromPlan } from "../planner/problem-from-plan";
import { freshSeed, seededRandom } from "../planner/random";
import { validateProblem } from "../validation";
import type { GeneratedProblem, GenerateOptions, ProblemGenerator } from "./generator";

// The template generator writes each statement exactly as planned: the reference sentence is the statement.
function problemOf(plan: ProblemPlan) {
  return problemFromPlan(
    plan,
    plan.statements.map((s) =>
      s.is_correct
        ? { content: s.reference_sentence, is_correct: true, translation: s.translation }
        : { content: s.reference_sentence, is_correct: false, explanation: s.error?.explanation },
    ),
  );
}

/**
 * The offline generator: conjugation data plus curated verbs and complements, no network. With a seed (used as an
 * unsigned 32-bit integer) the same request always yields the same problem; the trace records the seed either way,
 * so any problem can be reproduced.
 */
export function createTemplateGenerator(): ProblemGenerator {
  return {
    name: "template",
    async generate(request, options: GenerateOptions): Promise<GeneratedProblem> {
      options.signal.throwIfAborted();
      const startedAt = performance.now();
      const seed = (options.seed ?? freshSeed()) >>> 0;
      const problem = validateProblem(problemOf(planProblem(request, seededRandom(seed))));
      return { problem, trace: { generator: "template", duration_ms: performance.now() - startedAt, seed } };
    },
  };
}

/** A shared instance; the generator holds no state besides the lazily loaded conjugation table. */
export const templateGenerator: ProblemGenerator = createTemplateGenerator();
