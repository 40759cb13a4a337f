import { describe, expect, test } from "bun:test";
import { ValidationError } from "../../../src/errors";
import { statusOf } from "../../../src/http/error-statuses";
import { planProblem } from "../../../src/problems/planner/plan-problem";
import { seededRandom } from "../../../src/problems/planner/random";
import { type GenerationRequest, MISTAKE_KINDS } from "../../../src/problems/types";

const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);

function plans(request: GenerationRequest) {
  return SEEDS.map((seed) => planProblem(request, seededRandom(seed)));
}

describe("planProblem honours the request", () => {
  test("verbs come from verb_infinitives, written loosely or not", () => {
    const used = new Set(
      plans({ constraints: { verb_infinitives: ["Aller", "  s’habiller "] } }).map((p) => p.verb_infinitive),
    );
    expect([...used].sort()).toEqual(["aller", "s'habiller"]);
  });

  test("mentir is given as a command only in the negative («ne me mens pas», never «mens-moi»)", () => {
    const commands = plans({ constraints: { verb_infinitives: ["mentir"], tenses_used: ["imperatif"] } });
    expect(commands.every((p) => p.includes_negation)).toBe(true);
    const correct = commands.map((p) => p.statements.find((s) => s.is_correct)?.reference_sentence ?? "");
    for (const sentence of correct)
      expect(sentence).toMatch(/^Ne (me|nous|lui|leur) ment?(s|ons|ez) (pas|plus|jamais)\.$/);
  });

  test("tenses come from tenses_used", () => {
    const used = new Set(plans({ constraints: { tenses_used: ["imparfait", "subjonctif"] } }).map((p) => p.tense));
    expect([...used].sort()).toEqual(["imparfait", "subjonctif"]);
  });

  test("includes_negation forces a negation on or off", () => {
    expect(plans({ constraints: { includes_negation: true } }).every((p) => p.includes_negation)).toBe(true);
    expect(plans({ constraints: { includes_negation: false } }).some((p) => p.includes_negation)).toBe(false);
    const negated = plans({ constraints: { includes_negation: true } }).flatMap((p) =>
      p.statements.filter((s) => s.is_correct),
    );
    expect(negated.every((s) => /\bne\b|\bn'/i.test(s.reference_sentence))).toBe(true);
  });

  test("includes_cod and includes_coi pick the pronouns focus and the requested objects", () => {
    for (const plan of plans({ constraints: { includes_cod: true, includes_coi: true } })) {
      expect(plan.focus).toBe("pronouns");
      expect([plan.includes_cod, plan.includes_coi]).toEqual([true, true]);
    }
    for (const plan of plans({ constraints: { includes_cod: false, includes_coi: true } })) {
      expect([plan.focus, plan.includes_cod, plan.includes_coi]).toEqual(["pronouns", false, true]);
    }
    // y and en are neither direct nor indirect objects: without an indirect object, a problem drills a direct one or them.
    for (const plan of plans({ focus: "pronouns", constraints: { includes_coi: false } })) {
      const yOrEn = plan.metadata.pronouns_used.some((p) => p === "y" || p === "en");
      expect([plan.includes_cod || yOrEn, plan.includes_coi]).toEqual([true, false]);
    }
    for (const plan of plans({ focus: "pronouns", constraints: { includes_cod: false, includes_coi: false } })) {
      expect([plan.includes_cod, plan.includes_coi]).toEqual([false, false]);
      expect(plan.metadata.pronouns_used.filter((p) => p === "y" || p === "en")).toHaveLength(1);
    }
  });

  test("the imperative gives pronoun problems whose statements all address one person", () => {
    for (const plan of plans({ statement_count: 5, constraints: { tenses_used: ["imperatif"] } })) {
      expect([plan.focus, plan.tense]).toEqual(["pronouns", "imperatif"]);
      expect(plan.statements).toHaveLength(5);
      const addressed = [...new Set(plan.statements.map((s) => s.subject))];
      expect(addressed).toHaveLength(1);
      expect(["tu", "nous", "vous"]).toContain(addressed[0] as string);
    }
  });

  test("the focus, the statement count and the caller's topic tags are kept", () => {
    for (const plan of plans({ focus: "conjugation", statement_count: 6, topic_tags: ["unit:3"] })) {
      expect(plan.focus).toBe("conjugation");
      expect(plan.statements).toHaveLength(6);
      expect(plan.topic_tags[0]).toBe("unit:3");
      expect(plan.topic_tags).toContain("focus:conjugation");
    }
  });

  test("the metadata describes the plan", () => {
    for (const plan of plans({})) {
      expect(plan.metadata).toMatchObject({
        grammatical_focus: [plan.focus],
        verb_infinitives: [plan.verb_infinitive],
        includes_negation: plan.includes_negation,
        includes_cod: plan.includes_cod,
        includes_coi: plan.includes_coi,
      });
      // Choice problems write several tenses (the right one and the wrong ones); the correct one comes first.
      expect(plan.metadata.tenses_used[0]).toBe(plan.tense);
      if (plan.focus === "conjugation" || plan.focus === "pronouns")
        expect(plan.metadata.tenses_used).toEqual([plan.tense]);
      const subjects = [...new Set(plan.statements.map((s) => s.subject))];
      expect(plan.metadata.pronouns_used.slice(0, subjects.length)).toEqual(subjects);
      expect(plan.metadata.level).toBe(plan.level);
      expect(plan.metadata.mistake_kinds).toEqual(
        [...new Set(plan.statements.flatMap((s) => (s.error ? [s.error.kind] : [])))].sort(
          (a, b) => MISTAKE_KINDS.indexOf(a) - MISTAKE_KINDS.indexOf(b),
        ),
      );
      expect(["first_group", "second_group", "third_group"]).toContain(plan.metadata.verb_classification);
    }
  });
});

describe("choice problems (negation, mood, tense choice) honour the request", () => {
  test.each(["negation", "mood", "tense_choice"] as const)("%s: one subject for every statement", (focus) => {
    for (const plan of plans({ focus })) {
      expect(plan.focus).toBe(focus);
      expect(new Set(plan.statements.map((s) => s.subject)).size).toBe(1);
      expect(plan.includes_negation).toBe(focus === "negation");
    }
  });

  test("tenses_used bounds every tense a statement writes", () => {
    for (const plan of plans({ constraints: { tenses_used: ["imparfait", "passe_compose"] } })) {
      for (const tense of plan.metadata.tenses_used) expect(["imparfait", "passe_compose"]).toContain(tense);
    }
    const mood = plans({ focus: "mood", constraints: { tenses_used: ["present", "subjonctif"] } });
    expect(mood.every((p) => p.metadata.tenses_used.every((t) => t === "present" || t === "subjonctif"))).toBe(true);
  });

  test("a mistake kind only one focus carries picks that focus", () => {
    expect(new Set(plans({ constraints: { mistake_kinds: ["wrong_mood"] } }).map((p) => p.focus))).toEqual(
      new Set(["mood"]),
    );
    // Two placement mistakes exist (personne, rien), so three statements at most.
    for (const plan of plans({ statement_count: 3, constraints: { mistake_kinds: ["negation_placement"] } }))
      for (const s of plan.statements) if (s.error) expect(s.error.kind).toBe("negation_placement");
  });
});

describe("planProblem rejects impossible requests with a ValidationError", () => {
  function rejection(request: GenerationRequest): ValidationError {
    try {
      planProblem(request, seededRandom(1));
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return error as ValidationError;
    }
    throw new Error(`expected a ValidationError for ${JSON.stringify(request)}`);
  }
  const rejects = (request: GenerationRequest, message: RegExp) => expect(rejection(request).message).toMatch(message);

  test("a verb outside the curated list", () => {
    const error = rejection({ constraints: { verb_infinitives: ["manger", "procrastiner"] } });
    expect(error.message).toMatch(/unknown verb "procrastiner"/);
    expect([error.code, statusOf(error)]).toEqual(["unknown_verb", 400]);
  });

  test("an affirmative command with a verb given only in the negative", () => {
    rejects(
      { constraints: { verb_infinitives: ["mentir"], tenses_used: ["imperatif"], includes_negation: false } },
      /no problem meets the constraints .* together; drop one of them/,
    );
  });

  test("object pronouns with a verb that takes none", () => {
    rejects(
      { focus: "pronouns", constraints: { verb_infinitives: ["marcher", "se lever"] } },
      /none of the requested verbs/,
    );
  });

  test("object pronouns asked of the conjugation focus", () => {
    rejects({ focus: "conjugation", constraints: { includes_cod: true } }, /conjugation/);
  });

  test("the pronouns focus with both objects excluded and verbs that take neither y nor en", () => {
    rejects(
      { focus: "pronouns", constraints: { verb_infinitives: ["voir"], includes_cod: false, includes_coi: false } },
      /both false, the "pronouns" focus has only y and en, which none of the requested verbs \(voir\) take/,
    );
  });

  test("the imperative asked of the conjugation focus", () => {
    rejects(
      { focus: "conjugation", constraints: { tenses_used: ["imperatif"] } },
      /the imperative is drilled with object pronouns/,
    );
  });

  test("more wrong statements than a command has of the command-only mistake kinds", () => {
    rejects(
      { constraints: { mistake_kinds: ["pronoun_form"] } },
      /occur only in commands.*at most 1 such wrong statement: ask for statement_count 2 or less/,
    );
    rejects(
      { statement_count: 4, constraints: { mistake_kinds: ["imperative_spelling"] } },
      /at most 2 such wrong statements: ask for statement_count 3 or less/,
    );
  });

  test("a statement count outside 2..6", () => {
    rejects({ statement_count: 7 }, /statement_count/);
    rejects({ statement_count: 1 }, /statement_count/);
    rejects({ statement_count: 2.5 }, /statement_count/);
  });

  test("a malformed topic tag", () => {
    rejects({ topic_tags: ["Not A Tag"] }, /invalid topic tags/);
  });

  test("mistake kinds the focus never carries", () => {
    rejects(
      { focus: "pronouns", constraints: { mistake_kinds: ["wrong_person"] } },
      /not drilled by the pronouns focus/,
    );
  });

  test("a level the other constraints cannot reach", () => {
    rejects({ constraints: { level: "C1", tenses_used: ["present"] } }, /no problem at level C1/);
    rejects(
      { focus: "conjugation", constraints: { level: "B2", mistake_kinds: ["wrong_person"], tenses_used: ["present"] } },
      /no conjugation problem at level B2/,
    );
  });

  test("choice problems asked for what they cannot have", () => {
    rejects({ focus: "mood", constraints: { includes_negation: true } }, /"mood" problems are never negated/);
    rejects({ focus: "negation", constraints: { includes_negation: false } }, /"negation" problems are always negated/);
    rejects({ focus: "negation", constraints: { includes_cod: true } }, /object pronouns/);
    rejects(
      { focus: "negation", constraints: { verb_infinitives: ["aller"] } },
      /"negation" problems use only the verbs/,
    );
    rejects({ focus: "mood", constraints: { tenses_used: ["present"] } }, /need the present and the subjonctif/);
    rejects({ focus: "tense_choice", statement_count: 6 }, /tense_choice problems have at most 4 statements/);
    rejects({ focus: "mood", constraints: { level: "A2" } }, /no mood problem at level A2/);
  });

  test("a one-off event in the imparfait", () => {
    rejects({ constraints: { verb_infinitives: ["réussir"], tenses_used: ["imparfait"] } }, /one-off events/);
  });
});

describe("planProblem honours level and mistake kinds", () => {
  test.each(["A1", "A2", "B1", "B2", "C1"] as const)("level %s is the level of every plan", (level) => {
    for (const plan of plans({ constraints: { level } })) {
      expect(plan.level).toBe(level);
      expect(plan.metadata.level).toBe(level);
      expect(plan.topic_tags).toContain(`level:${level.toLowerCase()}`);
    }
  });

  test("the command-only mistake kinds are planned when a command can carry them", () => {
    const plan = planProblem({ statement_count: 2, constraints: { mistake_kinds: ["pronoun_form"] } }, seededRandom(3));
    expect(plan.tense).toBe("imperatif");
    expect(plan.statements.flatMap((s) => (s.error ? [s.error.kind] : []))).toEqual(["pronoun_form"]);
  });

  test("wrong statements carry only the requested mistake kinds", () => {
    for (const plan of plans({ constraints: { mistake_kinds: ["wrong_agreement", "pronoun_order"] } }))
      for (const statement of plan.statements)
        if (statement.error) expect(["wrong_agreement", "pronoun_order"]).toContain(statement.error.kind);
  });
});
