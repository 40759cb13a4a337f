import { SUBJECT_PRONOUNS, type SubjectPronoun } from "../french/subjects";
import {
  LASTING_ACTIVITIES,
  type NarrativeContext,
  narrativeEnglish,
  renderNarrative,
  renderSiClause,
  type SiPattern,
  siEnglish,
} from "../french/tense-contexts";
import type { Complement, CuratedVerb } from "../french/verb-entry";
import type { Level, Tense } from "../types";
import type { ChoiceConstruction, ChoiceOptions, ChoiceStatement } from "./choice";
import { atMost, frameLevel } from "./levels";
import { pickOne } from "./random";
import { quote } from "./wording";

const INSTRUCTIONS = "Choose the sentence whose verbs are in the right tenses for the context.";

interface NarrativeRule {
  correct: Tense;
  wrong: readonly Tense[];
  rule: string;
}

// Each context leaves one tense: the others are wrong whatever the reading. Left out on purpose: the plus-que-parfait
// (right in a longer story) and, after «hier», the present (a storyteller's present).
const NARRATIVE: Readonly<Record<NarrativeContext, NarrativeRule>> = {
  background: {
    correct: "imparfait",
    wrong: ["passe_compose", "present", "future_simple"],
    rule: `An action already under way when something happened (${quote("depuis une heure quand Paul est arrivé")}) is in the imparfait`,
  },
  bounded: {
    correct: "passe_compose",
    wrong: ["imparfait", "future_simple", "conditionnel"],
    rule: `A finished past action of a set length (${quote("hier")}, ${quote("pendant deux heures")}) is in the passé composé`,
  },
};

/** The statements of one narrative context: the tense it calls for, and three it rules out. */
export function narrativeOptions(
  verb: CuratedVerb,
  subject: SubjectPronoun,
  complement: Complement,
  context: NarrativeContext,
): ChoiceOptions {
  const { correct, wrong, rule } = NARRATIVE[context];
  const right = renderNarrative(context, verb, subject, complement, correct);
  const statement = (tense: Tense): ChoiceStatement => {
    const rendered = renderNarrative(context, verb, subject, complement, tense);
    return {
      frame: `ctx:${context}`,
      tenses: [tense],
      sentence: rendered.sentence,
      tested_form: rendered.tested_form,
      lead: rendered.lead,
      error:
        tense === correct
          ? null
          : {
              kind: "wrong_tense",
              explanation: `${rule}: ${quote(right.verb_group)}, not ${quote(rendered.verb_group)}.`,
            },
      translation: narrativeEnglish(context, verb, subject, complement),
      accepted: [right.sentence],
    };
  };
  return {
    subject,
    correct: [statement(correct)],
    wrong: wrong.map(statement),
    learning_objective: `Choose between the imparfait and the passé composé of ${quote(verb.infinitive)} from the context.`,
    instructions: INSTRUCTIONS,
  };
}

/** The tenses of a si-sentence: the si-clause, then the main clause. */
type SiTenses = readonly [Tense, Tense];

// What each pattern accepts: the textbook pair first, then the other pairs that are also correct (si + present with
// a present; the mixed conditionals), which are never offered as wrong.
const SI_CORRECT: Readonly<Record<SiPattern, readonly SiTenses[]>> = {
  present: [
    ["present", "future_simple"],
    ["present", "present"],
  ],
  imparfait: [
    ["imparfait", "conditionnel"],
    ["imparfait", "conditionnel_passe"],
  ],
  plus_que_parfait: [
    ["plus_que_parfait", "conditionnel_passe"],
    ["plus_que_parfait", "conditionnel"],
  ],
};

const SI_MAIN: Readonly<Record<SiPattern, string>> = {
  present: "the future",
  imparfait: "the present conditional",
  plus_que_parfait: "the past conditional",
};

const SI_LABEL: Readonly<Record<SiPattern, string>> = {
  present: "present",
  imparfait: "imparfait",
  plus_que_parfait: "plus-que-parfait",
};

// Wrong pairs, each with one mistake and the pattern it is measured against: a future or conditional after «si»
// (the si-clause is wrong), or a main clause that does not fit the si-clause.
const SI_WRONG: readonly { tenses: SiTenses; pattern: SiPattern; in: "si" | "main" }[] = [
  { tenses: ["future_simple", "future_simple"], pattern: "present", in: "si" },
  { tenses: ["present", "conditionnel"], pattern: "present", in: "main" },
  { tenses: ["present", "conditionnel_passe"], pattern: "present", in: "main" },
  { tenses: ["conditionnel", "conditionnel"], pattern: "imparfait", in: "si" },
  { tenses: ["imparfait", "future_simple"], pattern: "imparfait", in: "main" },
  { tenses: ["conditionnel_passe", "conditionnel_passe"], pattern: "plus_que_parfait", in: "si" },
  { tenses: ["plus_que_parfait", "futur_anterieur"], pattern: "plus_que_parfait", in: "main" },
  { tenses: ["plus_que_parfait", "future_simple"], pattern: "plus_que_parfait", in: "main" },
];

/** The si-sentences of a verb, subject and complement: the three patterns and the wrong pairs. */
export function siOptions(verb: CuratedVerb, subject: SubjectPronoun, complement: Complement): ChoiceOptions {
  const render = (tenses: SiTenses) => renderSiClause(verb, subject, complement, tenses[0], tenses[1]);
  const accepted = (pattern: SiPattern) => SI_CORRECT[pattern].map((t) => render(t).sentence);
  const base = (pattern: SiPattern, tenses: SiTenses) => {
    const rendered = render(tenses);
    return {
      frame: "ctx:si",
      tenses,
      sentence: rendered.sentence,
      tested_form: rendered.tested_form,
      lead: rendered.lead,
      translation: siEnglish(pattern, verb, subject, complement),
      accepted: accepted(pattern),
    };
  };
  const patterns = Object.keys(SI_CORRECT) as SiPattern[];
  const correct = patterns.map((pattern) => ({ ...base(pattern, SI_CORRECT[pattern][0] as SiTenses), error: null }));
  const wrong = SI_WRONG.map(({ tenses, pattern, in: where }): ChoiceStatement => {
    const right = render(SI_CORRECT[pattern][0] as SiTenses);
    const written = render(tenses);
    const explanation =
      where === "si"
        ? `${quote("si")} is never followed by the future or the conditional: ${quote(right.verb_group)}, not ${quote(written.verb_group)}.`
        : `After ${quote("si")} + ${SI_LABEL[pattern]}, the main clause is in ${SI_MAIN[pattern]}: ${quote(right.main_group)}, not ${quote(written.main_group)}.`;
    return { ...base(pattern, tenses), error: { kind: "wrong_tense", explanation } };
  });
  return {
    subject,
    correct,
    wrong,
    learning_objective: `Match the tenses of a si-sentence with ${quote(verb.infinitive)}: si + present, imparfait or plus-que-parfait, never a future or conditional after si.`,
    instructions: INSTRUCTIONS,
  };
}

// The least a problem needs: the right tense and one wrong one of some context.
const TENSE_PAIRS: readonly (readonly Tense[])[] = [
  ["imparfait", "passe_compose"],
  ["present", "future_simple"],
  ["imparfait", "conditionnel"],
  ["plus_que_parfait", "conditionnel_passe"],
];

function siReachable(level: Level): boolean {
  return atMost(frameLevel("ctx:si"), level);
}

// Modal verbs are left out: their English would stack modals ("if you must...").
function usableInSi(verb: CuratedVerb): boolean {
  return verb.english.modals === undefined;
}

/** Tense choice: imparfait or passé composé in a narrative context, and the tenses of si-sentences. */
export const tenseChoiceConstruction: ChoiceConstruction = {
  focus: "tense_choice",
  kinds: ["wrong_tense"],
  negated: false,
  maxStatements: 4,
  repeatsFrames: true,
  fitsTenses: (tenses) => TENSE_PAIRS.some((pair) => pair.every((t) => tenses.includes(t))),
  tensesNeeded: "the imparfait and the passé composé, or the tenses of a si-sentence",
  // Below the level of si-sentences only the narrative contexts are left, so only their verbs.
  verbs: (pool, level = "C1") =>
    pool.filter((v) => v.infinitive in LASTING_ACTIVITIES || (usableInSi(v) && siReachable(level))),
  options(verb, random, level) {
    // «On» is left out: its participle after être agrees with the people it stands for («si on était allés»).
    const subject = pickOne(
      random,
      SUBJECT_PRONOUNS.filter((s) => s !== "on"),
    );
    const allowed = LASTING_ACTIVITIES[verb.infinitive] ?? [];
    const lasting = verb.complements.filter((c) => allowed.includes(c.fr));
    const siAllowed = usableInSi(verb) && siReachable(level);
    if (lasting.length > 0 && (!siAllowed || random() < 0.5)) {
      const context = pickOne(random, ["background", "bounded"] as const);
      return narrativeOptions(verb, subject, pickOne(random, lasting), context);
    }
    // The main clause is about Paul: «Si tu parles à Paul, Paul sera surpris» would name him twice.
    const complements = verb.complements.filter((c) => !/\bPaul\b/.test(c.fr));
    if (complements.length === 0) return null;
    return siOptions(verb, subject, pickOne(random, complements));
  },
};
