import { describe, expect, test } from "bun:test";
import {
  CORRECT_STATEMENT_JSON_SCHEMA,
  type OpenAIGeneratorOptions,
  WRONG_STATEMENT_JSON_SCHEMA,
} from "../../../src/problems/generators/openai";
import type { PlanProblem, ProblemPlan } from "../../../src/problems/planner/plan";
import { planProblem } from "../../../src/problems/planner/plan-problem";
import { seededRandom } from "../../../src/problems/planner/random";
import { validateProblem } from "../../../src/problems/validation";
import { type FakeOpenAI, type FakeOpenAIOptions, fakesStoppedAfterEach } from "../../support/fake-openai";
import plannedManger from "../../support/fixtures/openai/plan-manger-passe-compose.json";
import { openAIGeneratorFor } from "../../support/openai-generator";

const API_KEY = "sk-test-success-7f3a9c2e1b";
const managerPlan = plannedManger as ProblemPlan;

/** A pronouns plan: present tense of donner with a COD and a COI, double-pronoun order as the point. */
const donnerPlan: ProblemPlan = {
  focus: "pronouns",
  level: "B1",
  verb_infinitive: "donner",
  verb_gloss: "to give",
  tense: "present",
  includes_negation: false,
  includes_cod: true,
  includes_coi: true,
  correct_index: 0,
  statements: [
    {
      subject: "je",
      verb_phrase: "le lui donne",
      is_correct: true,
      reference_sentence: "Je le lui donne.",
      translation: "I give it to him.",
    },
    {
      subject: "nous",
      verb_phrase: "lui le donnons",
      is_correct: false,
      error: { kind: "pronoun_order", explanation: 'le comes before lui: "nous le lui donnons".' },
      reference_sentence: "Nous lui le donnons.",
      translation: "We give it to him.",
    },
    {
      subject: "elle",
      verb_phrase: "le donne lui",
      is_correct: false,
      error: { kind: "pronoun_placement", explanation: 'object pronouns go before the verb: "elle le lui donne".' },
      reference_sentence: "Elle le donne lui.",
      translation: "She gives it to him.",
    },
  ],
  metadata: {
    grammatical_focus: ["pronouns"],
    verb_infinitives: ["donner"],
    tenses_used: ["present"],
    pronouns_used: ["je", "nous", "elle"],
    includes_negation: false,
    includes_cod: true,
    includes_coi: true,
    verb_auxiliary: "avoir",
    verb_classification: "first_group",
    learning_objective: "Order a direct and an indirect object pronoun before the verb.",
  },
  title: "Grammar: donner · p81x",
  instructions: "Choose the sentence with the pronouns in the right place.",
  topic_tags: ["focus:pronouns", "tense:present", "verb:donner"],
};

const startFake = fakesStoppedAfterEach();

function start(respond?: FakeOpenAIOptions["respond"]): FakeOpenAI {
  const fake = startFake({ apiKey: API_KEY, respond });
  return fake;
}

function generatorFor(fake: FakeOpenAI, plan: ProblemPlan, overrides: Partial<OpenAIGeneratorOptions> = {}) {
  return openAIGeneratorFor(fake, API_KEY, plan, overrides);
}

const signal = () => new AbortController().signal;

describe("openai generator, happy path", () => {
  test("returns a problem that passes validateProblem, statements in plan order around each planned verb phrase", async () => {
    const fake = start();
    const { problem } = await generatorFor(fake, managerPlan).generate({}, { signal: signal() });

    expect(validateProblem(problem)).toEqual(problem);
    expect(problem.correct_answer_index).toBe(2);
    expect(problem.statements.map((s) => s.is_correct)).toEqual([false, false, true, false]);
    problem.statements.forEach((statement, i) => {
      const planned = managerPlan.statements[i];
      expect(statement.content.toLowerCase()).toContain(planned?.verb_phrase ?? "(no plan)");
      if (planned?.is_correct) expect(statement.translation).toBeString();
      else expect(statement.explanation).toBe(planned?.error?.explanation ?? "(no plan)");
    });
    expect(problem.statements.map((s) => s.content)).toEqual([
      "Nous sommes mangé ce matin.",
      "J'a mangé ce matin.",
      "Elles ont mangé ce matin.",
      "Tu avez mangé ce matin.",
    ]);
  });

  test("a choice problem's tasks carry its focus and the words that decide the answer", async () => {
    const moodPlan = planProblem({ focus: "mood" }, seededRandom(7));
    const fake = start();
    const { problem } = await generatorFor(fake, moodPlan).generate({}, { signal: signal() });
    const tasks = fake.requests.map((r) => r.task);
    expect(tasks.map((t) => t?.focus)).toEqual(moodPlan.statements.map(() => "mood"));
    // The trigger travels as the lead before the subject («Il faut que» tu viennes), and the sentence keeps it.
    // (Requests run at once, so they arrive in any order.)
    expect(tasks.map((t) => String(t?.lead)).sort()).toEqual(moodPlan.statements.map((s) => String(s.lead)).sort());
    expect(tasks.every((t) => /(que|qu')$/.test(String(t?.lead)))).toBe(true);
    problem.statements.forEach((s, i) => {
      expect(s.content.startsWith(String(moodPlan.statements[i]?.lead))).toBe(true);
    });
    expect(problem.statements.map((s) => [s.mistake_kind, s.tested_form])).toEqual(
      moodPlan.statements.map((s) => [s.error?.kind ?? null, s.verb_phrase]),
    );
  });

  test.each(["negation", "mood", "tense_choice"] as const)(
    "%s problems pass the output checks when the model keeps the lead and the verb phrase",
    async (focus) => {
      const fake = start();
      for (let seed = 1; seed <= 15; seed++) {
        const plan = planProblem({ focus }, seededRandom(seed));
        const { problem } = await generatorFor(fake, plan).generate({}, { signal: signal() });
        expect(problem.metadata.grammatical_focus).toEqual([focus]);
      }
    },
  );

  test("title, instructions, metadata and topic tags come from the plan, not from the model", async () => {
    const fake = start();
    const { problem } = await generatorFor(fake, donnerPlan).generate({}, { signal: signal() });

    expect(problem.problem_type).toBe("grammar");
    expect(problem.title).toBe(donnerPlan.title);
    expect(problem.instructions).toBe(donnerPlan.instructions);
    expect(problem.metadata).toEqual(donnerPlan.metadata);
    expect(problem.topic_tags).toEqual(donnerPlan.topic_tags);
    expect(problem.correct_answer_index).toBe(0);
    expect(problem.statements.map((s) => s.content)).toEqual([
      "Je le lui donne ce matin.",
      "Nous lui le donnons ce matin.",
      "Elle le donne lui ce matin.",
    ]);
  });

  test("the trace sums prompt, completion and reasoning tokens over every statement request", async () => {
    // The correct statement is answered by a reasoning model's recorded body, the wrong ones by gpt-4o-mini's.
    const fake = start((req) => ({
      kind: "success",
      fixture: req.task?.statement === "correct" ? "o4-mini-reasoning" : "gpt-4o-mini",
    }));
    const { trace } = await generatorFor(fake, managerPlan).generate({}, { signal: signal() });

    expect(trace).toEqual({
      generator: "openai",
      duration_ms: expect.any(Number),
      model: "gpt-4o-mini-2024-07-18",
      input_tokens: 3 * 412 + 409,
      output_tokens: 3 * 48 + 301,
      reasoning_tokens: 256,
    });
    expect(trace.duration_ms).toBeGreaterThanOrEqual(0);
  });

  test("each request carries the bearer key, the configured model and a strict json_schema for its kind of statement", async () => {
    const fake = start();
    await generatorFor(fake, managerPlan, { model: "gpt-4o-mini" }).generate({}, { signal: signal() });

    expect(fake.requests).toHaveLength(4);
    for (const req of fake.requests) {
      expect(req.method).toBe("POST");
      expect(req.path).toBe("/v1/chat/completions");
      expect(req.authorization).toBe(`Bearer ${API_KEY}`);
      expect(req.body?.model).toBe("gpt-4o-mini");
      expect(req.body?.messages?.map((m) => m.role)).toEqual(["system", "user"]);
      const correct = req.task?.statement === "correct";
      expect(req.body?.response_format).toEqual({
        type: "json_schema",
        json_schema: {
          name: correct ? "correct_quiz_statement" : "wrong_quiz_statement",
          strict: true,
          schema: correct ? CORRECT_STATEMENT_JSON_SCHEMA : WRONG_STATEMENT_JSON_SCHEMA,
        },
      });
    }
    const asked = fake.requests.map((r) => `${r.task?.subject}:${r.task?.verb_phrase}`).sort();
    expect(asked).toEqual(managerPlan.statements.map((s) => `${s.subject}:${s.verb_phrase}`).sort());
  });

  test("a wrong statement's request carries the planned mistake, so the explanation matches the error made in code", async () => {
    const fake = start();
    const { problem } = await generatorFor(fake, managerPlan).generate({}, { signal: signal() });
    // The stored statements keep the planner's decisions, as the template generator's do.
    expect(problem.statements.map((s) => [s.mistake_kind, s.subject_person, s.tested_form])).toEqual(
      managerPlan.statements.map((s) => [
        s.error?.kind ?? null,
        { je: "1s", tu: "2s", il: "3s", elle: "3s", nous: "1p", vous: "2p", ils: "3p", elles: "3p" }[s.subject],
        s.verb_phrase,
      ]),
    );

    const auxiliary = fake.requests.find((r) => r.task?.verb_phrase === "sommes mangé");
    expect(auxiliary?.task).toMatchObject({
      verb: "manger",
      verb_meaning: "to eat",
      tense: "passé composé",
      level: "A2",
      subject: "nous",
      statement: "wrong",
      mistake: "wrong_auxiliary",
      mistake_hint: managerPlan.statements[0]?.error?.explanation,
    });
    const correct = fake.requests.find((r) => r.task?.statement === "correct");
    expect(correct?.task).toBeDefined();
    expect(correct?.task?.mistake).toBeUndefined();
  });

  test("statement requests overlap in time instead of running one after another", async () => {
    // No request is answered before all four have arrived: one after another, the first would never be answered.
    const allArrived = Promise.withResolvers<void>();
    const fake = start((_request, n) => {
      if (n === 3) allArrived.resolve();
      return { kind: "success", heldUntil: allArrived.promise };
    });
    const { problem } = await generatorFor(fake, managerPlan).generate({}, { signal: signal() });

    expect(problem.statements).toHaveLength(4);
    expect(fake.maxInFlight()).toBe(4);
  });

  test("never has more than maxConcurrency statement requests in flight", async () => {
    // Requests are answered in pairs, so two are surely in flight together, and a third would show up as more.
    const pairs = [Promise.withResolvers<void>(), Promise.withResolvers<void>()];
    const fake = start((_request, n) => {
      const pair = pairs[Math.floor(n / 2)];
      if (n % 2 === 1) pair?.resolve();
      return { kind: "success", heldUntil: pair?.promise };
    });
    const { problem } = await generatorFor(fake, managerPlan, { maxConcurrency: 2 }).generate({}, { signal: signal() });

    expect(problem.statements).toHaveLength(4);
    expect(fake.requests).toHaveLength(4);
    expect(fake.maxInFlight()).toBe(2);
  });

  test("the limit is shared by every problem of the generator (LLM_MAX_CONCURRENCY is process-wide)", async () => {
    // Three problems of four statements at once, answered in threes: the fourth request in flight would be one too many.
    const groups = Array.from({ length: 4 }, () => Promise.withResolvers<void>());
    const fake = start((_request, n) => {
      const group = groups[Math.floor(n / 3)];
      if (n % 3 === 2) group?.resolve();
      return { kind: "success", heldUntil: group?.promise };
    });
    const generator = generatorFor(fake, managerPlan, { maxConcurrency: 3 });
    const problems = await Promise.all([1, 2, 3].map(() => generator.generate({}, { signal: signal() })));

    expect(problems.map((p) => p.problem.statements.length)).toEqual([4, 4, 4]);
    expect(fake.requests).toHaveLength(12);
    expect(fake.maxInFlight()).toBe(3);
  });

  test("the same seed hands the planner the same random sequence", async () => {
    const fake = start();
    const drawn: number[][] = [];
    const planProblem: PlanProblem = (_request, random) => {
      drawn.push([random(), random(), random()]);
      return structuredClone(managerPlan);
    };
    const generator = generatorFor(fake, managerPlan, { planProblem });
    await generator.generate({}, { signal: signal(), seed: 42 });
    await generator.generate({}, { signal: signal(), seed: 42 });
    await generator.generate({}, { signal: signal(), seed: 43 });

    const [first, again, other] = drawn;
    expect(first).toEqual(again as number[]);
    expect(other).not.toEqual(first as number[]);
    for (const value of drawn.flat()) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  test("the request reaches the planner unchanged", async () => {
    const fake = start();
    const seen: unknown[] = [];
    const planProblem: PlanProblem = (request) => {
      seen.push(request);
      return structuredClone(managerPlan);
    };
    const request = {
      focus: "conjugation" as const,
      statement_count: 4,
      constraints: { verb_infinitives: ["manger"] },
    };
    await generatorFor(fake, managerPlan, { planProblem }).generate(request, { signal: signal() });

    expect(seen).toEqual([request]);
  });

  test("requests go through the injected fetch when one is given", async () => {
    const fake = start();
    const seenUrls: string[] = [];
    const countingFetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      seenUrls.push(String(input));
      return fetch(input, init);
    }) as typeof fetch;
    await generatorFor(fake, managerPlan, { fetch: countingFetch }).generate({}, { signal: signal() });

    expect(seenUrls).toEqual(Array(4).fill(`${fake.url}/chat/completions`));
  });
});
