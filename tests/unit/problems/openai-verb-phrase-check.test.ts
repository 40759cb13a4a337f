import { describe, expect, test } from "bun:test";
import { containsVerbPhrase } from "../../../src/problems/generators/openai";

describe("containsVerbPhrase: the model kept the planned verb form verbatim", () => {
  test("ignores case, so a phrase may open the sentence", () => {
    expect(containsVerbPhrase("Sommes mangé, nous ? Jamais.", "sommes mangé")).toBe(true);
    expect(containsVerbPhrase("Nous SOMMES MANGÉ une pomme.", "sommes mangé")).toBe(true);
  });

  test("accepts a typographic apostrophe where the plan has a straight one, and the reverse", () => {
    expect(containsVerbPhrase("Je ne l’ai pas mangée.", "ne l'ai pas mangée")).toBe(true);
    expect(containsVerbPhrase("Je ne l'ai pas mangée.", "ne l’ai pas mangée")).toBe(true);
  });

  test("accepts any spacing, including a non-breaking space", () => {
    expect(containsVerbPhrase("Nous sommes\u00a0 mangé une pomme.", "sommes mangé")).toBe(true);
  });

  test("finds a phrase right after an elided subject", () => {
    expect(containsVerbPhrase("J'ai mangé une pomme.", "ai mangé")).toBe(true);
  });

  test("regression: a wrong form must not be found inside the corrected, longer word", () => {
    expect(containsVerbPhrase("Nous mangeons une pomme.", "mange")).toBe(false);
    expect(containsVerbPhrase("Ils remangent une pomme.", "mangent")).toBe(false);
  });

  test("a re-conjugated or re-ordered phrase does not count", () => {
    expect(containsVerbPhrase("Nous avons mangé une pomme.", "sommes mangé")).toBe(false);
    expect(containsVerbPhrase("Nous le lui donnons.", "lui le donnons")).toBe(false);
  });

  test("an accent dropped by the model does not count: the accent may be the very point", () => {
    expect(containsVerbPhrase("Nous sommes mange une pomme.", "sommes mangé")).toBe(false);
  });

  test("an empty phrase never matches", () => {
    expect(containsVerbPhrase("Nous mangeons.", "  ")).toBe(false);
  });
});
