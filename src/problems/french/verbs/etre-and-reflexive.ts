import { type CuratedVerb, phrase, verb } from "../verb-entry";

/** Verbs conjugated with être: a few first group ones and the reflexives. */
export const ETRE_AND_REFLEXIVE_VERBS: readonly CuratedVerb[] = [
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
];
