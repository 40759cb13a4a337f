import { isCompoundTense, verbClassification } from "../french/conjugator";
import type { Negation } from "../french/french-clause";
import type { CuratedVerb } from "../french/verb-entry";
import { type GrammaticalFocus, LEVELS, type Level, type MistakeKind, type Tense } from "../types";

/**
 * What each CEFR level adds, decided here and nowhere else. A problem's level is the highest level among what it
 * uses (tense, verb, object pronouns, negation, the mistakes of its wrong statements); a request for a level gets a
 * problem that uses something of that level and nothing above it.
 *
 * - A1: present, futur proche; the most common verbs and regular -er verbs; "ne ... pas"; "on"; the wrong person.
 * - A2: passé composé, imparfait, simple future, passé récent; every curated verb; jamais / plus / rien; one object pronoun in a
 *   simple tense or before an infinitive, y and en included; commands with one pronoun ("prends-le", "vas-y", "n'y va
 *   pas"); wrong auxiliary, agreement with an être subject, pronoun place, category, gender and number, moi for me,
 *   the hyphens and the -s of commands.
 * - B1: conditional, present subjunctive, plus-que-parfait; one object pronoun in a compound tense; two object
 *   pronouns in a simple tense or a command ("je lui en donne", "donne-le-moi") and their order.
 * - B2: futur antérieur, past conditional; two object pronouns in a compound tense; me/te/nous/vous as direct objects
 *   (compound tenses only: "il nous a vus"); the participle agreeing with a preceding direct object pronoun, or
 *   wrongly with en, as the mistake to spot.
 * - C1: past subjunctive; two object pronouns in a compound tense under a negation.
 *
 * Choice problems (negation, mood, tense choice) take the highest level among their verb, the tenses of all their
 * statements, the frames they use and their mistakes (CHOICE_FRAME_LEVELS, CHOICE_MISTAKE_LEVELS):
 * - A2: ne ... personne / rien, «pas» added to them, and their place around a participle; imparfait or passé
 *   composé in context.
 * - B1: ne ... aucun / que; aucun agreement; the everyday mood
 *   triggers (il faut que, vouloir que, pour que, il est possible que against penser / croire / espérer que, il est
 *   certain que, parce que); si + present and si + imparfait.
 * - B2: the article kept after ne ... que; bien que, avant que, douter que against il est probable que and après
 *   que with the futur antérieur; si + plus-que-parfait.
 * - C1: the past subjunctive after après que as the mistake to spot.
 */
const TENSE_LEVELS: Readonly<Record<Tense, Level>> = {
  present: "A1",
  futur_proche: "A1",
  passe_compose: "A2",
  passe_recent: "A2",
  imparfait: "A2",
  future_simple: "A2",
  conditionnel: "B1",
  subjonctif: "B1",
  plus_que_parfait: "B1",
  futur_anterieur: "B2",
  conditionnel_passe: "B2",
  subjonctif_passe: "C1",
  // Commands are drilled for their object pronouns ("donne-le-moi"), which start at A2.
  imperatif: "A2",
};

/** The ten verbs learners meet first and most; they and regular -er verbs are A1. */
export const MOST_COMMON_VERBS: readonly string[] = [
  "être",
  "avoir",
  "aller",
  "faire",
  "venir",
  "pouvoir",
  "vouloir",
  "prendre",
  "mettre",
  "dire",
];

/**
 * Which objects a pronouns problem turns into pronouns: a thing as direct object (le/la/les), a person as direct
 * object (me/te/nous/vous), an indirect object (lui/leur/me...), both, y, en, or en with an indirect object.
 */
export type ObjectChoice = "cod" | "cod_person" | "coi" | "cod_coi" | "y" | "en" | "coi_en";

const PAIRS: readonly ObjectChoice[] = ["cod_coi", "coi_en"];

function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function highest(levels: readonly Level[]): Level {
  return levels.reduce<Level>((a, b) => (levelRank(b) > levelRank(a) ? b : a), "A1");
}

export function atMost(level: Level, limit: Level): boolean {
  return levelRank(level) <= levelRank(limit);
}

export function tenseLevel(tense: Tense): Level {
  return TENSE_LEVELS[tense];
}

const verbLevels = new Map<CuratedVerb, Level>();

export function verbLevel(verb: CuratedVerb): Level {
  let level = verbLevels.get(verb);
  if (!level) {
    const regularEr = verbClassification(verb) === "first_group" && !verb.reflexive;
    level = MOST_COMMON_VERBS.includes(verb.infinitive) || regularEr ? "A1" : "A2";
    verbLevels.set(verb, level);
  }
  return level;
}

export function negationLevel(negation: Negation | null): Level {
  return negation === null || negation === "pas" ? "A1" : "A2";
}

export function objectsLevel(objects: ObjectChoice | null, tense: Tense, negation: Negation | null): Level {
  if (objects === null) return "A1";
  const compound = isCompoundTense(tense);
  // A direct me/te/nous/vous is drilled for the agreement of the participle with it (only in compound tenses).
  if (objects === "cod_person") return "B2";
  if (!PAIRS.includes(objects)) return compound ? "B1" : "A2";
  if (!compound) return "B1";
  return negation ? "C1" : "B2";
}

export function mistakeLevel(kind: MistakeKind, focus: GrammaticalFocus): Level {
  switch (kind) {
    case "wrong_person":
      return "A1";
    case "pronoun_order":
      return "B1";
    case "negation_agreement":
    case "wrong_mood":
      return "B1";
    case "negation_article":
      return "B2";
    case "wrong_agreement":
      // With être the participle follows the subject (A2); after a preceding direct object pronoun it is subtler.
      return focus === "pronouns" ? "B2" : "A2";
    default:
      return "A2";
  }
}

export interface LevelledChoices {
  focus: GrammaticalFocus;
  verb: CuratedVerb;
  tense: Tense;
  negation: Negation | null;
  objects: ObjectChoice | null;
  mistakes: readonly MistakeKind[];
}

/** The level of a problem: the highest level among everything it uses. */
export function problemLevel(choices: LevelledChoices): Level {
  return highest([
    tenseLevel(choices.tense),
    verbLevel(choices.verb),
    negationLevel(choices.negation),
    objectsLevel(choices.objects, choices.tense, choices.negation),
    ...choices.mistakes.map((kind) => mistakeLevel(kind, choices.focus)),
  ]);
}

/** What a request leaves open, for `highestReachableLevel`. */
export interface LevelScope {
  tenses: readonly Tense[];
  verbs: readonly CuratedVerb[];
  negationAllowed: boolean;
  /** Object pronoun combinations some verb of the pool can take (empty when only conjugation is possible). */
  objects: readonly ObjectChoice[];
}

/**
 * An upper bound on the level a request can reach, so levels above it are skipped instead of drawn for in vain.
 * Everything above B1 needs a compound tense (its own tense, two pronouns before a participle, or an agreement
 * with a preceding object), which is why compound tenses gate the pronoun levels here.
 */
export function reachableLevel(scope: LevelScope): Level {
  const compound = scope.tenses.some(isCompoundTense);
  const pronounLevels = scope.objects.flatMap((objects) => {
    const simple = objectsLevel(objects, "present", null);
    // A direct me/te/nous/vous needs a compound tense to be drilled at all.
    if (!compound) return objects === "cod_person" ? [] : [PAIRS.includes(objects) ? "B1" : simple];
    // A participle can agree, or wrongly agree with en, except after y or an indirect object alone.
    const withAgreement: Level = objects === "coi" || objects === "y" ? "B1" : "B2";
    return [objectsLevel(objects, "passe_compose", scope.negationAllowed ? "pas" : null), withAgreement];
  });
  return highest([
    ...scope.tenses.map(tenseLevel),
    ...scope.verbs.map(verbLevel),
    scope.negationAllowed ? "A2" : "A1",
    ...(pronounLevels as Level[]),
  ]);
}

/**
 * The mix of focuses at each level when the request names none (relative weights; a focus with no problem at a
 * level has none). Without it a uniform draw gave C1 mostly mood problems (they reach C1 more easily than the other
 * focuses) and left commands and pronouns rare. Pronouns get the largest share from A2 on, since they are what
 * learners get wrong most; A1 has only conjugation, as every other construction starts at A2.
 */
export const FOCUS_WEIGHTS: Readonly<Record<Level, Readonly<Partial<Record<GrammaticalFocus, number>>>>> = {
  A1: { conjugation: 1 },
  A2: { conjugation: 3, pronouns: 3, negation: 2, tense_choice: 2 },
  B1: { conjugation: 2, pronouns: 3, negation: 1.5, mood: 2, tense_choice: 1.5 },
  B2: { conjugation: 1.5, pronouns: 3, negation: 1.5, mood: 2, tense_choice: 2 },
  C1: { conjugation: 3, pronouns: 4, mood: 3 },
};

/**
 * The frames of choice problems, by id: negation words (neg:*), mood triggers (mood:*), tense contexts (ctx:*). A
 * frame's tenses count on their own (tenseLevel), so si + plus-que-parfait is B2 through the conditionnel passé.
 */
export const CHOICE_FRAME_LEVELS: Readonly<Record<string, Level>> = {
  "neg:rien": "A2",
  "neg:personne": "A2",
  "neg:aucun": "B1",
  "neg:que": "B1",
  "mood:il_faut": "B1",
  "mood:vouloir": "B1",
  "mood:possible": "B1",
  "mood:pour_que": "B1",
  "mood:penser": "B1",
  "mood:croire": "B1",
  "mood:esperer": "B1",
  "mood:certain": "B1",
  "mood:parce_que": "B1",
  "mood:bien_que": "B2",
  "mood:avant_que": "B2",
  "mood:douter": "B2",
  "mood:probable": "B2",
  "mood:apres_que": "B2",
  "ctx:background": "A2",
  "ctx:bounded": "A2",
  "ctx:si": "B1",
};

/** The levels each kind of choice problem can have, lowest first. */
export const CHOICE_FOCUS_LEVELS: Readonly<Partial<Record<GrammaticalFocus, readonly Level[]>>> = {
  negation: ["A2", "B1", "B2"],
  // C1: «après que» with the past subjunctive as the wrong statement.
  mood: ["B1", "B2", "C1"],
  tense_choice: ["A2", "B1", "B2"],
};

/** The level of a frame of a choice problem; an unknown id is a programming error. */
export function frameLevel(frame: string): Level {
  const level = CHOICE_FRAME_LEVELS[frame];
  if (!level) throw new Error(`no level for the choice frame ${frame}`);
  return level;
}
