import type { Tense } from "../types";
import { englishClauseText } from "./english-clause";
import { verbWords, writeLead, writeSentence, writeWords } from "./sentence";
import { SUBJECTS, type SubjectPronoun } from "./subjects";
import { findCuratedVerb } from "./verb-catalog";
import type { Complement, CuratedVerb } from "./verb-entry";

// The main clause of the si-sentences is «Paul + être + surpris», whatever the si-clause says.
const BE = findCuratedVerb("être") as CuratedVerb;

/**
 * Activities that last (reading, waiting, swimming...), with the complements that keep them open-ended: they read
 * naturally both as going on when something happens and as lasting two hours. «marcher jusqu'à la gare» has an
 * end of its own, and «danser avec Paul» would meet the Paul who arrives, so neither is listed.
 */
export const LASTING_ACTIVITIES: Readonly<Record<string, readonly string[]>> = {
  lire: ["le journal"],
  travailler: ["au bureau", "à la maison"],
  regarder: ["la télévision"],
  écouter: ["la radio", "de la musique"],
  jouer: ["au football", "avec les enfants"],
  dormir: ["dans le train"],
  nager: ["à la piscine", "dans la mer"],
  marcher: ["dans le parc"],
  danser: ["à la fête"],
  étudier: ["la chimie", "l'histoire"],
  attendre: ["le bus"],
  courir: ["dans le parc"],
};

/**
 * The two narrative contexts: an action already going on when an event broke in (imparfait), and a finished action
 * of a set length (passé composé).
 */
export type NarrativeContext = "background" | "bounded";

export interface RenderedContext {
  sentence: string;
  /** The context before the subject, as written: «Hier,», «Si», «S'»; null when there is none. */
  lead: string | null;
  /** Everything after the subject: «lisais le journal depuis une heure quand Paul est arrivé». */
  tested_form: string;
  /** The subject and its verb group, as explanations quote them: «je lisais», «j'ai lu», «s'il venait». */
  verb_group: string;
}

function lastWithComma(words: readonly string[]): string[] {
  return words.map((w, i) => (i === words.length - 1 ? `${w},` : w));
}

/** «Je lisais le journal depuis une heure quand Paul est arrivé.» / «Hier, j'ai lu le journal pendant deux heures.» */
export function renderNarrative(
  context: NarrativeContext,
  verb: CuratedVerb,
  subject: SubjectPronoun,
  complement: Complement,
  tense: Tense,
): RenderedContext {
  const group = verbWords(verb, tense, subject);
  const lead = context === "background" ? [] : ["hier,"];
  const after =
    context === "background"
      ? [...group, complement.fr, "depuis", "une", "heure", "quand", "Paul", "est", "arrivé"]
      : [...group, complement.fr, "pendant", "deux", "heures"];
  return {
    sentence: writeSentence([...lead, subject, ...after]),
    lead: lead.length > 0 ? writeLead(lead, subject) : null,
    tested_form: writeWords(after),
    verb_group: writeWords([subject, ...group]),
  };
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** "I had been reading the newspaper for an hour when Paul arrived." / "Yesterday, I read the newspaper for two hours." */
export function narrativeEnglish(
  context: NarrativeContext,
  verb: CuratedVerb,
  subject: SubjectPronoun,
  complement: Complement,
): string {
  if (context === "bounded") {
    const clause = englishClauseText({
      subject,
      verb: verb.english,
      tense: "passe_compose",
      negation: null,
      rest: complement.en,
    });
    return `Yesterday, ${clause} for two hours.`;
  }
  return `${capitalised(SUBJECTS[subject].english)} had been ${verb.english.ing} ${complement.en} for an hour when Paul arrived.`;
}

/** The three si-clause patterns, named by the tense of the si-clause. */
export type SiPattern = "present" | "imparfait" | "plus_que_parfait";

const SI_ENGLISH: Readonly<Record<SiPattern, { tense: Tense; main: string }>> = {
  present: { tense: "present", main: "Paul will be surprised" },
  imparfait: { tense: "passe_compose", main: "Paul would be surprised" },
  plus_que_parfait: { tense: "plus_que_parfait", main: "Paul would have been surprised" },
};

/** "If you come to the party, Paul will be surprised." and its unreal and past twins. */
export function siEnglish(
  pattern: SiPattern,
  verb: CuratedVerb,
  subject: SubjectPronoun,
  complement: Complement | null,
): string {
  const { tense, main } = SI_ENGLISH[pattern];
  const clause = englishClauseText({ subject, verb: verb.english, tense, negation: null, rest: complement?.en ?? "" });
  return `If ${clause}, ${main}.`;
}

/** «Si tu viens à la fête, Paul sera surpris.»: the si-clause and a main clause whose verb is être. */
export function renderSiClause(
  verb: CuratedVerb,
  subject: SubjectPronoun,
  complement: Complement | null,
  siTense: Tense,
  mainTense: Tense,
): RenderedContext & { main_group: string } {
  const group = verbWords(verb, siTense, subject);
  const main = verbWords(BE, mainTense, "il");
  const after = [...lastWithComma([...group, ...(complement ? [complement.fr] : [])]), "Paul", ...main, "surpris"];
  return {
    sentence: writeSentence(["si", subject, ...after]),
    lead: writeLead(["si"], subject),
    tested_form: writeWords(after),
    verb_group: writeWords(["si", subject, ...group]),
    main_group: writeWords(["Paul", ...main]),
  };
}
