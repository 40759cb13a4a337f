export { type ConjugationDataStats, loadConjugationData } from "./conjugator";
export { CURATED_VERBS } from "./curated-verbs";
