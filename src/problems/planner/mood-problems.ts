import {
  englishParts,
  MOOD_TRIGGERS,
  type Mood,
  type MoodTrigger,
  moodClause,
  moodTense,
  renderMood,
} from "../french/mood-triggers";
import { SUBJECT_PRONOUNS, type SubjectPronoun } from "../french/subjects";
import type { Complement, CuratedVerb } from "../french/verb-entry";
import type { ChoiceConstruction, ChoiceOptions, ChoiceStatement } from "./choice";
import { pickOne, type Random } from "./random";
import { quote } from "./wording";

// Verbs whose clause reads naturally after every trigger: things one does, plus être and savoir. Modal verbs are
// left out (their English would stack modals: "so that you can be able to"), and so are one-off events («je pense
// que tu réussis l'examen» is not what anyone says).
const STATES_KEPT = new Set(["être", "savoir", "comprendre"]);
const MODALS = new Set(["pouvoir", "vouloir", "devoir"]);
// «Marie fait tout pour que tu sois en retard» makes no sense, and «Paul n'est pas content, bien que tu parles à
// Paul» names Paul twice.
const ODD_COMPLEMENTS = new Set(["en retard"]);
const NAMED_IN_TRIGGERS = /\b(Paul|Marie)\b/;

function usable(verb: CuratedVerb): boolean {
  if (MODALS.has(verb.infinitive)) return false;
  return verb.aspect === "activity" || STATES_KEPT.has(verb.infinitive);
}

function other(mood: Mood): Mood {
  return mood === "indicative" ? "subjunctive" : "indicative";
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function explanation(trigger: MoodTrigger, right: string, wrong: string): string {
  return `${quote(trigger.name)} ${trigger.reason}: ${quote(right)}, not ${quote(wrong)}.`;
}

/** Indicative or subjunctive: each statement has its own trigger, and its verb in the right mood or the other one. */
export const moodConstruction: ChoiceConstruction = {
  focus: "mood",
  kinds: ["wrong_mood"],
  negated: false,
  maxStatements: 6,
  repeatsFrames: false,
  fitsTenses: (tenses) => tenses.includes("present") && tenses.includes("subjonctif"),
  tensesNeeded: "the present and the subjonctif",
  verbs: (pool) => pool.filter(usable),
  options(verb: CuratedVerb, random: Random) {
    // Only subjects for which the two moods are spelt differently («tu viens» / «tu viennes», not «tu manges»). The
    // explanation quotes the whole «que» clause: «fait» alone would also match «Marie fait tout pour que».
    // «On» is left out: its participle after être agrees with the people it stands for («qu'on soit allés»).
    const subjects = SUBJECT_PRONOUNS.filter(
      (s) => s !== "on" && moodClause(verb, s, "present") !== moodClause(verb, s, "subjonctif"),
    );
    const complements = verb.complements.filter((c) => !ODD_COMPLEMENTS.has(c.fr) && !NAMED_IN_TRIGGERS.test(c.fr));
    if (subjects.length === 0 || complements.length === 0) return null;
    return moodOptions(verb, pickOne(random, subjects), pickOne(random, complements));
  },
};

/** Every mood statement for this verb, subject and complement: each trigger with the right mood and the other. */
export function moodOptions(verb: CuratedVerb, subject: SubjectPronoun, complement: Complement): ChoiceOptions {
  const english = englishParts(verb, subject, complement);
  const triggers = MOOD_TRIGGERS.filter((t) => !t.excludes.includes(subject));
  const statement = (trigger: MoodTrigger, mood: Mood): ChoiceStatement => {
    const right = renderMood(trigger, verb, subject, complement, trigger.mood);
    const rendered = renderMood(trigger, verb, subject, complement, mood);
    const wrongMood = mood !== trigger.mood;
    return {
      frame: trigger.id,
      tenses: [moodTense(trigger, mood)],
      sentence: rendered.sentence,
      tested_form: rendered.tested_form,
      lead: rendered.lead,
      error: wrongMood
        ? {
            kind: "wrong_mood",
            explanation: explanation(
              trigger,
              moodClause(verb, subject, moodTense(trigger, trigger.mood)),
              moodClause(verb, subject, moodTense(trigger, mood)),
            ),
          }
        : null,
      translation: capitalised(trigger.english(english)),
      accepted: [right.sentence],
    };
  };
  return {
    subject,
    correct: triggers.map((t) => statement(t, t.mood)),
    wrong: triggers.map((t) => statement(t, other(t.mood))),
    learning_objective: `Choose the indicative or the subjunctive of ${quote(verb.infinitive)} after the expression that introduces it.`,
    instructions: "Choose the sentence whose verb is in the right mood.",
  };
}
