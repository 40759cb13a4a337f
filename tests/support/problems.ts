import type { NewProblem } from "../../src/problems/types";

/** A small, valid, hand-written problem for tests that are about storage and serving, not generation. */
export function sampleProblem(n: number, overrides: Partial<NewProblem> = {}): NewProblem {
  return {
    problem_type: "grammar",
    title: `Grammar: manger #${n}`,
    instructions: "Choose the grammatically correct sentence.",
    correct_answer_index: 1,
    target_language_code: "eng",
    statements: [
      {
        content: `Nous mange une pomme (${n}).`,
        is_correct: false,
        explanation: '"mange" is the form for je/il/elle; nous takes "mangeons".',
      },
      { content: `Je mange une pomme (${n}).`, is_correct: true, translation: "I eat an apple." },
      {
        content: `Tu mangent une pomme (${n}).`,
        is_correct: false,
        explanation: '"mangent" is the ils/elles form; tu takes "manges".',
      },
    ],
    topic_tags: ["focus:conjugation", "tense:present", "verb:manger"],
    metadata: {
      grammatical_focus: ["conjugation"],
      verb_infinitives: ["manger"],
      tenses_used: ["present"],
      pronouns_used: ["je", "nous", "tu"],
      includes_negation: false,
      includes_cod: false,
      includes_coi: false,
      verb_auxiliary: "avoir",
      verb_classification: "first_group",
      learning_objective: "Conjugate manger in the present tense.",
    },
    ...overrides,
  };
}
