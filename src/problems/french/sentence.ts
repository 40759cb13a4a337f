import type { Tense } from "../types";
import { elide, joinWords } from "./elision";
import { renderFrench } from "./french-clause";
import type { SubjectPronoun } from "./subjects";
import type { CuratedVerb } from "./verb-entry";

/**
 * The verb group of a plain affirmative clause as words: reflexive pronoun, conjugated verb, participle ("me lève",
 * "ai vu", "suis allé"). Written by the clause builder, so conjugation and agreement stay in one place.
 */
export function verbWords(verb: CuratedVerb, tense: Tense, subject: SubjectPronoun): string[] {
  const { verb_phrase } = renderFrench({
    subject,
    verb,
    tense,
    negation: null,
    objects: [],
    complement: null,
    deviation: null,
  });
  return verb_phrase.split(" ");
}

/** The participle of a compound-tense verb group from `verbWords`, or null in a simple tense. */
export function compoundParts(words: readonly string[], compound: boolean): { finite: string[]; participle: string[] } {
  return compound
    ? { finite: words.slice(0, -1), participle: words.slice(-1) }
    : { finite: [...words], participle: [] };
}

// "si il" -> "s'il": si elides only before il and ils.
function elideSi(words: readonly string[]): string[] {
  return words.flatMap((word, i) => {
    const next = words[i + 1];
    if (word.toLowerCase() === "si" && (next === "il" || next === "ils")) return [];
    if ((word === "il" || word === "ils") && words[i - 1]?.toLowerCase() === "si") return [`s'${word}`];
    return [word];
  });
}

/**
 * Words written out with elision (je ai -> j'ai, que il -> qu'il, si il -> s'il), without capital or full stop. A
 * complement is passed as one item ("de l'eau"), so nothing inside it is elided again.
 */
export function writeWords(words: readonly string[]): string {
  return joinWords(elide(elideSi(words)));
}

/**
 * The words before the subject as the sentence writes them, capitalised: «Il faut qu'» before «il», «Si» before
 * «tu», «S'» before «il». The subject itself is left out.
 */
export function writeLead(lead: readonly string[], subject: string): string {
  const written = writeWords([...lead, subject]);
  const text = written.slice(0, written.length - subject.length).trimEnd();
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** A sentence: elided, capitalised, ending with a full stop. */
export function writeSentence(words: readonly string[]): string {
  const text = writeWords(words);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
