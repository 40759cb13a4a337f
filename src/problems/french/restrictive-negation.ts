import type { Tense } from "../types";
import { isCompoundTense } from "./conjugator";
import { compoundParts, verbWords, writeSentence, writeWords } from "./sentence";
import type { Gender, SubjectPronoun } from "./subjects";
import type { CuratedVerb } from "./verb-entry";

/** The negations beyond «ne ... pas» that the negation problems drill. */
export type NegationWord = "rien" | "personne" | "aucun" | "que";

/** A noun after «aucun(e)»: «aucun film», «aucune lettre». */
export interface AucunNoun {
  singular: string;
  plural: string;
  gender: Gender;
  en: string;
}

/** What «ne ... que» restricts, with the article a negation would wrongly turn into «de». */
export interface RestrictedObject {
  fr: string;
  /** The same noun phrase as it would read after a true negation: «une pomme» -> «de pomme». */
  as_negated: string;
  en: string;
}

/** Which of the four negations read naturally with a verb, and with what. */
export interface NegationVerb {
  infinitive: string;
  /** «ne ... personne»: the verb takes a person as its direct object. */
  personne: boolean;
  /** «ne ... rien»: the verb takes a thing as its direct object. */
  rien: boolean;
  aucun: AucunNoun;
  que: RestrictedObject;
}

function noun(singular: string, plural: string, gender: Gender, en: string): AucunNoun {
  return { singular, plural, gender, en };
}

function only(fr: string, as_negated: string, en: string): RestrictedObject {
  return { fr, as_negated, en };
}

// Hand-picked: each object reads naturally in every tense the negation problems use.
export const NEGATION_VERBS: readonly NegationVerb[] = [
  {
    infinitive: "voir",
    personne: true,
    rien: true,
    aucun: noun("film", "films", "m", "film"),
    que: only("un film", "de film", "one film"),
  },
  {
    infinitive: "entendre",
    personne: true,
    rien: true,
    aucun: noun("bruit", "bruits", "m", "noise"),
    que: only("un bruit", "de bruit", "one noise"),
  },
  {
    infinitive: "attendre",
    personne: true,
    rien: true,
    aucun: noun("lettre", "lettres", "f", "letter"),
    que: only("une réponse", "de réponse", "one answer"),
  },
  {
    infinitive: "inviter",
    personne: true,
    rien: false,
    aucun: noun("voisine", "voisines", "f", "neighbour"),
    que: only("une amie", "d'amie", "one friend"),
  },
  {
    infinitive: "rencontrer",
    personne: true,
    rien: false,
    aucun: noun("voisin", "voisins", "m", "neighbour"),
    que: only("un ami", "d'ami", "one friend"),
  },
  {
    infinitive: "manger",
    personne: false,
    rien: true,
    aucun: noun("gâteau", "gâteaux", "m", "cake"),
    que: only("une pomme", "de pomme", "an apple"),
  },
  {
    infinitive: "boire",
    personne: false,
    rien: true,
    aucun: noun("café", "cafés", "m", "coffee"),
    que: only("de l'eau", "d'eau", "water"),
  },
  {
    infinitive: "acheter",
    personne: false,
    rien: true,
    aucun: noun("voiture", "voitures", "f", "car"),
    que: only("du pain", "de pain", "bread"),
  },
  {
    infinitive: "lire",
    personne: false,
    rien: true,
    aucun: noun("lettre", "lettres", "f", "letter"),
    que: only("un roman", "de roman", "one novel"),
  },
  {
    infinitive: "prendre",
    personne: false,
    rien: true,
    aucun: noun("photo", "photos", "f", "photo"),
    que: only("un café", "de café", "a coffee"),
  },
];

/** A deliberate mistake in a negated clause. */
export type NegationDeviation =
  /** «pas» added to a negation that is complete without it: «je ne vois pas personne». */
  | "pas"
  /** personne before the participle, rien after it: «je n'ai personne vu», «je n'ai vu rien». */
  | "placement"
  /** «aucune» for «aucun» or the reverse. */
  | "gender"
  /** a plural noun after aucun: «aucun films». */
  | "plural"
  /** «ne ... que» followed by the article of a true negation: «que de pomme». */
  | "article";

export interface NegationClause {
  subject: SubjectPronoun;
  /** The curated verb named by `entry.infinitive`. */
  verb: CuratedVerb;
  entry: NegationVerb;
  tense: Tense;
  word: NegationWord;
  deviation: NegationDeviation | null;
}

export interface RenderedNegation {
  sentence: string;
  /** Everything after the subject: «n'ai vu personne», «ne mange qu'une pomme». */
  verb_phrase: string;
}

function aucunPhrase(entry: NegationVerb, deviation: NegationDeviation | null): string[] {
  const { gender, singular, plural } = entry.aucun;
  const feminine = (gender === "f") !== (deviation === "gender");
  return [feminine ? "aucune" : "aucun", deviation === "plural" ? plural : singular];
}

// The words after the subject. «personne» and aucun's noun phrase follow the participle; «rien» comes before it;
// «que» goes right before what it restricts.
function afterSubject(clause: NegationClause): string[] {
  const { entry, word, deviation } = clause;
  const { finite, participle } = compoundParts(
    verbWords(clause.verb, clause.tense, clause.subject),
    isCompoundTense(clause.tense),
  );
  const pas = deviation === "pas" ? ["pas"] : [];
  switch (word) {
    case "personne":
      return deviation === "placement"
        ? ["ne", ...finite, "personne", ...participle]
        : ["ne", ...finite, ...pas, ...participle, "personne"];
    case "rien":
      return deviation === "placement"
        ? ["ne", ...finite, ...participle, "rien"]
        : ["ne", ...finite, ...pas, "rien", ...participle];
    case "aucun":
      return ["ne", ...finite, ...pas, ...participle, ...aucunPhrase(entry, deviation)];
    case "que":
      return ["ne", ...finite, ...participle, "que", deviation === "article" ? entry.que.as_negated : entry.que.fr];
  }
}

/** Writes a clause negated by rien, personne, aucun or que, with one deliberate mistake or none. */
export function renderNegation(clause: NegationClause): RenderedNegation {
  const words = afterSubject(clause);
  return { sentence: writeSentence([clause.subject, ...words]), verb_phrase: writeWords(words) };
}
