import type { GrammaticalFocus } from "../types";
import type { ChoiceConstruction } from "./choice";
import { moodConstruction } from "./mood-problems";
import { negationConstruction } from "./negation-problems";
import { tenseChoiceConstruction } from "./tense-choice-problems";

/** The focuses planned as choice problems (see choice.ts); conjugation and pronouns are planned from a setup. */
export const CHOICE_CONSTRUCTIONS: Readonly<Partial<Record<GrammaticalFocus, ChoiceConstruction>>> = {
  negation: negationConstruction,
  mood: moodConstruction,
  tense_choice: tenseChoiceConstruction,
};
