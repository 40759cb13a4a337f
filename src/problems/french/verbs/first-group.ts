import { type CuratedVerb, directObject as obj, phrase, verb } from "../verb-entry";

/** First group (-er) verbs conjugated with avoir, apart from the giving-and-telling ones. */
export const FIRST_GROUP_VERBS: readonly CuratedVerb[] = [
  verb("parler", "speak|spoke|spoken", {
    coi: "to",
    complements: [phrase("à Marie", "to Marie"), phrase("au professeur", "to the teacher")],
  }),
  verb("manger", "eat|ate|eaten", {
    complements: [phrase("une pomme", "an apple", "de pomme"), phrase("le pain", "the bread")],
    objects: [
      obj("la pomme", "the apple"),
      obj("le gâteau", "the cake"),
      obj("les fraises", "the strawberries", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("regarder", "watch|watched|watched", {
    complements: [phrase("un film", "a film", "de film"), phrase("la télévision", "television")],
    objects: [
      obj("le film", "the film"),
      obj("la série", "the series"),
      obj("les matchs", "the matches", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("écouter", "listen to|listened to|listened to", {
    complements: [phrase("la radio", "the radio"), phrase("de la musique", "music", "de musique")],
    objects: [
      obj("la chanson", "the song"),
      obj("le podcast", "the podcast"),
      obj("les chansons", "the songs", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("aimer", "like|liked|liked", {
    complements: [phrase("le chocolat", "chocolate"), phrase("les films d'action", "action films")],
    objects: [
      obj("la musique", "the music"),
      obj("le chocolat", "the chocolate"),
      obj("les fleurs", "the flowers", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("chercher", "look for|looked for|looked for", {
    complements: [phrase("les clés", "the keys"), phrase("un appartement", "an apartment", "d'appartement")],
    objects: [obj("la clé", "the key"), obj("le chat", "the cat"), obj("les lunettes", "the glasses", { gender: "f" })],
    rien: true,
  }),
  verb("trouver", "find|found|found", {
    complements: [phrase("la réponse", "the answer"), phrase("un travail", "a job", "de travail")],
    objects: [
      obj("la solution", "the solution"),
      obj("le chemin", "the way"),
      obj("les clés", "the keys", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("acheter", "buy|bought|bought", {
    complements: [phrase("du pain", "bread", "de pain"), phrase("une voiture", "a car", "de voiture")],
    objects: [
      obj("la voiture", "the car"),
      obj("le journal", "the newspaper"),
      obj("les billets", "the tickets", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("téléphoner", "call|called|called", {
    coi: "",
    complements: [phrase("à Marie", "Marie"), phrase("au médecin", "the doctor")],
  }),
  verb("ressembler", "look like|looked like|looked like", {
    coi: "",
    complements: [phrase("à Paul", "Paul"), phrase("à Marie", "Marie")],
  }),
  verb("jouer", "play|played|played", {
    complements: [phrase("au football", "football"), phrase("avec les enfants", "with the children")],
  }),
  verb("travailler", "work|worked|worked", {
    complements: [phrase("au bureau", "at the office"), phrase("à la maison", "at home")],
  }),
  verb("habiter", "live|lived|lived", {
    complements: [phrase("à Paris", "in Paris"), phrase("près de la gare", "near the station")],
  }),
  verb("chanter", "sing|sang|sung", {
    complements: [phrase("une chanson", "a song", "de chanson"), phrase("l'hymne national", "the national anthem")],
    objects: [
      obj("la chanson", "the song"),
      obj("le refrain", "the chorus"),
      obj("les chansons", "the songs", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("danser", "dance|danced|danced", {
    complements: [phrase("avec Paul", "with Paul"), phrase("à la fête", "at the party")],
  }),
  verb("marcher", "walk|walked|walked", {
    complements: [phrase("dans le parc", "in the park"), phrase("jusqu'à la gare", "to the station")],
  }),
  verb("nager", "swim|swam|swum", {
    complements: [phrase("dans la mer", "in the sea"), phrase("à la piscine", "at the pool")],
  }),
  verb("voyager", "travel|travelled|travelled", {
    complements: [phrase("en train", "by train"), phrase("en Italie", "to Italy")],
  }),
  verb("penser", "think|thought|thought", {
    complements: [phrase("à Marie", "of Marie"), phrase("aux vacances", "about the holidays")],
  }),
  verb("visiter", "visit|visited|visited", {
    complements: [phrase("le musée", "the museum"), phrase("une église", "a church", "d'église")],
    objects: [
      obj("le musée", "the museum"),
      obj("la ville", "the town"),
      obj("les monuments", "the monuments", { gender: "m" }),
    ],
  }),
  verb("laver", "wash|washed|washed", {
    complements: [phrase("la voiture", "the car"), phrase("les assiettes", "the plates")],
    objects: [
      obj("la voiture", "the car"),
      obj("le chien", "the dog"),
      obj("les verres", "the glasses", { gender: "m" }),
    ],
  }),
  verb("préparer", "prepare|prepared|prepared", {
    complements: [phrase("le dîner", "dinner"), phrase("un gâteau", "a cake", "de gâteau")],
    objects: [
      obj("le dîner", "the dinner"),
      obj("la soupe", "the soup"),
      obj("les sandwichs", "the sandwiches", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("porter", "carry|carried|carried", {
    complements: [phrase("la valise", "the suitcase"), phrase("un sac lourd", "a heavy bag", "de sac lourd")],
    objects: [
      obj("la valise", "the suitcase"),
      obj("le sac", "the bag"),
      obj("les cartons", "the boxes", { gender: "m" }),
    ],
  }),
  verb("oublier", "forget|forgot|forgotten", {
    complements: [phrase("le rendez-vous", "the appointment"), phrase("les clés", "the keys")],
    objects: [
      obj("le parapluie", "the umbrella"),
      obj("la date", "the date"),
      obj("les clés", "the keys", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("commencer", "start|started|started", {
    complements: [phrase("le travail", "work"), phrase("la leçon", "the lesson")],
    objects: [
      obj("le projet", "the project"),
      obj("la leçon", "the lesson"),
      obj("les travaux", "the works", { gender: "m" }),
    ],
  }),
  verb("appeler", "call|called|called", {
    complements: [phrase("le médecin", "the doctor"), phrase("un taxi", "a taxi", "de taxi")],
    objects: [
      obj("le médecin", "the doctor", { en_pronoun: "him" }),
      obj("la voisine", "the neighbour", { en_pronoun: "her" }),
      obj("les enfants", "the children", { gender: "m" }),
    ],
  }),
  verb("préférer", "prefer|preferred|preferred", {
    complements: [phrase("le thé", "tea"), phrase("la mer", "the sea")],
    objects: [obj("le thé", "the tea"), obj("la mer", "the sea"), obj("les pommes", "the apples", { gender: "f" })],
  }),
  verb("rencontrer", "meet|met|met", {
    complements: [phrase("un ami", "a friend", "d'ami"), phrase("le directeur", "the director")],
    objects: [
      obj("le directeur", "the director", { en_pronoun: "him" }),
      obj("la voisine", "the neighbour", { en_pronoun: "her" }),
      obj("les voisins", "the neighbours", { gender: "m" }),
    ],
  }),
  verb("aider", "help|helped|helped", {
    complements: [phrase("les voisins", "the neighbours"), phrase("Marie", "Marie")],
    objects: [
      obj("le voisin", "the neighbour", { en_pronoun: "him" }),
      obj("la voisine", "the neighbour", { en_pronoun: "her" }),
      obj("les enfants", "the children", { gender: "m" }),
    ],
  }),
  verb("inviter", "invite|invited|invited", {
    complements: [phrase("les voisins", "the neighbours"), phrase("Paul", "Paul")],
    objects: [
      obj("le voisin", "the neighbour", { en_pronoun: "him" }),
      obj("la voisine", "the neighbour", { en_pronoun: "her" }),
      obj("les amis", "the friends", { gender: "m" }),
    ],
  }),
  verb("étudier", "study|studied|studied", {
    complements: [phrase("l'histoire", "history"), phrase("la chimie", "chemistry")],
    objects: [
      obj("le dossier", "the file"),
      obj("la question", "the question"),
      obj("les documents", "the documents", { gender: "m" }),
    ],
  }),
  verb("garder", "keep|kept|kept", {
    complements: [phrase("le secret", "the secret"), phrase("les tickets", "the tickets")],
    objects: [
      obj("le secret", "the secret"),
      obj("la monnaie", "the change"),
      obj("les photos", "the photos", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("gagner", "win|won|won", {
    complements: [phrase("le match", "the match"), phrase("un prix", "a prize", "de prix")],
    objects: [
      obj("le match", "the match"),
      obj("la course", "the race"),
      obj("les médailles", "the medals", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("quitter", "leave|left|left", {
    complements: [phrase("la maison", "the house"), phrase("le bureau", "the office")],
    objects: [
      obj("la ville", "the town"),
      obj("le bureau", "the office"),
      obj("les lieux", "the premises", { gender: "m" }),
    ],
  }),
  verb("utiliser", "use|used|used", {
    complements: [phrase("l'ordinateur", "the computer"), phrase("un dictionnaire", "a dictionary", "de dictionnaire")],
    objects: [
      obj("l'ordinateur", "the computer", { gender: "m" }),
      obj("la voiture", "the car"),
      obj("les outils", "the tools", { gender: "m" }),
    ],
    rien: true,
  }),
  verb("dessiner", "draw|drew|drawn", {
    complements: [phrase("un arbre", "a tree", "d'arbre"), phrase("la maison", "the house")],
    objects: [
      obj("le chat", "the cat"),
      obj("la maison", "the house"),
      obj("les fleurs", "the flowers", { gender: "f" }),
    ],
    rien: true,
  }),
  verb("fermer", "close|closed|closed", {
    complements: [phrase("la porte", "the door"), phrase("les volets", "the shutters")],
    objects: [
      obj("la porte", "the door"),
      obj("le magasin", "the shop"),
      obj("les fenêtres", "the windows", { gender: "f" }),
    ],
  }),
  verb("cuisiner", "cook|cooked|cooked", {
    complements: [phrase("des légumes", "vegetables", "de légumes"), phrase("le poisson", "the fish")],
    objects: [
      obj("le poisson", "the fish"),
      obj("la viande", "the meat"),
      obj("les légumes", "the vegetables", { gender: "m" }),
    ],
    rien: true,
  }),
];
