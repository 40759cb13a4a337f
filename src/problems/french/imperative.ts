import { type ImperativePerson, imperativeForm } from "./conjugator";
import { elide, joinWords } from "./elision";
import type { FrenchClause, RenderedClause } from "./french-clause";
import { cliticRank, type ObjectPronoun } from "./object-pronouns";
import { SUBJECTS } from "./subjects";

/** A deliberate mistake in a command, beyond the order of two pronouns (the "order" deviation). */
export type ImperativeMistake =
  /** Affirmative: the pronouns before the verb, as in a statement ("me le donne"). */
  | "declarative_order"
  /** Negative: the pronouns after the verb with hyphens, as in an affirmative command ("ne donne-le-moi pas"). */
  | "affirmative_order"
  /** me/te where the end of an affirmative command needs moi/toi ("donne-le-me"), moi/toi before en ("donne-moi-en"). */
  | "pronoun_form"
  /** An affirmative command without its hyphens ("donne le moi"). */
  | "no_hyphen"
  /** The tu form of an -er verb without the -s it takes back before y / en ("va-y", "mange-en"). */
  | "s_dropped"
  /** The tu form of an -er verb with an -s where it takes none ("donnes-le-moi", "ne le donnes pas"). */
  | "s_added";

const STRESSED: Readonly<Record<string, string>> = { me: "moi", te: "toi" };

// After the verb the direct object comes first, then the indirect one, then y, then en: "donne-le-moi", "donne-lui-en".
function affirmativeRank(form: string): number {
  if (form === "le" || form === "la" || form === "les") return 1;
  if (form === "y") return 3;
  if (form === "en") return 4;
  return 2;
}

function imperativePerson(clause: FrenchClause): ImperativePerson {
  const person = SUBJECTS[clause.subject].person;
  if (person !== 1 && person !== 3 && person !== 4)
    throw new Error(`a command addresses tu, nous or vous, not ${clause.subject}`);
  return person;
}

// The tu command of -er verbs (and aller, offrir...) ends in -e or is "va": it has no -s, except before y and en.
function dropsS(form: string, person: ImperativePerson): boolean {
  return person === 1 && (form.endsWith("e") || form === "va");
}

interface Written {
  text: string;
  finite: string;
  pronouns: string[];
}

// Pronouns after the verb, hyphenated: moi/toi at the end, m'/t' before y and en ("donne-m'en").
function afterVerb(
  verbForm: string,
  person: ImperativePerson,
  objects: readonly ObjectPronoun[],
  reversed: boolean,
  mistake: ImperativeMistake | null,
): Written {
  const ordered = [...objects].sort((a, b) => affirmativeRank(a.form) - affirmativeRank(b.form));
  if (reversed) ordered.reverse();
  const pronouns = ordered.map((o, i) => {
    const stressed = STRESSED[o.form];
    if (!stressed) return o.form;
    const next = ordered[i + 1]?.form;
    const elided = next === "en" || next === "y";
    if (mistake === "pronoun_form") return elided ? stressed : o.form;
    return elided ? `${o.form.charAt(0)}'` : stressed;
  });
  const restoresS = dropsS(verbForm, person) && (pronouns[0] === "y" || pronouns[0] === "en");
  const finite = restoresS && mistake !== "s_dropped" ? `${verbForm}s` : verbForm;
  const separator = mistake === "no_hyphen" ? " " : "-";
  const text = pronouns.reduce((sofar, p) => `${sofar}${sofar.endsWith("'") ? "" : separator}${p}`, finite);
  return { text, finite, pronouns };
}

// Pronouns before the verb in statement order, elided: "ne me le donne pas", "n'y va pas", "me le donne".
function beforeVerb(
  finite: string,
  objects: readonly ObjectPronoun[],
  reversed: boolean,
  lead: string[],
  tail: string[],
): Written {
  const ordered = objects.map((o) => o.form).sort((a, b) => cliticRank(a) - cliticRank(b));
  if (reversed) ordered.reverse();
  const words = elide([...lead, ...ordered, finite, ...tail]);
  const pronouns = words.slice(lead.length, lead.length + ordered.length).map((w) => w.text);
  return { text: joinWords(words), finite, pronouns };
}

// "ne me le donne pas"; as a mistake, the affirmative order kept under the negation: "ne donne-le-moi pas".
function negative(
  verbForm: string,
  person: ImperativePerson,
  objects: readonly ObjectPronoun[],
  reversed: boolean,
  mistake: ImperativeMistake | null,
  negation: string,
): Written {
  if (mistake !== "affirmative_order") return beforeVerb(verbForm, objects, reversed, ["ne"], [negation]);
  const after = afterVerb(verbForm, person, objects, reversed, null);
  return { ...after, text: joinWords(elide(["ne", after.text, negation])) };
}

/**
 * Writes a command: no subject; in the affirmative the pronouns follow the verb with hyphens ("donne-le-moi",
 * "vas-y"), in the negative they stay before it as in a statement ("ne me le donne pas").
 */
export function renderImperative(clause: FrenchClause): RenderedClause {
  const { deviation, negation } = clause;
  if (deviation && deviation.kind !== "order" && deviation.kind !== "imperative")
    throw new Error(`a command cannot carry a ${deviation.kind} deviation`);
  const mistake = deviation?.kind === "imperative" ? deviation.mistake : null;
  const reversed = deviation?.kind === "order";
  const person = imperativePerson(clause);
  const form = imperativeForm(clause.verb.lemma, person);
  const verbForm = mistake === "s_added" && dropsS(form, person) ? `${form}s` : form;
  const written = negation
    ? negative(verbForm, person, clause.objects, reversed, mistake, negation)
    : mistake === "declarative_order"
      ? beforeVerb(verbForm, clause.objects, reversed, [], [])
      : afterVerb(verbForm, person, clause.objects, reversed, mistake);
  const complement = clause.complement?.fr;
  const sentence = complement ? `${written.text} ${complement}` : written.text;
  return {
    sentence: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`,
    verb_phrase: written.text,
    finite: written.finite,
    participle: null,
    pronouns: written.pronouns,
  };
}
