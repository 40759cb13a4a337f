import { createOpenAIGenerator, type OpenAIGeneratorOptions } from "../../src/problems/generators/openai";
import type { ProblemPlan } from "../../src/problems/planner/plan";
import type { FakeOpenAI } from "./fake-openai";

/** The openai generator pointed at a fake server, always planning `plan` (a fresh copy per call). */
export function openAIGeneratorFor(
  fake: FakeOpenAI,
  apiKey: string,
  plan: ProblemPlan,
  overrides: Partial<OpenAIGeneratorOptions> = {},
) {
  return createOpenAIGenerator({
    baseUrl: fake.url,
    apiKey,
    model: "gpt-4o-mini",
    timeoutMs: 5000,
    planProblem: () => structuredClone(plan),
    ...overrides,
  });
}

/** Runs one generation and returns what it rejected with; a generation that succeeds fails the test. */
export async function generationFailure(generator: { generate: ReturnType<typeof openAIGeneratorFor>["generate"] }) {
  try {
    await generator.generate({}, { signal: new AbortController().signal });
  } catch (error) {
    return error;
  }
  throw new Error("expected the generation to fail");
}
