import { type CuratedVerb, directObject as obj, phrase, verb } from "./verb-entry";

/**
 * The verbs the template generator knows, hand-picked for everyday use. Each complement is chosen to read naturally
 * in every supported tense: no time adverbs ("demain", "hier") that clash with a tense, no adjectives whose
 * agreement would depend on the subject, no possessives that would depend on it either. Verbs whose auxiliary
 * changes with transitivity (monter, sortir, passer...) are left out, so "wrong auxiliary" is always wrong.
 */
export const CURATED_VERBS: readonly CuratedVerb[] = [
  // Auxiliaries and the most common irregular verbs.
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

  // First group (-er), conjugated with avoir.
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

  // First group verbs conjugated with être.
  verb("arriver", "arrive|arrived|arrived", {
    aux: "etre",
    complements: [phrase("à la gare", "at the station"), phrase("en retard", "late")],
  }),
  verb("rester", "stay|stayed|stayed", {
    aux: "etre",
    complements: [phrase("à la maison", "at home"), phrase("chez Paul", "at Paul's")],
  }),
  verb("entrer", "go|went|gone", {
    aux: "etre",
    complements: [phrase("dans la salle", "into the room"), phrase("dans la cuisine", "into the kitchen")],
  }),
  verb("tomber", "fall|fell|fallen", {
    aux: "etre",
    complements: [phrase("dans l'escalier", "down the stairs"), phrase("de vélo", "off the bike")],
  }),

  // Reflexive verbs: always être, the participle agrees with the subject (se is their direct object).
  verb("se lever", "get up|got up|got up", {
    complements: [phrase("tôt", "early"), phrase("à sept heures", "at seven o'clock")],
  }),
  verb("se coucher", "go to bed|went to bed|gone to bed", {
    complements: [phrase("tard", "late"), phrase("à dix heures", "at ten o'clock")],
  }),
  verb("se réveiller", "wake up|woke up|woken up", {
    complements: [phrase("tôt", "early"), phrase("à six heures", "at six o'clock")],
  }),
  verb("se laver", "wash|washed|washed", {
    complements: [phrase("le matin", "in the morning"), phrase("avec soin", "carefully")],
  }),
  verb("s'habiller", "get dressed|got dressed|got dressed", {
    complements: [phrase("vite", "quickly"), phrase("pour la fête", "for the party")],
  }),
  verb("se promener", "go for a walk|went for a walk|gone for a walk", {
    complements: [phrase("dans le parc", "in the park"), phrase("au bord de la mer", "by the sea")],
  }),
  verb("se reposer", "rest|rested|rested", {
    complements: [phrase("après le travail", "after work"), phrase("à la maison", "at home")],
  }),
  verb("se dépêcher", "hurry|hurried|hurried", {
    complements: [
      phrase("pour prendre le train", "to catch the train"),
      phrase("pour arriver à l'heure", "to arrive on time"),
    ],
  }),
  verb("s'amuser", "have fun|had fun|had fun", {
    complements: [phrase("au parc", "at the park"), phrase("avec les enfants", "with the children")],
  }),
  verb("se préparer", "get ready|got ready|got ready", {
    complements: [phrase("pour la fête", "for the party"), phrase("pour l'examen", "for the exam")],
  }),
  verb("s'occuper", "take care|took care|taken care", {
    complements: [phrase("du jardin", "of the garden"), phrase("des enfants", "of the children")],
  }),
  verb("s'intéresser", "be interested|was interested|been interested", {
    complements: [phrase("à la musique", "in music"), phrase("à l'histoire", "in history")],
  }),
  verb("se baigner", "swim|swam|swum", {
    complements: [phrase("dans le lac", "in the lake"), phrase("à la plage", "at the beach")],
  }),
  verb("s'arrêter", "stop|stopped|stopped", {
    complements: [phrase("au feu rouge", "at the red light"), phrase("devant la gare", "in front of the station")],
  }),
  verb("s'inquiéter", "worry|worried|worried", {
    complements: [phrase("pour Paul", "about Paul"), phrase("pour l'examen", "about the exam")],
  }),
  verb("s'ennuyer", "get bored|got bored|got bored", {
    complements: [phrase("au travail", "at work"), phrase("pendant le cours", "during the lesson")],
  }),
  verb("s'entraîner", "train|trained|trained", {
    complements: [phrase("au stade", "at the stadium"), phrase("pour le marathon", "for the marathon")],
  }),
  verb("s'excuser", "apologise|apologised|apologised", {
    complements: [phrase("auprès de Marie", "to Marie"), phrase("pour le retard", "for the delay")],
  }),
  verb("se souvenir", "remember|remembered|remembered", {
    complements: [phrase("de cette journée", "this day"), phrase("de Paul", "Paul")],
  }),
  verb("s'endormir", "fall asleep|fell asleep|fallen asleep", {
    complements: [phrase("tôt", "early"), phrase("devant la télévision", "in front of the television")],
  }),
  verb("se perdre", "get lost|got lost|got lost", {
    complements: [phrase("dans la ville", "in the town"), phrase("en forêt", "in the forest")],
  }),

  // Second group (-ir, nous -issons).
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
