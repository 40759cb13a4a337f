import { expect, test } from "bun:test";
import { type EnglishClause, renderEnglish } from "../../../src/problems/french/english-clause";
import { curatedVerb } from "./support/clauses";

function english(infinitive: string, clause: Omit<EnglishClause, "verb">): string {
  return renderEnglish({ ...clause, verb: curatedVerb(infinitive).english });
}

const CASES: [string, string, Omit<EnglishClause, "verb">][] = [
  [
    "He is going to eat an apple.",
    "manger",
    { subject: "il", tense: "futur_proche", negation: null, rest: "an apple" },
  ],
  ["I am not going to leave.", "partir", { subject: "je", tense: "futur_proche", negation: "pas", rest: "" }],
  [
    "We have just arrived at the station.",
    "arriver",
    { subject: "nous", tense: "passe_recent", negation: null, rest: "at the station" },
  ],
  ["She has just got up.", "se lever", { subject: "elle", tense: "passe_recent", negation: null, rest: "" }],
  [
    "You will have finished the work.",
    "finir",
    { subject: "tu", tense: "futur_anterieur", negation: null, rest: "the work" },
  ],
  [
    "They would not have come to the party.",
    "venir",
    { subject: "ils", tense: "conditionnel_passe", negation: "pas", rest: "to the party" },
  ],
  [
    "I might have done the shopping.",
    "faire",
    { subject: "je", tense: "subjonctif_passe", negation: null, rest: "the shopping" },
  ],
  ["He eats an apple.", "manger", { subject: "il", tense: "present", negation: null, rest: "an apple" }],
  ["She does not eat an apple.", "manger", { subject: "elle", tense: "present", negation: "pas", rest: "an apple" }],
  ["We ate an apple.", "manger", { subject: "nous", tense: "passe_compose", negation: null, rest: "an apple" }],
  ["I did not eat an apple.", "manger", { subject: "je", tense: "passe_compose", negation: "pas", rest: "an apple" }],
  [
    "They were watching television.",
    "regarder",
    { subject: "ils", tense: "imparfait", negation: null, rest: "television" },
  ],
  // The imparfait of an activity is going on; of a state, a plain past; a habit under never / no longer, a plain past.
  ["I was not eating an apple.", "manger", { subject: "je", tense: "imparfait", negation: "pas", rest: "an apple" }],
  [
    "We were swimming in the sea.",
    "nager",
    { subject: "nous", tense: "imparfait", negation: null, rest: "in the sea" },
  ],
  ["She was getting up early.", "se lever", { subject: "elle", tense: "imparfait", negation: null, rest: "early" }],
  ["You were lying to Paul.", "mentir", { subject: "tu", tense: "imparfait", negation: null, rest: "to Paul" }],
  ["We were at home.", "être", { subject: "nous", tense: "imparfait", negation: null, rest: "at home" }],
  ["He wanted a coffee.", "vouloir", { subject: "il", tense: "imparfait", negation: null, rest: "a coffee" }],
  ["I was able to swim.", "pouvoir", { subject: "je", tense: "imparfait", negation: null, rest: "swim" }],
  ["He did not know the answer.", "savoir", { subject: "il", tense: "imparfait", negation: "pas", rest: "the answer" }],
  ["They never drank a coffee.", "boire", { subject: "ils", tense: "imparfait", negation: "jamais", rest: "a coffee" }],
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
  // "on" means "we" and takes the plural English verb.
  ["We eat an apple.", "manger", { subject: "on", tense: "present", negation: null, rest: "an apple" }],
  ["We were watching a film.", "regarder", { subject: "on", tense: "imparfait", negation: null, rest: "a film" }],
  // Commands: no subject; nous is "let's".
  ["Give it to me.", "donner", { subject: "tu", tense: "imperatif", negation: null, rest: "it to me" }],
  ["Do not eat any.", "manger", { subject: "vous", tense: "imperatif", negation: "pas", rest: "any" }],
  ["Let's go there.", "aller", { subject: "nous", tense: "imperatif", negation: null, rest: "there" }],
  ["Let's not tell it to her.", "dire", { subject: "nous", tense: "imperatif", negation: "pas", rest: "it to her" }],
  ["Never take them.", "prendre", { subject: "tu", tense: "imperatif", negation: "jamais", rest: "them" }],
  ["Do not call him any more.", "appeler", { subject: "tu", tense: "imperatif", negation: "plus", rest: "him" }],
  ["Do not take any more.", "prendre", { subject: "tu", tense: "imperatif", negation: "plus", rest: "any" }],
];

test.each(CASES)("translates to %s", (expected, infinitive, clause) => {
  expect(english(infinitive, clause)).toBe(expected);
});
