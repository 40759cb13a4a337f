import type { CuratedVerb } from "./verb-entry";
import { ETRE_AND_REFLEXIVE_VERBS } from "./verbs/etre-and-reflexive";
import { FIRST_GROUP_VERBS } from "./verbs/first-group";
import { GIVING_AND_TELLING_VERBS } from "./verbs/giving-and-telling";
import { IRREGULAR_VERBS } from "./verbs/irregular";
import { SECOND_GROUP_VERBS } from "./verbs/second-group";

/**
 * The verbs the template generator knows, hand-picked for everyday use. Each complement is chosen to read naturally
 * in every supported tense: no time adverbs ("demain", "hier") that clash with a tense, no adjectives whose
 * agreement would depend on the subject, no possessives that would depend on it either. Verbs whose auxiliary
 * changes with transitivity (monter, sortir, passer...) are left out, so "wrong auxiliary" is always wrong.
 */
export const CURATED_VERBS: readonly CuratedVerb[] = [
  ...IRREGULAR_VERBS,
  ...FIRST_GROUP_VERBS,
  ...GIVING_AND_TELLING_VERBS,
  ...ETRE_AND_REFLEXIVE_VERBS,
  ...SECOND_GROUP_VERBS,
];
