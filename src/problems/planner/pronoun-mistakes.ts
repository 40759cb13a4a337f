import { isCompoundTense } from "../french/conjugator";
import { type FrenchClause, isPeriphrastic } from "../french/french-clause";
import { cliticRank, isThirdPerson, type ObjectPronoun, thirdPersonPronoun } from "../french/object-pronouns";
import type { SubjectPronoun } from "../french/subjects";
import type { Referent } from "../french/verb-entry";
import { agreementMistakes } from "./agreement-mistakes";
import { correctClause } from "./clauses";
import { imperativeMistakes } from "./imperative-mistakes";
import type { MistakeCandidate } from "./mistake";
import type { ErrorKind } from "./plan";
import type { ProblemSetup } from "./setup";
import { quote } from "./wording";
import { yEnMistakes } from "./y-en-mistakes";

// With aller / venir de + infinitive the pronouns belong to the infinitive: after it, or in front of aller / venir
// (an old usage, "je le vais faire"), they are wrong.
function infinitivePlacementMistakes(base: FrenchClause): MistakeCandidate[] {
  const rule = "Object pronouns go right before the infinitive they belong to";
  return [
    {
      kind: "pronoun_placement",
      clause: { ...base, deviation: { kind: "placement", where: "after_verb" } },
      explain: (wrong, correct) =>
        `${rule}, not after it: ${quote(correct.verb_phrase)}, not ${quote(wrong.verb_phrase)}.`,
    },
    {
      kind: "pronoun_placement",
      clause: { ...base, deviation: { kind: "placement", where: "before_finite" } },
      explain: (wrong, correct) =>
        `${rule}, not before ${quote(wrong.finite)}: ${quote(correct.verb_phrase)}, not ${quote(wrong.verb_phrase)}.`,
    },
  ];
}

function placementMistakes(setup: ProblemSetup, base: FrenchClause): MistakeCandidate[] {
  if (isPeriphrastic(setup.tense)) return infinitivePlacementMistakes(base);
  const beforeVerb = isCompoundTense(setup.tense) ? "before the auxiliary" : "before the conjugated verb";
  const candidates: MistakeCandidate[] = [
    {
      kind: "pronoun_placement",
      clause: { ...base, deviation: { kind: "placement", where: "after_verb" } },
      explain: (wrong, correct) =>
        `Object pronouns go ${beforeVerb}, not after the verb: ${quote(correct.verb_phrase)}, not ${quote(wrong.verb_phrase)}.`,
    },
  ];
  if (setup.negation) {
    candidates.push({
      kind: "pronoun_placement",
      clause: { ...base, deviation: { kind: "placement", where: "before_ne" } },
      explain: (wrong, correct) =>
        `${quote("ne")} comes before the object pronouns: ${quote(correct.verb_phrase)}, not ${quote(wrong.verb_phrase)}.`,
    });
  }
  return candidates;
}

function orderMistakes(base: FrenchClause): MistakeCandidate[] {
  if (base.objects.length !== 2) return [];
  return [
    {
      kind: "pronoun_order",
      clause: { ...base, deviation: { kind: "order" } },
      explain: (wrong, correct) => {
        const [first, second] = base.objects.map((o) => o.form).sort((a, b) => cliticRank(a) - cliticRank(b));
        return `With two object pronouns, ${quote(first ?? "")} comes before ${quote(second ?? "")}: ${quote(correct.verb_phrase)}, not ${quote(wrong.verb_phrase)}.`;
      },
    },
  ];
}

// The same clause with one object pronoun replaced by another form.
function replacing(
  base: FrenchClause,
  original: ObjectPronoun,
  replacement: ObjectPronoun,
  kind: ErrorKind,
  reason: string,
): MistakeCandidate {
  return {
    kind,
    clause: { ...base, objects: base.objects.map((o) => (o === original ? replacement : o)) },
    // The verb phrases, not the bare pronouns, are quoted: «les» alone may also be the article of a noun nearby.
    explain: (wrong, correct) =>
      `${reason}, so its pronoun is ${quote(original.form)}: ${quote(correct.verb_phrase)}, not ${quote(wrong.verb_phrase)}.`,
  };
}

// Category, gender and number mistakes on one pronoun; only third-person pronouns show these features.
function formMistakes(base: FrenchClause, referent: Referent): MistakeCandidate[] {
  const { pronoun } = referent;
  if (!isThirdPerson(pronoun)) return [];
  const { role, gender, number } = pronoun;
  if (role === "adverbial") return [];
  const name = quote(referent.fr);
  const candidates: MistakeCandidate[] = [];
  // With two pronouns, swapping the category would leave two of a kind ("le le", "lui lui"): a different mistake.
  if (base.objects.length === 1) {
    const otherRole = role === "direct" ? "indirect" : "direct";
    const objectKind = role === "direct" ? "a direct object" : "an indirect object";
    candidates.push(
      replacing(
        base,
        pronoun,
        thirdPersonPronoun(otherRole, gender, number),
        "pronoun_category",
        `${name} is ${objectKind}`,
      ),
    );
  }
  if (role === "direct" && number === "s") {
    const flipped = gender === "m" ? "f" : "m";
    const word = gender === "m" ? "masculine" : "feminine";
    candidates.push(
      replacing(base, pronoun, thirdPersonPronoun(role, flipped, number), "pronoun_gender", `${name} is ${word}`),
    );
  }
  const otherNumber = number === "s" ? "p" : "s";
  const word = number === "s" ? "singular" : "plural";
  candidates.push(
    replacing(base, pronoun, thirdPersonPronoun(role, gender, otherNumber), "pronoun_number", `${name} is ${word}`),
  );
  return candidates;
}

/** Every object pronoun mistake that applies to this subject's sentence. */
export function pronounMistakes(setup: ProblemSetup, subject: SubjectPronoun): MistakeCandidate[] {
  const base = correctClause(setup, subject);
  const referents = [setup.direct, setup.indirect].flatMap((r) => (r ? [r] : []));
  const placementAndOrder =
    setup.tense === "imperatif"
      ? imperativeMistakes(base, orderMistakes(base))
      : [...placementMistakes(setup, base), ...orderMistakes(base)];
  return [
    ...placementAndOrder,
    ...referents.flatMap((referent) => formMistakes(base, referent)),
    // Only the agreement with a preceding direct object: with être ("elle y est allée") the participle follows the
    // subject, which conjugation problems drill at a lower level than a pronoun problem's agreement mistakes.
    ...(setup.verb.auxiliary === "avoir" ? agreementMistakes(setup, subject) : []),
    ...yEnMistakes(setup, subject),
  ];
}
