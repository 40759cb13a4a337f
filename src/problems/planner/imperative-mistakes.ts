import type { FrenchClause } from "../french/french-clause";
import type { ImperativeMistake } from "../french/imperative";
import type { MistakeCandidate } from "./mistake";
import type { ErrorKind } from "./plan";
import { quote } from "./wording";

function candidate(
  base: FrenchClause,
  kind: ErrorKind,
  mistake: ImperativeMistake,
  rule: string | ((correctPronouns: readonly string[]) => string),
): MistakeCandidate {
  return {
    kind,
    clause: { ...base, deviation: { kind: "imperative", mistake } },
    explain: (wrong, correct) =>
      `${typeof rule === "string" ? rule : rule(correct.pronouns)}: ${quote(correct.verb_phrase)}, not ${quote(wrong.verb_phrase)}.`,
  };
}

// me/te at the end of a command ("donne-le-me"), or moi/toi before en and y ("donne-moi-en").
function formRule(pronouns: readonly string[]): string {
  const elided = pronouns.find((p) => p.endsWith("'"));
  if (elided) return `Before «y» and «en», ${quote(elided === "m'" ? "moi" : "toi")} becomes ${quote(elided)}`;
  return "At the end of an affirmative command, «me» and «te» become «moi» and «toi»";
}

// -s mistakes on the tu form: only those that change what is written survive (the caller drops the others).
function sMistakes(base: FrenchClause): MistakeCandidate[] {
  if (base.subject !== "tu") return [];
  return [
    candidate(base, "imperative_spelling", "s_dropped", "Before «y» and «en», the tu command keeps an -s"),
    candidate(
      base,
      "imperative_spelling",
      "s_added",
      "The tu command of this verb takes no -s (it gets one only before «y» and «en»)",
    ),
  ];
}

/**
 * Mistakes only a command can carry. Affirmative: the pronouns before the verb as in a statement, no hyphens,
 * me for moi or moi for m', two pronouns in the wrong order after the verb. Negative: the affirmative order kept
 * under "ne ... pas". Both: the -s of the tu form of -er verbs. `orderInStatement` is the order mistake of a
 * statement, which a negative command shares.
 */
export function imperativeMistakes(base: FrenchClause, orderInStatement: MistakeCandidate[]): MistakeCandidate[] {
  if (base.negation) {
    return [
      candidate(
        base,
        "pronoun_placement",
        "affirmative_order",
        "In a negative command the pronouns stay before the verb, as in a statement",
      ),
      ...orderInStatement,
      ...sMistakes(base),
    ];
  }
  const candidates = [
    candidate(
      base,
      "pronoun_placement",
      "declarative_order",
      "In an affirmative command the pronouns follow the verb, joined to it by hyphens",
    ),
    candidate(
      base,
      "imperative_spelling",
      "no_hyphen",
      "In an affirmative command each pronoun is joined to the verb by a hyphen",
    ),
    ...sMistakes(base),
  ];
  if (base.objects.some((o) => o.form === "me" || o.form === "te"))
    candidates.push(candidate(base, "pronoun_form", "pronoun_form", formRule));
  if (base.objects.length === 2) {
    candidates.push({
      kind: "pronoun_order",
      clause: { ...base, deviation: { kind: "order" } },
      explain: (wrong, correct) =>
        `After the verb, ${quote(correct.pronouns[0] ?? "")} comes before ${quote(correct.pronouns[1] ?? "")}: ` +
        `${quote(correct.verb_phrase)}, not ${quote(wrong.verb_phrase)}.`,
    });
  }
  return candidates;
}
