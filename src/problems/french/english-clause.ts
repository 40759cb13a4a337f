import type { Tense } from "../types";
import type { Negation } from "./french-clause";
import { SUBJECTS, type SubjectPronoun } from "./subjects";
import type { CuratedVerb, EnglishVerb } from "./verb-entry";

export interface EnglishClause {
  subject: SubjectPronoun;
  verb: EnglishVerb;
  tense: Tense;
  negation: Negation | null;
  /** What follows the verb, already in English ("it to her", "an apple"); replaced by "nothing" under "rien". */
  rest: string;
}

const ADVERBS: Readonly<Record<Exclude<Negation, "rien">, string>> = { pas: "not", jamais: "never", plus: "no longer" };

function words(...parts: (string | null | undefined)[]): string {
  return parts.filter((p) => p).join(" ");
}

function isThirdSingular(subject: SubjectPronoun): boolean {
  return subject === "il" || subject === "elle";
}

// "eat" -> "eats", "go to bed" -> "goes to bed", "watch" -> "watches", "hurry" -> "hurries", "have" -> "has".
function thirdSingular(base: string): string {
  const [head = "", ...tail] = base.split(" ");
  const inflected =
    head === "have"
      ? "has"
      : /(s|sh|ch|x|z|o)$/.test(head)
        ? `${head}es`
        : /[^aeiou]y$/.test(head)
          ? `${head.slice(0, -1)}ies`
          : `${head}s`;
  return words(inflected, ...tail);
}

// Conjugates "be" (and "be able to", "be interested") for tenses without an auxiliary.
function beForm(subject: SubjectPronoun, past: boolean): string {
  if (past) return subject === "je" || isThirdSingular(subject) ? "was" : "were";
  return subject === "je" ? "am" : isThirdSingular(subject) ? "is" : "are";
}

// The English verb group. Indicative tenses map to their closest English tense (passé composé -> simple past,
// imparfait -> past progressive or plain past); the subjunctive clause "il est possible que ..." reads as "might".
function verbGroup(clause: EnglishClause): string {
  const { verb, subject, tense } = clause;
  const adverb = clause.negation && clause.negation !== "rien" ? ADVERBS[clause.negation] : null;
  const [head, ...tail] = verb.base.split(" ");
  const beTail = tail.join(" ");
  const modal = verb.modals?.[tense];
  if (modal) return words(modal, adverb);
  const simplePast = (): string => {
    if (head === "be") return words(beForm(subject, true), adverb, beTail);
    return adverb === "not" ? words("did not", verb.base) : words(adverb, verb.past);
  };
  switch (tense) {
    case "present":
      if (head === "be") return words(beForm(subject, false), adverb, beTail);
      if (adverb === "not") return words(isThirdSingular(subject) ? "does not" : "do not", verb.base);
      return words(adverb, isThirdSingular(subject) ? thirdSingular(verb.base) : verb.base);
    case "passe_compose":
      return simplePast();
    case "imparfait":
      // A state's imparfait is its plain past, and so is a habit stated with never / no longer; an activity is
      // rendered as going on ("was eating"), which fits a single sentence better than a habit ("used to eat").
      if (verb.stative || (adverb !== null && adverb !== "not")) return simplePast();
      return words(beForm(subject, true), adverb, verb.ing);
    case "future_simple":
      return words("will", adverb, verb.base);
    case "conditionnel":
      return words("would", adverb, verb.base);
    case "subjonctif":
      return words("might", adverb, verb.base);
    case "plus_que_parfait":
      return words("had", adverb, verb.participle);
    case "futur_anterieur":
      return words("will", adverb, "have", verb.participle);
    case "conditionnel_passe":
      return words("would", adverb, "have", verb.participle);
    case "subjonctif_passe":
      return words("might", adverb, "have", verb.participle);
    case "futur_proche":
      return words(beForm(subject, false), adverb, "going to", verb.base);
    case "passe_recent":
      return words(isThirdSingular(subject) ? "has" : "have", "just", verb.participle);
    case "imperatif":
      throw new Error("a command is translated by command(), not verbGroup()");
  }
}

// "Give it to me.", "Do not eat any.", "Let's go there.", "Let's not give it to him any more."
function command(clause: EnglishClause): string {
  const { negation } = clause;
  const never = negation === "jamais";
  const lead =
    clause.subject === "nous"
      ? words("let's", never ? "never" : negation ? "not" : null)
      : never
        ? "never"
        : negation
          ? "do not"
          : null;
  // "Do not take any more", not "any any more".
  const more = clause.rest.endsWith("any") ? "more" : "any more";
  return words(lead, clause.verb.base, clause.rest, negation === "plus" ? more : null);
}

/** Translates a clause into one English sentence, capitalised and ending with a full stop. */
export function renderEnglish(clause: EnglishClause): string {
  const subject = SUBJECTS[clause.subject].english;
  const sentence =
    clause.tense === "imperatif"
      ? command(clause)
      : words(subject, verbGroup(clause), clause.negation === "rien" ? "nothing" : clause.rest);
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/** What follows an English verb: the direct object, then the indirect one behind the verb's preposition. */
export function englishObjects(verb: CuratedVerb, parts: { direct?: string; indirect?: string }): string {
  return words(parts.direct, parts.indirect && words(verb.coi_english_preposition, parts.indirect));
}

/** A clause as renderEnglish writes it, without capital or full stop, to go inside a longer sentence. */
export function englishClauseText(clause: EnglishClause): string {
  const sentence = renderEnglish(clause).slice(0, -1);
  return clause.subject === "je" ? sentence : `${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
}
