import { type CuratedVerb, directObject as obj, phrase, verb } from "../verb-entry";

/** First group verbs that take both a thing and a person (donner quelque chose à quelqu'un): the double-pronoun drills. */
export const GIVING_AND_TELLING_VERBS: readonly CuratedVerb[] = [
  verb("donner", "give|gave|given", {
    coi: "to",
    complements: [
      phrase("un cadeau à Marie", "a present to Marie", "de cadeau à Marie"),
      phrase("le livre à Paul", "the book to Paul"),
    ],
    objects: [
      obj("le livre", "the book"),
      obj("la clé", "the key"),
      obj("les cadeaux", "the presents", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("envoyer", "send|sent|sent", {
    coi: "to",
    complements: [
      phrase("une lettre à Paul", "a letter to Paul", "de lettre à Paul"),
      phrase("le message au directeur", "the message to the director"),
    ],
    objects: [
      obj("la lettre", "the letter"),
      obj("le colis", "the parcel"),
      obj("les photos", "the photos", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("montrer", "show|showed|shown", {
    coi: "to",
    complements: [
      phrase("la photo à Marie", "the photo to Marie"),
      phrase("le chemin aux touristes", "the way to the tourists"),
    ],
    objects: [
      obj("la photo", "the photo"),
      obj("le plan", "the map"),
      obj("les photos", "the photos", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("prêter", "lend|lent|lent", {
    coi: "to",
    complements: [
      phrase("la voiture à Paul", "the car to Paul"),
      phrase("un stylo à Marie", "a pen to Marie", "de stylo à Marie"),
    ],
    objects: [
      obj("le stylo", "the pen"),
      obj("la voiture", "the car"),
      obj("les livres", "the books", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("apporter", "bring|brought|brought", {
    coi: "to",
    complements: [
      phrase("le café aux invités", "the coffee to the guests"),
      phrase("des fleurs à Marie", "flowers to Marie", "de fleurs à Marie"),
    ],
    objects: [
      obj("le café", "the coffee"),
      obj("la salade", "the salad"),
      obj("les boissons", "the drinks", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("expliquer", "explain|explained|explained", {
    coi: "to",
    complements: [
      phrase("la règle aux élèves", "the rule to the pupils"),
      phrase("le problème à Paul", "the problem to Paul"),
    ],
    objects: [
      obj("la règle", "the rule"),
      obj("le problème", "the problem"),
      obj("les exercices", "the exercises", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("raconter", "tell|told|told", {
    coi: "to",
    complements: [
      phrase("une histoire aux enfants", "a story to the children", "d'histoire aux enfants"),
      phrase("la nouvelle à Paul", "the news to Paul"),
    ],
    objects: [
      obj("l'histoire", "the story", { gender: "f" }),
      obj("le secret", "the secret"),
      obj("les blagues", "the jokes", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("présenter", "present|presented|presented", {
    coi: "to",
    complements: [
      phrase("le projet au client", "the project to the client"),
      phrase("les résultats à l'équipe", "the results to the team"),
    ],
    objects: [
      obj("le projet", "the project"),
      obj("la méthode", "the method"),
      obj("les résultats", "the results", { gender: "m" }),
    ],
  }),
  verb("demander", "ask for|asked for|asked for", {
    coi: "from",
    complements: [
      phrase("l'addition au serveur", "the bill from the waiter"),
      phrase("un conseil à Paul", "advice from Paul", "de conseil à Paul"),
    ],
    objects: [
      obj("l'addition", "the bill", { gender: "f" }),
      obj("le sel", "the salt"),
      obj("les clés", "the keys", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("emprunter", "borrow|borrowed|borrowed", {
    coi: "from",
    complements: [
      phrase("un livre à Paul", "a book from Paul", "de livre à Paul"),
      phrase("la voiture à Marie", "the car from Marie"),
    ],
    objects: [
      obj("le vélo", "the bike"),
      obj("la voiture", "the car"),
      obj("les livres", "the books", { gender: "m" }),
    ],
    rien: true,
  }),
];
