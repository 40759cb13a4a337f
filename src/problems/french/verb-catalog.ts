import { CURATED_VERBS } from "./curated-verbs";
import type { CuratedVerb } from "./verb-entry";

// Lower-cases, trims, folds typographic apostrophes and repeated spaces: "S’habiller " -> "s'habiller".
function normalizeInfinitive(infinitive: string): string {
  return infinitive.trim().toLowerCase().replace(/[’ʼ]/g, "'").replace(/\s+/g, " ").replace(/' /g, "'");
}

const BY_INFINITIVE = new Map(CURATED_VERBS.map((v) => [v.infinitive, v]));

/** The curated verb for an infinitive as a caller may write it ("Aller", "s’habiller"), if there is one. */
export function findCuratedVerb(infinitive: string): CuratedVerb | undefined {
  return BY_INFINITIVE.get(normalizeInfinitive(infinitive));
}
