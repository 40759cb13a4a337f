import { describe, expect, test } from "bun:test";
import { type InvalidOutputReason, LlmInvalidOutputError } from "../../../src/problems/generators/llm-errors";
import { checkProblemWording, checkStatementWording } from "../../../src/problems/generators/openai";
import type { ProblemPlan, StatementPlan } from "../../../src/problems/planner/plan";
import plannedManger from "../../support/fixtures/openai/plan-manger-passe-compose.json";

// manger, passé composé: [0] nous "sommes mangé" (wrong), [1] je "a mangé" (wrong), [2] elles "ont mangé"
// (correct), [3] tu "avez mangé" (wrong).
const plan = plannedManger as ProblemPlan;
const statement = (i: number) => plan.statements[i] as StatementPlan;
const wrong = (sentence: string, explanation = "Manger takes avoir: nous avons mangé.") => ({ sentence, explanation });
const correct = (sentence: string, translation = "They ate an apple this morning.") => ({ sentence, translation });

function reasonOf(check: () => void): InvalidOutputReason | "accepted" {
  try {
    check();
    return "accepted";
  } catch (error) {
    expect(error).toBeInstanceOf(LlmInvalidOutputError);
    expect((error as LlmInvalidOutputError).retryable).toBe(false);
    return (error as LlmInvalidOutputError).reason;
  }
}

const wrongNous = (sentence: string) => reasonOf(() => checkStatementWording(plan, statement(0), wrong(sentence)));
const wrongJe = (sentence: string) => reasonOf(() => checkStatementWording(plan, statement(1), wrong(sentence)));
const correctElles = (sentence: string, translation?: string) =>
  reasonOf(() => checkStatementWording(plan, statement(2), correct(sentence, translation)));

describe("LLM output checks: what a model writes around the planned verb phrase", () => {
  test("well-formed sentences pass, elision and typographic apostrophes included", () => {
    expect(wrongNous("Nous sommes mangé une tarte aux pommes chez ma grand-mère.")).toBe("accepted");
    expect(wrongJe("Hier soir, j’a mangé une soupe bien chaude.")).toBe("accepted");
    expect(wrongJe("Je crois que j'a mangé trop de chocolat.")).toBe("accepted");
    expect(correctElles("Après l'école, elles ont mangé des crêpes.")).toBe("accepted");
  });

  test("verb_phrase_missing: the model corrected the deliberate mistake", () => {
    expect(wrongNous("Nous avons mangé une pomme ce matin.")).toBe("verb_phrase_missing");
  });

  test("verb_phrase_repeated: the planned phrase twice (the sentence must hold it exactly once)", () => {
    expect(correctElles("Elles ont mangé, oui, elles ont mangé toute la tarte.")).toBe("verb_phrase_repeated");
  });

  test("subject_changed: the wrong form given a subject that makes it right (je a mangé -> il a mangé)", () => {
    expect(wrongJe("Il a mangé une pomme ce matin.")).toBe("subject_changed");
    expect(wrongJe("Je pense qu'il a mangé une pomme.")).toBe("subject_changed");
    expect(wrongNous("Sommes mangé, nous ? Jamais de la vie.")).toBe("subject_changed");
  });

  test("subject_changed: the correct form under another subject", () => {
    expect(correctElles("Les enfants ont mangé des crêpes après l'école.")).toBe("subject_changed");
  });

  test("extra_verb_form: the sentence also holds the right form, or another form of the tested verb", () => {
    expect(wrongNous("Nous sommes mangé, pardon, nous avons mangé une pomme.")).toBe("extra_verb_form");
    expect(correctElles("Elles ont mangé ce que nous mangeons le dimanche.")).toBe("extra_verb_form");
    expect(wrongJe("J'a mangé et je mangerai encore une pomme.")).toBe("extra_verb_form");
  });

  test("bad_length: a sentence far outside the 6 to 14 words asked for, or a rambling note", () => {
    expect(wrongNous("Nous sommes mangé.")).toBe("accepted"); // three words is short, not broken
    const long = `Nous sommes mangé ${"une très grande pomme rouge et ".repeat(6)}ce matin.`;
    expect(wrongNous(long)).toBe("bad_length");
    expect(correctElles("Elles ont mangé une pomme.", "They ate an apple. ".repeat(20))).toBe("bad_length");
  });

  test("bad_characters: markdown, HTML, a second line, a link or another script", () => {
    expect(wrongNous("**Nous sommes mangé** une pomme ce matin.")).toBe("bad_characters");
    expect(wrongNous("<b>Nous sommes mangé</b> une pomme ce matin.")).toBe("bad_characters");
    expect(wrongNous("Nous sommes mangé une pomme ce matin.\nTranslation: we ate an apple.")).toBe("bad_characters");
    expect(correctElles("Elles ont mangé une pomme ce matin.", "See https://example.com")).toBe("bad_characters");
    expect(wrongNous("Nous sommes mangé une яблоко ce matin.")).toBe("bad_characters");
  });
});

describe("LLM output checks across the statements of one problem", () => {
  const outputs = (second: string) => [
    wrong("Nous sommes mangé une pomme ce matin."),
    wrong(second),
    correct("Elles ont mangé une pomme ce matin."),
    wrong("Tu avez mangé une pomme ce matin."),
  ];

  test("distinct sentences pass", () => {
    expect(reasonOf(() => checkProblemWording(plan, outputs("J'a mangé une pomme ce matin.")))).toBe("accepted");
  });

  test("wrong_equals_correct: a wrong statement that reads as the correct one, up to case and punctuation", () => {
    expect(reasonOf(() => checkProblemWording(plan, outputs("elles ont  mangé une pomme ce matin !")))).toBe(
      "wrong_equals_correct",
    );
  });
});

describe("LLM output checks: the lead of a choice problem", () => {
  // A mood statement: the trigger before the subject decides the mood, so the model may not change or drop it.
  const moodPlan = { ...plan, focus: "mood", verb_infinitive: "venir" } as ProblemPlan;
  const viennes: StatementPlan = {
    subject: "tu",
    lead: "Il faut que",
    verb_phrase: "viennes",
    is_correct: true,
    reference_sentence: "Il faut que tu viennes à la fête.",
    translation: "You have to come to the party.",
  };
  const check = (sentence: string, planned = viennes) =>
    reasonOf(() => checkStatementWording(moodPlan, planned, correct(sentence, "You have to come.")));

  test("the lead right before the subject passes, elided or not", () => {
    expect(check("Il faut que tu viennes à la fête ce soir.")).toBe("accepted");
    expect(check("Demain, il faut que tu viennes à la fête.")).toBe("accepted");
    const elided = { ...viennes, subject: "il", lead: "Il faut qu'", verb_phrase: "vienne" };
    expect(check("Il faut qu'il vienne à la fête ce soir.", elided)).toBe("accepted");
  });

  test("the lead may hold a form of the tested verb; the rest of the sentence may not", () => {
    const faire = { ...moodPlan, verb_infinitive: "faire" } as ProblemPlan;
    const fasse = { ...viennes, subject: "elle", lead: "Marie fait tout pour qu'", verb_phrase: "fasse" };
    const check = (sentence: string) =>
      reasonOf(() => checkStatementWording(faire, fasse, correct(sentence, "Marie does everything.")));
    expect(check("Marie fait tout pour qu'elle fasse les courses demain.")).toBe("accepted");
    expect(check("Marie fait tout pour qu'elle fasse les courses et fait le reste.")).toBe("extra_verb_form");
  });

  test("subject_changed: another trigger, or none, in front of the subject", () => {
    expect(check("Je pense que tu viennes à la fête ce soir.")).toBe("subject_changed");
    expect(check("Tu viennes à la fête ce soir avec nous.")).toBe("subject_changed");
  });
});
