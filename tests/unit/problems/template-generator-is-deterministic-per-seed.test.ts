import { expect, test } from "bun:test";
import { createTemplateGenerator, templateGenerator } from "../../../src/problems/generators/template";

const signal = new AbortController().signal;

test("the same seed gives the same problem, even from another generator instance", async () => {
  for (const seed of [0, 1, 42, 2 ** 32 - 1]) {
    const first = await templateGenerator.generate({}, { signal, seed });
    const second = await createTemplateGenerator().generate({}, { signal, seed });
    expect(second.problem).toEqual(first.problem);
    expect(second.trace).toMatchObject({ generator: "template", seed });
  }
});

test("different seeds give different problems", async () => {
  const contents = new Set<string>();
  for (let seed = 1; seed <= 200; seed++) {
    const { problem } = await templateGenerator.generate({}, { signal, seed });
    contents.add(JSON.stringify(problem.statements));
  }
  expect(contents.size).toBe(200);
});

test("without a seed the trace records a drawn seed that reproduces the problem", async () => {
  const unseeded = await templateGenerator.generate({ statement_count: 5 }, { signal });
  expect(unseeded.trace.seed).toBeInteger();
  const replayed = await templateGenerator.generate({ statement_count: 5 }, { signal, seed: unseeded.trace.seed });
  expect(replayed.problem).toEqual(unseeded.problem);
  expect(unseeded.trace.duration_ms).toBeGreaterThanOrEqual(0);
});

test("titles carry the infinitive and a short unique suffix", async () => {
  const titles = new Set<string>();
  for (let seed = 1; seed <= 100; seed++) {
    const { problem } = await templateGenerator.generate(
      { constraints: { verb_infinitives: ["manger"] } },
      { signal, seed },
    );
    expect(problem.title).toMatch(/^Grammar: manger \([0-9a-z]{6}\)$/);
    titles.add(problem.title);
  }
  expect(titles.size).toBe(100);
});
