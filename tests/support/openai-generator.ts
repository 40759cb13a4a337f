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
