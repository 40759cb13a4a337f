import { type CuratedVerb, directObject as obj, phrase, verb } from "../verb-entry";

/** Second group (-ir, nous -issons). */
export const SECOND_GROUP_VERBS: readonly CuratedVerb[] = [
  verb("finir", "finish|finished|finished", {
    complements: [phrase("le travail", "the work"), phrase("les exercices", "the exercises")],
    objects: [
      obj("le travail", "the work"),
      obj("la lettre", "the letter"),
      obj("les exercices", "the exercises", { gender: "m" }),
    ],
  }),
  verb("choisir", "choose|chose|chosen", {
    complements: [phrase("un livre", "a book", "de livre"), phrase("la couleur", "the colour")],
    objects: [
      obj("la robe", "the dress"),
      obj("le cadeau", "the present"),
      obj("les couleurs", "the colours", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("réussir", "pass|passed|passed", {
    complements: [phrase("l'examen", "the exam"), phrase("le test", "the test")],
    objects: [
      obj("l'examen", "the exam", { gender: "m" }),
      obj("le test", "the test"),
      obj("les examens", "the exams", { gender: "m" }),
    ],
  }),
  verb("remplir", "complete|completed|completed", {
    complements: [phrase("le formulaire", "the form"), phrase("la fiche", "the sheet")],
    objects: [
      obj("le formulaire", "the form"),
      obj("la fiche", "the sheet"),
      obj("les documents", "the documents", { gender: "m" }),
    ],
  }),
  verb("obéir", "obey|obeyed|obeyed", {
    coi: "",
    complements: [phrase("au professeur", "the teacher"), phrase("aux règles", "the rules")],
  }),
  verb("réfléchir", "think|thought|thought", {
    complements: [phrase("à la question", "about the question"), phrase("au problème", "about the problem")],
  }),
  verb("nourrir", "feed|fed|fed", {
    complements: [phrase("le chat", "the cat"), phrase("les poissons", "the fish")],
    objects: [obj("le chat", "the cat"), obj("la poule", "the hen"), obj("les oiseaux", "the birds", { gender: "m" })],
  }),
  verb("applaudir", "applaud|applauded|applauded", {
    complements: [phrase("les acteurs", "the actors"), phrase("le chanteur", "the singer")],
    objects: [
      obj("le chanteur", "the singer", { en_pronoun: "him" }),
      obj("la pianiste", "the pianist", { en_pronoun: "her" }),
      obj("les acteurs", "the actors", { gender: "m" }),
    ],
  }),
];
