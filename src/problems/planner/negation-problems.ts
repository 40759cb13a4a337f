import { isCompoundTense } from "../french/conjugator";
import { renderEnglish } from "../french/english-clause";
import {
  NEGATION_VERBS,
  type NegationClause,
  type NegationDeviation,
  type NegationVerb,
  type NegationWord,
  renderNegation,
} from "../french/restrictive-negation";
import { SUBJECT_PRONOUNS, type SubjectPronoun } from "../french/subjects";
import type { CuratedVerb } from "../french/verb-entry";
import type { Level, MistakeKind, Tense } from "../types";
import type { ChoiceConstruction, ChoiceOptions, ChoiceStatement } from "./choice";
import { pickOne, type Random } from "./random";
import { quote } from "./wording";

// The tenses negation problems use; a one-off event gets no imparfait (see Aspect).
const TENSES: readonly Tense[] = ["present", "passe_compose", "imparfait", "future_simple", "plus_que_parfait"];

const A2_TENSES: readonly Tense[] = ["passe_compose"];

const ENTRIES = new Map<string, NegationVerb>(NEGATION_VERBS.map((e) => [e.infinitive, e]));

function entryOf(verb: CuratedVerb): NegationVerb {
  const entry = ENTRIES.get(verb.infinitive);
  if (!entry) throw new Error(`${verb.infinitive} has no negation entry`);
  return entry;
}

function wordsOf(entry: NegationVerb): NegationWord[] {
  return [...(entry.personne ? ["personne" as const] : []), ...(entry.rien ? ["rien" as const] : []), "aucun", "que"];
}

function translation(
  verb: CuratedVerb,
  entry: NegationVerb,
  tense: Tense,
  subject: SubjectPronoun,
  word: NegationWord,
) {
  const english = { subject, verb: verb.english, tense };
  switch (word) {
    case "personne":
      return renderEnglish({ ...english, negation: "pas", rest: "anyone" });
    case "rien":
      return renderEnglish({ ...english, negation: "rien", rest: "" });
    case "aucun":
      return renderEnglish({ ...english, negation: "pas", rest: `any ${entry.aucun.en}` });
    case "que":
      return renderEnglish({ ...english, negation: null, rest: `only ${entry.que.en}` });
  }
}

interface MistakeSpec {
  word: NegationWord;
  deviation: NegationDeviation;
  kind: MistakeKind;
  explain(wrong: string, correct: string): string;
}

// Every mistake of the negation problems, with the rule a teacher would give. Left out on purpose: «pas» with
// «que» («je ne mange pas que des pommes» is correct French for "not only") and with «rien» («ce n'est pas rien»).
function mistakes(entry: NegationVerb, compound: boolean): MistakeSpec[] {
  const { gender, singular } = entry.aucun;
  const aucun = quote(gender === "f" ? "aucune" : "aucun");
  const specs: MistakeSpec[] = [
    {
      word: "personne",
      deviation: "pas",
      kind: "negation_pas",
      explain: (w, c) =>
        `${quote("personne")} completes the negation on its own, so there is no ${quote("pas")}: ${quote(c)}, not ${quote(w)}.`,
    },
    {
      word: "aucun",
      deviation: "pas",
      kind: "negation_pas",
      explain: (w, c) =>
        `${aucun} completes the negation on its own, so there is no ${quote("pas")}: ${quote(c)}, not ${quote(w)}.`,
    },
    {
      word: "aucun",
      deviation: "gender",
      kind: "negation_agreement",
      explain: (w, c) =>
        `${quote(singular)} is ${gender === "f" ? "feminine" : "masculine"}, so ${aucun}: ${quote(c)}, not ${quote(w)}.`,
    },
    {
      word: "aucun",
      deviation: "plural",
      kind: "negation_agreement",
      explain: (w, c) => `${aucun} is followed by a singular noun: ${quote(c)}, not ${quote(w)}.`,
    },
    {
      word: "que",
      deviation: "article",
      kind: "negation_article",
      explain: (w, c) =>
        `${quote("ne ... que")} means "only" and is not a true negation, so the article stays: ${quote(c)}, not ${quote(w)}.`,
    },
  ];
  if (compound) {
    specs.push(
      {
        word: "personne",
        deviation: "placement",
        kind: "negation_placement",
        explain: (w, c) =>
          `In a compound tense ${quote("personne")} comes after the past participle: ${quote(c)}, not ${quote(w)}.`,
      },
      {
        word: "rien",
        deviation: "placement",
        kind: "negation_placement",
        explain: (w, c) =>
          `In a compound tense ${quote("rien")} comes between the auxiliary and the past participle: ${quote(c)}, not ${quote(w)}.`,
      },
    );
  }
  return specs;
}

/** ne ... personne / rien / aucun / que: each statement uses one of them, rightly or with one mistake. */
export const negationConstruction: ChoiceConstruction = {
  focus: "negation",
  kinds: ["negation_pas", "negation_placement", "negation_agreement", "negation_article"],
  negated: true,
  maxStatements: 6,
  repeatsFrames: true,
  fitsTenses: (tenses) => TENSES.some((t) => tenses.includes(t)),
  tensesNeeded: "one of the present, passé composé, imparfait, simple future or plus-que-parfait",
  // At A2 the mistakes are «pas» added to personne and personne or rien around a participle: a problem needs a
  // verb that takes both and a compound tense, or it would have a single wrong statement.
  verbs: (pool, level) =>
    pool.filter((verb) => {
      const entry = ENTRIES.get(verb.infinitive);
      return entry !== undefined && (level !== "A2" || (entry.personne && entry.rien));
    }),
  options(verb: CuratedVerb, random: Random, level: Level) {
    const tenses = level === "A2" ? A2_TENSES : TENSES.filter((t) => t !== "imparfait" || verb.aspect !== "event");
    const tense = pickOne(random, tenses);
    return negationOptions(verb, tense, pickOne(random, SUBJECT_PRONOUNS));
  },
};

/** Every negation statement for this verb, tense and subject: one correct per negation word, and the mistakes. */
export function negationOptions(verb: CuratedVerb, tense: Tense, subject: SubjectPronoun): ChoiceOptions {
  const entry = entryOf(verb);
  const compound = isCompoundTense(tense);
  const words = wordsOf(entry);
  const clause = (word: NegationWord, deviation: NegationDeviation | null): NegationClause => ({
    subject,
    verb,
    entry,
    tense,
    word,
    deviation,
  });
  const statement = (word: NegationWord, error: ChoiceStatement["error"], rendered: string, phrase: string) => ({
    frame: `neg:${word}`,
    tenses: [tense],
    sentence: rendered,
    tested_form: phrase,
    lead: null,
    error,
    translation: translation(verb, entry, tense, subject, word),
    accepted: [renderNegation(clause(word, null)).sentence],
  });
  const correct = words.map((word) => {
    const rendered = renderNegation(clause(word, null));
    return statement(word, null, rendered.sentence, rendered.verb_phrase);
  });
  const wrong = mistakes(entry, compound)
    .filter((spec) => words.includes(spec.word))
    .map((spec) => {
      const right = renderNegation(clause(spec.word, null));
      const rendered = renderNegation(clause(spec.word, spec.deviation));
      const error = { kind: spec.kind, explanation: spec.explain(rendered.verb_phrase, right.verb_phrase) };
      return statement(spec.word, error, rendered.sentence, rendered.verb_phrase);
    });
  return {
    subject,
    correct,
    wrong,
    learning_objective: `Use ${quote("ne ... personne")}, ${quote("ne ... rien")}, ${quote("ne ... aucun")} and ${quote("ne ... que")} with ${quote(verb.infinitive)}: their place, agreement and what they leave out.`,
    instructions: "Choose the grammatically correct sentence.",
  };
}
