import { type CuratedVerb, directObject as obj, phrase, verb } from "../verb-entry";

/** Auxiliaries and the most common irregular verbs. */
export const IRREGULAR_VERBS: readonly CuratedVerb[] = [
  verb("être", "be|was|been", {
    complements: [phrase("à la maison", "at home"), phrase("en retard", "late"), phrase("au bureau", "at the office")],
  }),
  verb("avoir", "have|had|had", {
    complements: [phrase("un chat", "a cat", "de chat"), phrase("une voiture", "a car", "de voiture")],
    objects: [
      obj("la clé", "the key"),
      obj("le billet", "the ticket"),
      obj("les billets", "the tickets", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("aller", "go|went|gone", {
    aux: "etre",
    complements: [phrase("au marché", "to the market"), phrase("à la plage", "to the beach")],
  }),
  verb("venir", "come|came|come", {
    aux: "etre",
    complements: [phrase("à la fête", "to the party"), phrase("de Paris", "from Paris")],
  }),
  verb("revenir", "come back|came back|come back", {
    aux: "etre",
    complements: [phrase("de l'école", "from school"), phrase("à la maison", "home")],
  }),
  verb("partir", "leave|left|left", {
    aux: "etre",
    complements: [phrase("en vacances", "on holiday"), phrase("pour Rome", "for Rome")],
  }),
  verb("faire", "do|did|done", {
    complements: [phrase("les courses", "the shopping"), phrase("la vaisselle", "the dishes")],
    objects: [
      obj("la vaisselle", "the dishes", { en_pronoun: "them" }),
      obj("le ménage", "the housework"),
      obj("les exercices", "the exercises", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("mettre", "set|set|set", {
    complements: [phrase("la table", "the table"), phrase("le réveil", "the alarm")],
    objects: [obj("la table", "the table"), obj("le réveil", "the alarm")],
  }),
  verb("prendre", "take|took|taken", {
    complements: [phrase("le bus", "the bus"), phrase("un café", "a coffee", "de café")],
    objects: [obj("le train", "the train"), obj("la voiture", "the car"), obj("les clés", "the keys", { gender: "f" })],
    rien: true,
  }),
  verb("comprendre", "understand|understood|understood", {
    complements: [phrase("la question", "the question"), phrase("le problème", "the problem")],
    objects: [
      obj("la question", "the question"),
      obj("le texte", "the text"),
      obj("les règles", "the rules", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("apprendre", "learn|learned|learned", {
    complements: [phrase("le français", "French"), phrase("la leçon", "the lesson")],
    objects: [
      obj("la leçon", "the lesson"),
      obj("le poème", "the poem"),
      obj("les verbes", "the verbs", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("pouvoir", "be able to|was able to|been able to", {
    complements: [phrase("venir à la fête", "come to the party"), phrase("nager", "swim")],
  }),
  verb("vouloir", "want|wanted|wanted", {
    complements: [phrase("un café", "a coffee", "de café"), phrase("la vérité", "the truth")],
    objects: [
      obj("le livre", "the book"),
      obj("la robe", "the dress"),
      obj("les billets", "the tickets", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("devoir", "have to|had to|had to", {
    modals: { present: "must", conditionnel: "should" },
    complements: [phrase("partir", "leave"), phrase("travailler", "work")],
  }),
  verb("savoir", "know|knew|known", {
    complements: [phrase("la réponse", "the answer"), phrase("nager", "how to swim")],
    objects: [
      obj("la réponse", "the answer"),
      obj("le poème", "the poem"),
      obj("les paroles", "the lyrics", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("voir", "see|saw|seen", {
    complements: [phrase("la mer", "the sea"), phrase("un film", "a film", "de film")],
    objects: [obj("la mer", "the sea"), obj("le film", "the film"), obj("les étoiles", "the stars", { gender: "f" })],
    rien: true,
  }),
  verb("dire", "tell|told|told", {
    coi: "to",
    complements: [
      phrase("la vérité à Paul", "the truth to Paul"),
      phrase("un secret à Marie", "a secret to Marie", "de secret à Marie"),
    ],
    objects: [
      obj("la vérité", "the truth"),
      obj("le secret", "the secret"),
      obj("les réponses", "the answers", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("lire", "read|read|read", {
    complements: [phrase("le journal", "the newspaper"), phrase("un roman", "a novel", "de roman")],
    objects: [
      obj("le livre", "the book"),
      obj("la lettre", "the letter"),
      obj("les journaux", "the newspapers", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("écrire", "write|wrote|written", {
    coi: "to",
    complements: [
      phrase("une lettre à Marie", "a letter to Marie", "de lettre à Marie"),
      phrase("le message à Paul", "the message to Paul"),
    ],
    objects: [
      obj("la lettre", "the letter"),
      obj("le message", "the message"),
      obj("les cartes", "the cards", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("décrire", "describe|described|described", {
    coi: "to",
    complements: [phrase("la maison à Paul", "the house to Paul"), phrase("le voyage à Marie", "the trip to Marie")],
    objects: [
      obj("la maison", "the house"),
      obj("le paysage", "the landscape"),
      obj("les photos", "the photos", { gender: "f" }),
    ],
  }),
  verb("boire", "drink|drank|drunk", {
    complements: [phrase("un café", "a coffee", "de café"), phrase("de l'eau", "water", "d'eau")],
    objects: [
      obj("le café", "the coffee"),
      obj("la limonade", "the lemonade"),
      obj("les jus", "the juices", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("ouvrir", "open|opened|opened", {
    complements: [phrase("la fenêtre", "the window"), phrase("la porte", "the door")],
    objects: [
      obj("la fenêtre", "the window"),
      obj("le paquet", "the parcel"),
      obj("les volets", "the shutters", { gender: "m" }),
    ],
  }),
  verb("offrir", "give|gave|given", {
    coi: "to",
    complements: [
      phrase("des fleurs à Marie", "flowers to Marie", "de fleurs à Marie"),
      phrase("un livre à Paul", "a book to Paul", "de livre à Paul"),
    ],
    objects: [
      obj("le cadeau", "the present"),
      obj("la montre", "the watch"),
      obj("les fleurs", "the flowers", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("découvrir", "discover|discovered|discovered", {
    complements: [phrase("la ville", "the town"), phrase("un trésor", "a treasure", "de trésor")],
    objects: [
      obj("la ville", "the town"),
      obj("le secret", "the secret"),
      obj("les ruines", "the ruins", { gender: "f" }),
    ],
  }),
  verb("recevoir", "receive|received|received", {
    complements: [phrase("une lettre", "a letter", "de lettre"), phrase("le colis", "the parcel")],
    objects: [
      obj("la lettre", "the letter"),
      obj("le colis", "the parcel"),
      obj("les résultats", "the results", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("croire", "believe|believed|believed", {
    complements: [phrase("cette histoire", "this story"), phrase("Paul", "Paul")],
    objects: [
      obj("l'histoire", "the story", { gender: "f" }),
      obj("le journaliste", "the journalist", { en_pronoun: "him" }),
      obj("les rumeurs", "the rumours", { gender: "f" }),
    ],
  }),
  verb("conduire", "drive|drove|driven", {
    complements: [phrase("la voiture", "the car"), phrase("un camion", "a truck", "de camion")],
    objects: [
      obj("la voiture", "the car"),
      obj("le camion", "the truck"),
      obj("les enfants", "the children", { gender: "m" }),
    ],
  }),
  verb("construire", "build|built|built", {
    complements: [phrase("une maison", "a house", "de maison"), phrase("le mur", "the wall")],
    objects: [
      obj("la maison", "the house"),
      obj("le mur", "the wall"),
      obj("les cabanes", "the huts", { gender: "f" }),
    ],
  }),
  verb("traduire", "translate|translated|translated", {
    complements: [phrase("le texte", "the text"), phrase("un article", "an article", "d'article")],
    objects: [
      obj("le texte", "the text"),
      obj("la lettre", "the letter"),
      obj("les phrases", "the sentences", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("rejoindre", "join|joined|joined", {
    complements: [
      phrase("les amis au café", "the friends at the café"),
      phrase("Paul à la gare", "Paul at the station"),
    ],
    objects: [
      obj("le groupe", "the group"),
      obj("la voisine", "the neighbour", { en_pronoun: "her" }),
      obj("les amis", "the friends", { gender: "m" }),
    ],
  }),
  verb("connaître", "know|knew|known", {
    complements: [phrase("la ville", "the town"), phrase("ce quartier", "this neighbourhood")],
    objects: [
      obj("la ville", "the town"),
      obj("le quartier", "the neighbourhood"),
      obj("les voisins", "the neighbours", { gender: "m" }),
    ],
  }),
  verb("attendre", "wait for|waited for|waited for", {
    complements: [phrase("le bus", "the bus"), phrase("Marie", "Marie")],
    objects: [
      obj("le train", "the train"),
      obj("la réponse", "the answer"),
      obj("les invités", "the guests", { gender: "m" }),
    ],
  }),
  verb("entendre", "hear|heard|heard", {
    complements: [phrase("la musique", "the music"), phrase("un bruit", "a noise", "de bruit")],
    objects: [
      obj("la sonnette", "the doorbell"),
      obj("le bruit", "the noise"),
      obj("les oiseaux", "the birds", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("perdre", "lose|lost|lost", {
    complements: [phrase("les clés", "the keys"), phrase("le match", "the match")],
    objects: [obj("la clé", "the key"), obj("le ticket", "the ticket"), obj("les clés", "the keys", { gender: "f" })],
    rien: true,
  }),
  verb("répondre", "answer|answered|answered", {
    coi: "",
    complements: [phrase("à la question", "the question"), phrase("au professeur", "the teacher")],
  }),
  verb("vendre", "sell|sold|sold", {
    coi: "to",
    complements: [phrase("la maison à Paul", "the house to Paul"), phrase("des légumes", "vegetables", "de légumes")],
    objects: [
      obj("la maison", "the house"),
      obj("le vélo", "the bike"),
      obj("les livres", "the books", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("rendre", "return|returned|returned", {
    coi: "to",
    complements: [
      phrase("le livre à la bibliothèque", "the book to the library"),
      phrase("la clé à Marie", "the key to Marie"),
    ],
    objects: [obj("le livre", "the book"), obj("la clé", "the key"), obj("les clés", "the keys", { gender: "f" })],
  }),
  verb("suivre", "follow|followed|followed", {
    complements: [phrase("le guide", "the guide"), phrase("les instructions", "the instructions")],
    objects: [
      obj("le guide", "the guide", { en_pronoun: "him" }),
      obj("la route", "the road"),
      obj("les instructions", "the instructions", { gender: "f" }),
    ],
  }),
  verb("vivre", "live|lived|lived", {
    complements: [phrase("à Lyon", "in Lyon"), phrase("à la campagne", "in the countryside")],
  }),
  verb("promettre", "promise|promised|promised", {
    coi: "to",
    complements: [
      phrase("une réponse à Paul", "an answer to Paul", "de réponse à Paul"),
      phrase("le voyage aux enfants", "the trip to the children"),
    ],
    objects: [
      obj("la réponse", "the answer"),
      obj("le voyage", "the trip"),
      obj("les vacances", "the holidays", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("dormir", "sleep|slept|slept", {
    complements: [phrase("dans le train", "on the train"), phrase("chez Paul", "at Paul's")],
  }),
  verb("courir", "run|ran|run", {
    complements: [phrase("dans le parc", "in the park"), phrase("jusqu'à la gare", "to the station")],
  }),
  verb("servir", "serve|served|served", {
    coi: "to",
    complements: [
      phrase("le dîner aux invités", "dinner to the guests"),
      phrase("un café à Marie", "a coffee to Marie", "de café à Marie"),
    ],
    objects: [
      obj("le dessert", "the dessert"),
      obj("la soupe", "the soup"),
      obj("les boissons", "the drinks", { gender: "f" }),
    ],
  }),
  verb("mentir", "lie|lied|lied", {
    coi: "to",
    complements: [phrase("à Paul", "to Paul"), phrase("aux voisins", "to the neighbours")],
  }),
  verb("sourire", "smile|smiled|smiled", {
    coi: "at",
    complements: [phrase("aux enfants", "at the children"), phrase("à Marie", "at Marie")],
  }),
  verb("tenir", "hold|held|held", {
    complements: [phrase("la rampe", "the handrail"), phrase("le sac", "the bag")],
    objects: [obj("la corde", "the rope"), obj("le sac", "the bag"), obj("les cartes", "the cards", { gender: "f" })],
  }),
  verb("obtenir", "obtain|obtained|obtained", {
    complements: [phrase("le diplôme", "the diploma"), phrase("un visa", "a visa", "de visa")],
    objects: [
      obj("le diplôme", "the diploma"),
      obj("la place", "the seat"),
      obj("les billets", "the tickets", { gender: "m" }),
    ],
  }),
];
