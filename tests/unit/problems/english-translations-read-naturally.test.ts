import { expect, test } from "bun:test";
import { type EnglishClause, renderEnglish } from "../../../src/problems/french/english-clause";
import { curatedVerb } from "./support/clauses";

function english(infinitive: string, clause: Omit<EnglishClause, "verb">): string {
  return renderEnglish({ ...clause, verb: curatedVerb(infinitive).english });
}

const CASES: [string, string, Omit<EnglishClause, "verb">][] = [
  ["He eats an apple.", "manger", { subject: "il", tense: "present", negation: null, rest: "an apple" }],
  ["She does not eat an apple.", "manger", { subject: "elle", tense: "present", negation: "pas", rest: "an apple" }],
  ["We ate an apple.", "manger", { subject: "nous", tense: "passe_compose", negation: null, rest: "an apple" }],
  ["I did not eat an apple.", "manger", { subject: "je", tense: "passe_compose", negation: "pas", rest: "an apple" }],
  [
    "They used to watch television.",
    "regarder",
    { subject: "ils", tense: "imparfait", negation: null, rest: "television" },
  ],
  [
    "You will never go to the market.",
    "aller",
    { subject: "tu", tense: "future_simple", negation: "jamais", rest: "to the market" },
  ],
  ["I would no longer have a cat.", "avoir", { subject: "je", tense: "conditionnel", negation: "plus", rest: "a cat" }],
  ["She might get up early.", "se lever", { subject: "elle", tense: "subjonctif", negation: null, rest: "early" }],
  [
    "We had finished the work.",
    "finir",
    { subject: "nous", tense: "plus_que_parfait", negation: null, rest: "the work" },
  ],
  ["He does nothing.", "faire", { subject: "il", tense: "present", negation: "rien", rest: "the shopping" }],
  ["I am late.", "être", { subject: "je", tense: "present", negation: null, rest: "late" }],
  ["They were not at home.", "être", { subject: "elles", tense: "passe_compose", negation: "pas", rest: "at home" }],
  ["She is able to swim.", "pouvoir", { subject: "elle", tense: "present", negation: null, rest: "swim" }],
  ["He has fun at the park.", "s'amuser", { subject: "il", tense: "present", negation: null, rest: "at the park" }],
  ["You must not leave.", "devoir", { subject: "vous", tense: "present", negation: "pas", rest: "leave" }],
  ["We should work.", "devoir", { subject: "nous", tense: "conditionnel", negation: null, rest: "work" }],
  ["He watches a film.", "regarder", { subject: "il", tense: "present", negation: null, rest: "a film" }],
  [
    "She hurries to catch the train.",
    "se dépêcher",
    { subject: "elle", tense: "present", negation: null, rest: "to catch the train" },
  ],
];

test.each(CASES)("translates to %s", (expected, infinitive, clause) => {
  expect(english(infinitive, clause)).toBe(expected);
});
