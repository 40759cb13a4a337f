import type { ObjectPronoun } from "./object-pronouns";
import type { Gender, GrammaticalNumber } from "./subjects";
import type { Referent } from "./verb-entry";

/**
 * What y or en stands for. `gender` and `number` are those of the noun behind en ("des pommes": feminine plural):
 * the participle does not agree with en ("j'en ai mangé"), and agreeing with the noun anyway is the mistake drilled.
 */
export interface AdverbialReferent extends Referent {
  /** The English under a negation, where "some" becomes "any". */
  en_negated: string;
  /** Why this pronoun, for explanations: "a place introduced by «à»". */
  kind_words: string;
}

function adverbial(
  form: "y" | "en",
  fr: string,
  en: string,
  english: { pronoun: string; negated?: string },
  kindWords: string,
  agreement: { gender: Gender; number: GrammaticalNumber } = { gender: "m", number: "s" },
): AdverbialReferent {
  const pronoun: ObjectPronoun = { form, role: "adverbial", ...agreement };
  return {
    fr,
    en,
    en_pronoun: english.pronoun,
    en_negated: english.negated ?? english.pronoun,
    pronoun,
    excludes_subjects: [],
    kind_words: kindWords,
  };
}

const THERE = { pronoun: "there" };
const SOME = { pronoun: "some", negated: "any" };
const PLACE_A = "a place introduced by «à»";
const QUANTITY = "an indefinite quantity (du, de la, des)";

function place(fr: string, en: string): AdverbialReferent {
  return adverbial("y", fr, en, THERE, PLACE_A);
}

function some(fr: string, en: string, gender: Gender, number: GrammaticalNumber): AdverbialReferent {
  return adverbial("en", fr, en, SOME, QUANTITY, { gender, number });
}

/**
 * The phrases y and en replace, per verb. Only phrases the pronoun replaces in every tense and negation: places
 * after verbs of going and being, "à + thing" after penser, and indefinite quantities after verbs of eating,
 * buying and giving. Giving verbs use en only together with the person given to ("je lui en donne"): "j'en donne"
 * alone leaves the reader asking to whom.
 */
const ADVERBIAL_OBJECTS: Readonly<Record<string, readonly AdverbialReferent[]>> = {
  aller: [place("au marché", "to the market"), place("à la plage", "to the beach")],
  être: [place("à la maison", "at home"), place("au bureau", "at the office")],
  habiter: [place("à Paris", "in Paris")],
  rester: [place("à la maison", "at home")],
  penser: [adverbial("y", "aux vacances", "the holidays", { pronoun: "about them" }, "a thing introduced by «à»")],
  manger: [some("des pommes", "apples", "f", "p"), some("du pain", "bread", "m", "s")],
  boire: [some("de l'eau", "water", "f", "s"), some("du café", "coffee", "m", "s")],
  acheter: [some("des fruits", "fruit", "m", "p"), some("de la farine", "flour", "f", "s")],
  prendre: [some("du sucre", "sugar", "m", "s")],
  donner: [some("des fleurs", "flowers", "f", "p"), some("des conseils", "advice", "m", "p")],
  offrir: [some("des fleurs", "flowers", "f", "p")],
  envoyer: [some("des cartes", "cards", "f", "p")],
  apporter: [some("des gâteaux", "cakes", "m", "p")],
};

/** The y / en referents of a verb (none for most verbs). */
export function adverbialObjects(infinitive: string): readonly AdverbialReferent[] {
  return ADVERBIAL_OBJECTS[infinitive] ?? [];
}
