import { expect, test } from "bun:test";
import { planProblem } from "../../../src/problems/planner/plan-problem";
import { seededRandom } from "../../../src/problems/planner/random";
import { validateProblem } from "../../../src/problems/validation";
import { fakesStoppedAfterEach } from "../../support/fake-openai";
import { openAIGeneratorFor } from "../../support/openai-generator";

const API_KEY = "sk-test-commands-4b8e1d";
const startFake = fakesStoppedAfterEach();

// The openai generator gets its commands from the same planner as the template one: the model is told the mood
// and that a command has no subject, and the stored statements keep the planned verb group and person addressed.
test("a planned command reaches the model as the imperative, with no subject to write", async () => {
  const plan = planProblem({ constraints: { tenses_used: ["imperatif"], level: "B1" } }, seededRandom(7));
  expect(plan.tense).toBe("imperatif");
  const fake = startFake({ apiKey: API_KEY });
  const { problem } = await openAIGeneratorFor(fake, API_KEY, plan).generate(
    {},
    { signal: new AbortController().signal },
  );

  expect(validateProblem(problem)).toEqual(problem);
  const addressee = plan.statements[0]?.subject as string;
  for (const request of fake.requests) {
    expect(request.task).toMatchObject({ tense: "impératif présent", level: "B1", subject: addressee });
    const system = request.body?.messages?.find((m) => m.role === "system")?.content;
    expect(String(system)).toContain("With the impératif, write no subject");
  }
  const person = { tu: "2s", nous: "1p", vous: "2p" }[addressee];
  expect(problem.statements.map((s) => [s.tested_form, s.subject_person, s.mistake_kind])).toEqual(
    plan.statements.map((s) => [s.verb_phrase, person, s.error?.kind ?? null]),
  );
});
