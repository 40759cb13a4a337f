import { expect, test } from "bun:test";
import { renderFrench } from "../../../src/problems/french/french-clause";
import { type ClauseSpec, clause } from "./support/clauses";

// Wrong statements are the correct clause plus one deviation; each must show that one mistake and nothing else.
const MISTAKES: (ClauseSpec & { expected: string; verb_phrase: string })[] = [
  {
    subject: "je",
    verb: "manger",
    tense: "present",
    complement: "une pomme",
    deviation: { kind: "person", person: 1 },
    expected: "Je manges une pomme.",
    verb_phrase: "manges",
  },
  {
    subject: "je",
    verb: "aller",
    tense: "passe_compose",
    complement: "au marché",
    deviation: { kind: "auxiliary" },
    expected: "J'ai allé au marché.",
    verb_phrase: "ai allé",
  },
  {
    subject: "je",
    verb: "se lever",
    tense: "passe_compose",
    complement: "tôt",
    deviation: { kind: "auxiliary" },
    expected: "Je m'ai levé tôt.",
    verb_phrase: "m'ai levé",
  },
  {
    subject: "elle",
    verb: "aller",
    tense: "passe_compose",
    complement: "au marché",
    deviation: { kind: "agreement", agreement: { gender: "m", number: "s" } },
    expected: "Elle est allé au marché.",
    verb_phrase: "est allé",
  },
  {
    subject: "je",
    verb: "manger",
    tense: "passe_compose",
    pronouns: ["la"],
    deviation: { kind: "placement", where: "after_verb" },
    // The pronoun no longer precedes the verb, so the participle does not agree either way.
    expected: "J'ai mangé la.",
    verb_phrase: "ai mangé la",
  },
  {
    subject: "je",
    verb: "manger",
    tense: "present",
    negation: "pas",
    pronouns: ["la"],
    deviation: { kind: "placement", where: "before_ne" },
    expected: "Je la ne mange pas.",
    verb_phrase: "la ne mange pas",
  },
  {
    subject: "je",
    verb: "donner",
    tense: "present",
    pronouns: ["le", "lui"],
    deviation: { kind: "order" },
    expected: "Je lui le donne.",
    verb_phrase: "lui le donne",
  },
  {
    subject: "il",
    verb: "donner",
    tense: "passe_compose",
    pronouns: ["le", "me"],
    deviation: { kind: "order" },
    expected: "Il le m'a donné.",
    verb_phrase: "le m'a donné",
  },
];

test.each(MISTAKES.map((m) => [m.expected, m] as const))("writes the mistake %s", (expected, mistake) => {
  const rendered = renderFrench(clause(mistake));
  expect(rendered.sentence).toBe(expected);
  expect(rendered.verb_phrase).toBe(mistake.verb_phrase);
});
