import { ValidationError } from "../../errors";
import { CURATED_VERBS } from "../french/curated-verbs";
import { findCuratedVerb } from "../french/verb-catalog";
import type { CuratedVerb } from "../french/verb-entry";
import {
  DEFAULT_STATEMENTS,
  type GenerationConstraints,
  type GenerationRequest,
  GRAMMATICAL_FOCUSES,
  type GrammaticalFocus,
  type Level,
  MAX_STATEMENTS,
  MIN_STATEMENTS,
  type MistakeKind,
  TENSES,
  type Tense,
  topicTagSchema,
} from "../types";
import { choiceServes } from "./choice";
import { CHOICE_CONSTRUCTIONS } from "./constructions";
import { CHOICE_FOCUS_LEVELS, highest, reachableLevel } from "./levels";
import { objectChoices } from "./objects";

/** A request checked once; every draw of a setup starts from it. */
export interface PreparedRequest {
  request: GenerationRequest;
  count: number;
  constraints: GenerationConstraints;
  pool: readonly CuratedVerb[];
  /** The focuses some verb of the pool can serve under the constraints (levels aside). */
  focuses: GrammaticalFocus[];
  /** Verbs usable per focus and level, filled as draws need them. */
  verbs: Map<string, readonly CuratedVerb[]>;
}

// The mistakes each focus can carry: conjugation problems vary the verb, pronoun problems the pronouns; choice
// problems name theirs in their construction.
const VERB_FOCUS_MISTAKES: Readonly<Partial<Record<GrammaticalFocus, readonly MistakeKind[]>>> = {
  conjugation: ["wrong_person", "wrong_auxiliary", "wrong_agreement"],
  pronouns: [
    "pronoun_placement",
    "pronoun_order",
    "pronoun_category",
    "pronoun_gender",
    "pronoun_number",
    "wrong_agreement",
    "pronoun_form",
    "imperative_spelling",
  ],
};

// Kinds only a command carries, with the most different mistakes of that kind one command can have: every
// statement of a command addresses the same person, so the wrong ones must all be different mistakes.
const COMMAND_KINDS: Readonly<Partial<Record<MistakeKind, number>>> = {
  pronoun_form: 1, // donne-le-me (or donne-moi-en)
  imperative_spelling: 2, // donne le moi, donnes-le-moi
};

function checkCommandKinds(kinds: readonly MistakeKind[] | undefined, count: number): void {
  if (!kinds?.every((kind) => kind in COMMAND_KINDS)) return;
  const most = kinds.reduce((sum, kind) => sum + (COMMAND_KINDS[kind] ?? 0), 0);
  if (count - 1 > most) {
    throw new ValidationError(
      `mistake_kinds ${kinds.join(", ")} occur only in commands, whose statements all address the same person, so ` +
        `a command has at most ${most} such wrong statement${most > 1 ? "s" : ""}: ask for statement_count ${most + 1} or less, or add other mistake kinds`,
    );
  }
}

function statementCount(requested: number | undefined): number {
  const count = requested ?? DEFAULT_STATEMENTS;
  if (!Number.isInteger(count) || count < MIN_STATEMENTS || count > MAX_STATEMENTS) {
    throw new ValidationError(
      `statement_count must be an integer from ${MIN_STATEMENTS} to ${MAX_STATEMENTS}, got ${requested}`,
    );
  }
  return count;
}

function checkTopicTags(tags: readonly string[] | undefined): void {
  const invalid = (tags ?? []).filter((tag) => !topicTagSchema.safeParse(tag).success);
  if (invalid.length > 0) {
    throw new ValidationError(
      `invalid topic tags ${invalid.map((t) => JSON.stringify(t)).join(", ")}: use lowercase letters, digits, '_', ':' or '-'`,
    );
  }
}

// The requested verbs, all of which must be curated, or every curated verb.
function verbPool(requested: readonly string[] | undefined): readonly CuratedVerb[] {
  if (!requested) return CURATED_VERBS;
  const unknown = requested.filter((infinitive) => !findCuratedVerb(infinitive));
  if (unknown.length > 0) {
    throw new ValidationError(
      `unknown verb${unknown.length > 1 ? "s" : ""} ${unknown.map((v) => JSON.stringify(v)).join(", ")}: ` +
        `the template generator knows ${CURATED_VERBS.length} curated verbs (infinitives such as "manger", "aller", "se lever")`,
      "unknown_verb",
    );
  }
  return [...new Set(requested.map((infinitive) => findCuratedVerb(infinitive) as CuratedVerb))];
}

// "Je viens de venir" and "je viens d'être en retard" are grammatical but not what anyone says: the passé récent
// is kept for things one does, other than coming.
const NO_RECENT_PAST = new Set(["venir", "revenir"]);

// Commands nobody gives: "perds-le", "reçois-la", "ne le trouve pas"... States (sois-y, sache-le) are left out by their aspect.
const NO_IMPERATIVE = new Set(["perdre", "tomber", "recevoir", "obtenir", "trouver"]);

/**
 * The requested tenses this verb reads naturally in: an event has no imparfait, a state no passé récent and no
 * imperative (see Aspect). The imperative is drilled with object pronouns, so conjugation problems never get it.
 */
export function tensesFor(verb: CuratedVerb, constraints: GenerationConstraints, focus?: GrammaticalFocus): Tense[] {
  return (constraints.tenses_used ?? TENSES).filter(
    (tense) =>
      (tense !== "imparfait" || verb.aspect !== "event") &&
      (tense !== "passe_recent" || (verb.aspect !== "state" && !NO_RECENT_PAST.has(verb.lemma))) &&
      (tense !== "imperatif" || (focus !== "conjugation" && verb.aspect !== "state" && !NO_IMPERATIVE.has(verb.lemma))),
  );
}

function focusMistakes(focus: GrammaticalFocus): readonly MistakeKind[] {
  return CHOICE_CONSTRUCTIONS[focus]?.kinds ?? VERB_FOCUS_MISTAKES[focus] ?? [];
}

/** The conjugation and pronouns focuses, planned from a setup (the others are choice problems). */
function isSetupFocus(focus: GrammaticalFocus): boolean {
  return focus === "conjugation" || focus === "pronouns";
}

// Whether some problem of this focus could meet the request, levels aside.
function serves(focus: GrammaticalFocus, constraints: GenerationConstraints, pool: readonly CuratedVerb[]): boolean {
  const construction = CHOICE_CONSTRUCTIONS[focus];
  if (construction) return choiceServes(construction, constraints, pool);
  return isSetupFocus(focus) && verbsFor(focus, constraints, pool).length > 0;
}

export function verbsFor(
  focus: GrammaticalFocus,
  constraints: GenerationConstraints,
  pool: readonly CuratedVerb[],
): CuratedVerb[] {
  const usable = pool.filter((verb) => tensesFor(verb, constraints, focus).length > 0);
  // includes_cod / includes_coi ask for object pronouns, which only the pronouns focus drills.
  if (focus === "conjugation") return constraints.includes_cod || constraints.includes_coi ? [] : usable;
  return usable.filter((verb) => objectChoices(verb, constraints).length > 0);
}

function noVerbMessage(
  request: GenerationRequest,
  constraints: GenerationConstraints,
  pool: readonly CuratedVerb[],
): string {
  const construction = request.focus && CHOICE_CONSTRUCTIONS[request.focus];
  if (construction) {
    if (constraints.includes_cod || constraints.includes_coi)
      return `includes_cod and includes_coi ask for object pronouns, which the "${construction.focus}" focus does not use`;
    if (constraints.includes_negation === !construction.negated)
      return `"${construction.focus}" problems are ${construction.negated ? "always" : "never"} negated; drop includes_negation`;
    if (constraints.tenses_used && !construction.fitsTenses(constraints.tenses_used))
      return `"${construction.focus}" problems need ${construction.tensesNeeded} in tenses_used`;
    const verbs = construction.verbs(CURATED_VERBS).map((v) => v.infinitive);
    return `"${construction.focus}" problems use only the verbs ${verbs.join(", ")}`;
  }
  if (pool.every((verb) => tensesFor(verb, constraints).length === 0)) {
    return `${pool.map((v) => JSON.stringify(v.infinitive)).join(", ")} name one-off events, which the imparfait would turn into an odd habit; ask for another tense or verb`;
  }
  if (
    request.focus === "conjugation" &&
    pool.every((verb) => tensesFor(verb, constraints, "conjugation").length === 0)
  ) {
    return 'the imperative is drilled with object pronouns ("donne-le-moi"): ask for the "pronouns" focus or another tense';
  }
  if (request.focus === "conjugation") {
    return 'includes_cod and includes_coi ask for object pronouns, which the "conjugation" focus does not use; drop them or ask for "pronouns"';
  }
  const verbs = constraints.verb_infinitives
    ? `the requested verbs (${constraints.verb_infinitives.join(", ")})`
    : "the curated verbs";
  if (constraints.includes_cod === false && constraints.includes_coi === false) {
    return `with includes_cod and includes_coi both false, the "pronouns" focus has only y and en, which none of ${verbs} take`;
  }
  return `none of ${verbs} can take the requested object pronouns (includes_cod: ${constraints.includes_cod ?? "any"}, includes_coi: ${constraints.includes_coi ?? "any"})`;
}

/** Checks what can be checked without drawing; throws ValidationError for requests no problem can satisfy. */
export function prepareRequest(request: GenerationRequest): PreparedRequest {
  const count = statementCount(request.statement_count);
  checkTopicTags(request.topic_tags);
  const constraints = request.constraints ?? {};
  const pool = verbPool(constraints.verb_infinitives);
  const asked = request.focus ? [request.focus] : GRAMMATICAL_FOCUSES;
  const fitting = asked.filter((f) => count <= (CHOICE_CONSTRUCTIONS[f]?.maxStatements ?? MAX_STATEMENTS));
  if (fitting.length === 0) {
    throw new ValidationError(
      `${request.focus} problems have at most ${CHOICE_CONSTRUCTIONS[request.focus as GrammaticalFocus]?.maxStatements} statements; ask for fewer`,
    );
  }
  const kinds = constraints.mistake_kinds;
  checkCommandKinds(kinds, count);
  // Mistake kinds are checked apart, for a message that names the kinds each focus carries.
  const served = fitting.filter((f) => serves(f, { ...constraints, mistake_kinds: undefined }, pool));
  if (served.length === 0) throw new ValidationError(noVerbMessage(request, constraints, pool));
  const focuses = kinds ? served.filter((f) => focusMistakes(f).some((k) => kinds.includes(k))) : served;
  if (focuses.length === 0) {
    throw new ValidationError(
      `mistake_kinds ${kinds?.join(", ")} are not drilled by the ${served.join(" or ")} focus: ` +
        served.map((f) => `${f} problems carry ${focusMistakes(f).join(", ")}`).join("; "),
    );
  }
  return { request, count, constraints, pool, focuses, verbs: new Map() };
}

// Requests repeat (the pool refill asks the same thing again and again), and the bound costs a pass over every verb.
const reachableByRequest = new Map<string, Level>();
const REMEMBERED_REQUESTS = 200;

/** The highest level any problem for this request could have. */
export function highestReachableLevel(prepared: PreparedRequest): Level {
  const key = JSON.stringify([prepared.focuses, prepared.constraints]);
  let level = reachableByRequest.get(key);
  if (!level) {
    level = computeReachableLevel(prepared);
    if (reachableByRequest.size >= REMEMBERED_REQUESTS) reachableByRequest.clear();
    reachableByRequest.set(key, level);
  }
  return level;
}

function computeReachableLevel(prepared: PreparedRequest): Level {
  const { constraints, pool } = prepared;
  const setupFocuses = prepared.focuses.filter(isSetupFocus);
  const verbs = setupFocuses.flatMap((focus) => verbsFor(focus, constraints, pool));
  const pronouns = prepared.focuses.includes("pronouns") ? verbsFor("pronouns", constraints, pool) : [];
  const fromSetups = reachableLevel({
    tenses: [...new Set(verbs.flatMap((verb) => tensesFor(verb, constraints)))],
    verbs,
    negationAllowed: constraints.includes_negation !== false,
    objects: [...new Set(pronouns.flatMap((verb) => objectChoices(verb, constraints)))],
  });
  // A choice problem's top level is an upper bound (levels.ts); a tighter one would have to draw.
  return highest([fromSetups, ...prepared.focuses.flatMap((focus) => CHOICE_FOCUS_LEVELS[focus] ?? [])]);
}
