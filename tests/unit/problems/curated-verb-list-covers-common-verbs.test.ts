import { expect, test } from "bun:test";
import { CURATED_VERBS, loadConjugationData } from "../../../src/problems/french";

test("at least 80 curated verbs, including the common irregular ones", () => {
  expect(CURATED_VERBS.length).toBeGreaterThanOrEqual(80);
  const infinitives = CURATED_VERBS.map((v) => v.infinitive);
  expect(new Set(infinitives).size).toBe(infinitives.length);
  for (const irregular of [
    "être",
    "avoir",
    "aller",
    "faire",
    "venir",
    "prendre",
    "pouvoir",
    "vouloir",
    "devoir",
    "savoir",
    "voir",
    "mettre",
    "dire",
  ]) {
    expect(infinitives).toContain(irregular);
  }
});

test("every curated verb is in the Lefff conjugation table", () => {
  expect(loadConjugationData().verbs).toBe(new Set(CURATED_VERBS.map((v) => v.lemma)).size);
});

test("every curated verb carries what the planner relies on", () => {
  for (const verb of CURATED_VERBS) {
    expect(verb.complements.length).toBeGreaterThan(0);
    expect(verb.english.base.length).toBeGreaterThan(0);
    expect(verb.takes_cod).toBe(verb.direct_objects.length > 0);
    if (verb.reflexive) expect([verb.auxiliary, verb.takes_cod, verb.takes_coi]).toEqual(["etre", false, false]);
    if (verb.allows_rien) expect(verb.takes_cod).toBe(true);
    for (const complement of verb.complements) {
      if (complement.fr_negated !== undefined) expect(complement.fr_negated).toMatch(/^(de |d')/);
    }
    for (const object of verb.direct_objects) expect(object.fr).toMatch(/^(le |la |les |l')/);
  }
});

test("the reflexive, être and second-group families are all represented", () => {
  expect(CURATED_VERBS.filter((v) => v.reflexive).length).toBeGreaterThanOrEqual(10);
  expect(CURATED_VERBS.filter((v) => !v.reflexive && v.auxiliary === "etre").length).toBeGreaterThanOrEqual(5);
  expect(CURATED_VERBS.filter((v) => v.takes_coi).length).toBeGreaterThanOrEqual(10);
});
