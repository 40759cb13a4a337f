import type { Tense } from "../types";
import { englishClauseText } from "./english-clause";
import { verbWords, writeLead, writeSentence, writeWords } from "./sentence";
import { SUBJECTS, type SubjectPronoun } from "./subjects";
import type { Complement, CuratedVerb } from "./verb-entry";

export type Mood = "indicative" | "subjunctive";

/** The English pieces a trigger's translation is built from, for one subject and verb. */
export interface EnglishParts {
  /** "you", "he"... as a clause subject; "I" for je. */
  subject: string;
  /** "me", "you", "him"... as an object ("my parents want him to ..."). */
  object: string;
  /** "have" or "has". */
  have: string;
  /** The bare verb and what follows: "come to the party". */
  base: string;
  /** A present-tense clause: "you come to the party". */
  present: string;
  /** The same clause as going on now for activities ("you are coming to the party"), plain for states. */
  progressive: string;
  /** The present perfect: "you have come to the party". */
  perfect: string;
}

/** A main clause that decides the mood of the «que» clause after it. */
export interface MoodTrigger {
  /** The frame id (levels.ts). */
  id: string;
  /** The words before the subordinate subject, «que» included. */
  words: readonly string[];
  mood: Mood;
  /** How explanations name it: «il faut que», «penser que». */
  name: string;
  /** Why it takes its mood, to follow its name: "expresses a necessity, so it takes the subjunctive". */
  reason: string;
  /** Subjects that would make the sentence odd («je pense que je ...»). */
  excludes: readonly SubjectPronoun[];
  /** The tense each mood is written in: present and present subjunctive, but «après que» wants a compound tense. */
  tenses: Readonly<Record<Mood, Tense>>;
  english(parts: EnglishParts): string;
}

const PRESENT_TENSES: Readonly<Record<Mood, Tense>> = { indicative: "present", subjunctive: "subjonctif" };

function trigger(
  id: string,
  words: string,
  mood: Mood,
  name: string,
  reason: string,
  english: (parts: EnglishParts) => string,
  options: { excludes?: readonly SubjectPronoun[]; tenses?: Readonly<Record<Mood, Tense>> } = {},
): MoodTrigger {
  const { excludes = [], tenses = PRESENT_TENSES } = options;
  return { id: `mood:${id}`, words: words.split(" "), mood, name, reason, excludes, tenses, english };
}

/**
 * The triggers, each with a main clause that reads naturally before any of the mood problems' clauses. «Je ne pense
 * pas que» is left out: the indicative after it is rare but correct, so it would not make a clean wrong statement.
 */
export const MOOD_TRIGGERS: readonly MoodTrigger[] = [
  trigger(
    "il_faut",
    "il faut que",
    "subjunctive",
    "il faut que",
    "expresses a necessity, so it takes the subjunctive",
    (p) => `${p.subject} ${p.have} to ${p.base}`,
  ),
  trigger(
    "vouloir",
    "mes parents veulent que",
    "subjunctive",
    "vouloir que",
    "expresses a wish, so it takes the subjunctive",
    (p) => `my parents want ${p.object} to ${p.base}`,
  ),
  trigger(
    "possible",
    "il est possible que",
    "subjunctive",
    "il est possible que",
    "expresses a possibility, so it takes the subjunctive",
    (p) => `${p.subject} might ${p.base}`,
  ),
  trigger(
    "pour_que",
    "Marie fait tout pour que",
    "subjunctive",
    "pour que",
    "expresses a purpose, so it takes the subjunctive",
    (p) => `Marie does everything so that ${p.subject} can ${p.base}`,
  ),
  trigger(
    "bien_que",
    "Paul n'est pas content, bien que",
    "subjunctive",
    "bien que",
    "always takes the subjunctive",
    (p) => `Paul is not happy, although ${p.present}`,
  ),
  trigger(
    "avant_que",
    "Paul partira avant que",
    "subjunctive",
    "avant que",
    "always takes the subjunctive",
    (p) => `Paul will leave before ${p.present}`,
  ),
  trigger(
    "douter",
    "je doute que",
    "subjunctive",
    "douter que",
    "expresses doubt, so it takes the subjunctive",
    (p) => `I doubt that ${p.subject} will ${p.base}`,
    { excludes: ["je"] },
  ),
  trigger(
    "penser",
    "je pense que",
    "indicative",
    "penser que",
    "in the affirmative presents the fact as true, so it takes the indicative",
    (p) => `I think ${p.progressive}`,
    { excludes: ["je"] },
  ),
  trigger(
    "croire",
    "je crois que",
    "indicative",
    "croire que",
    "in the affirmative presents the fact as true, so it takes the indicative",
    (p) => `I believe ${p.progressive}`,
    { excludes: ["je"] },
  ),
  trigger(
    "esperer",
    "je espère que",
    "indicative",
    "espérer que",
    "takes the indicative, unlike «souhaiter que»",
    (p) => `I hope ${p.progressive}`,
    { excludes: ["je"] },
  ),
  trigger(
    "certain",
    "il est certain que",
    "indicative",
    "il est certain que",
    "expresses certainty, so it takes the indicative",
    (p) => `it is certain that ${p.progressive}`,
  ),
  trigger(
    "parce_que",
    "Paul est content parce que",
    "indicative",
    "parce que",
    "gives a real cause, so it takes the indicative",
    (p) => `Paul is happy because ${p.progressive}`,
  ),
  trigger(
    "probable",
    "il est probable que",
    "indicative",
    "il est probable que",
    "presents the fact as likely, so it takes the indicative, unlike «il est possible que»",
    (p) => `it is likely that ${p.progressive}`,
  ),
  // «Après que» states something that has happened: the indicative, in a compound tense to mark what comes first.
  // The subjunctive after it is common in speech but not the standard, which is why it is the subtlest mistake here.
  trigger(
    "apres_que",
    "Paul partira après que",
    "indicative",
    "après que",
    "states a fact that will have happened, so it takes the indicative (here the futur antérieur)",
    (p) => `Paul will leave after ${p.perfect}`,
    { tenses: { indicative: "futur_anterieur", subjunctive: "subjonctif_passe" } },
  ),
];

const OBJECTS: Readonly<Record<SubjectPronoun, string>> = {
  je: "me",
  tu: "you",
  il: "him",
  elle: "her",
  on: "us",
  nous: "us",
  vous: "you",
  ils: "them",
  elles: "them",
};

export function englishParts(verb: CuratedVerb, subject: SubjectPronoun, complement: Complement | null): EnglishParts {
  const rest = complement?.en ?? "";
  const present = englishClauseText({ subject, verb: verb.english, tense: "present", negation: null, rest });
  const be = subject === "je" ? "am" : subject === "il" || subject === "elle" ? "is" : "are";
  const english = SUBJECTS[subject].english;
  return {
    subject: english,
    object: OBJECTS[subject],
    have: subject === "il" || subject === "elle" ? "has" : "have",
    base: [verb.english.base, rest].filter((w) => w).join(" "),
    present,
    perfect: [english, subject === "il" || subject === "elle" ? "has" : "have", verb.english.participle, rest]
      .filter((w) => w)
      .join(" "),
    progressive: verb.english.stative ? present : [english, be, verb.english.ing, rest].filter((w) => w).join(" "),
  };
}

/** The «que» clause without its complement, in a tense: «que tu viennes», «qu'elle fasse», «que tu auras fini». */
export function moodClause(verb: CuratedVerb, subject: SubjectPronoun, tense: Tense): string {
  return writeWords(["que", subject, ...verbWords(verb, tense, subject)]);
}

/** The tense a trigger's clause is written in for a mood. */
export function moodTense(trigger: MoodTrigger, mood: Mood): Tense {
  return trigger.tenses[mood];
}

export interface RenderedMood {
  sentence: string;
  /** The trigger as written before the subject: «Il faut que», «Il faut qu'». */
  lead: string;
  /** The verb group and its complement after the subject: «viennes à la fête», «te lèves tôt». */
  tested_form: string;
}

/** Writes trigger + que + subject + verb in the given mood + complement. */
export function renderMood(
  trigger: MoodTrigger,
  verb: CuratedVerb,
  subject: SubjectPronoun,
  complement: Complement,
  mood: Mood,
): RenderedMood {
  // The complement goes with the verb group: «est» alone could also be read in «Il est certain que».
  const after = [...verbWords(verb, moodTense(trigger, mood), subject), complement.fr];
  return {
    sentence: writeSentence([...trigger.words, subject, ...after]),
    lead: writeLead(trigger.words, subject),
    tested_form: writeWords(after),
  };
}
