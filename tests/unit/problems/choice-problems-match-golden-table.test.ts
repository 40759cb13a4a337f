import { describe, expect, test } from "bun:test";
import type { SubjectPronoun } from "../../../src/problems/french/subjects";
import type { Complement } from "../../../src/problems/french/verb-entry";
import type { ChoiceOptions } from "../../../src/problems/planner/choice";
import { moodOptions } from "../../../src/problems/planner/mood-problems";
import { negationOptions } from "../../../src/problems/planner/negation-problems";
import { narrativeOptions, siOptions } from "../../../src/problems/planner/tense-choice-problems";
import type { MistakeKind, Tense } from "../../../src/problems/types";
import { curatedVerb } from "./support/clauses";

function complement(verb: string, fr: string): Complement {
  const found = curatedVerb(verb).complements.find((c) => c.fr === fr);
  if (!found) throw new Error(`${verb} has no complement "${fr}"`);
  return found;
}

const negation = (verb: string, tense: Tense, subject: SubjectPronoun) =>
  negationOptions(curatedVerb(verb), tense, subject);
const mood = (verb: string, subject: SubjectPronoun, fr: string) =>
  moodOptions(curatedVerb(verb), subject, complement(verb, fr));
const narrative = (verb: string, subject: SubjectPronoun, fr: string, context: "background" | "bounded") =>
  narrativeOptions(curatedVerb(verb), subject, complement(verb, fr), context);
const si = (verb: string, subject: SubjectPronoun, fr: string) =>
  siOptions(curatedVerb(verb), subject, complement(verb, fr));

interface CorrectRow {
  options: () => ChoiceOptions;
  sentence: string;
  translation: string;
}

interface WrongRow {
  options: () => ChoiceOptions;
  wrong: string;
  kind: MistakeKind;
  explanation: string;
}

// Written by hand from the grammar rules, not copied from the output: the correct sentences with their English, and
// for each wrong sentence the mistake a teacher would name and the words they would use.
const CORRECT: CorrectRow[] = [
  {
    options: () => negation("voir", "passe_compose", "je"),
    sentence: "Je n'ai vu personne.",
    translation: "I did not see anyone.",
  },
  {
    options: () => negation("voir", "passe_compose", "je"),
    sentence: "Je n'ai rien vu.",
    translation: "I saw nothing.",
  },
  {
    options: () => negation("voir", "passe_compose", "je"),
    sentence: "Je n'ai vu aucun film.",
    translation: "I did not see any film.",
  },
  {
    options: () => negation("voir", "passe_compose", "je"),
    sentence: "Je n'ai vu qu'un film.",
    translation: "I saw only one film.",
  },
  {
    options: () => negation("inviter", "plus_que_parfait", "elle"),
    sentence: "Elle n'avait invité qu'une amie.",
    translation: "She had invited only one friend.",
  },
  {
    options: () => negation("attendre", "imparfait", "nous"),
    sentence: "Nous n'attendions personne.",
    translation: "We were not waiting for anyone.",
  },
  {
    options: () => mood("venir", "tu", "à la fête"),
    sentence: "Il faut que tu viennes à la fête.",
    translation: "You have to come to the party.",
  },
  {
    options: () => mood("venir", "tu", "à la fête"),
    sentence: "Je pense que tu viens à la fête.",
    translation: "I think you are coming to the party.",
  },
  {
    options: () => mood("venir", "il", "à la fête"),
    sentence: "Mes parents veulent qu'il vienne à la fête.",
    translation: "My parents want him to come to the party.",
  },
  {
    options: () => mood("aller", "vous", "au marché"),
    sentence: "Paul n'est pas content, bien que vous alliez au marché.",
    translation: "Paul is not happy, although you go to the market.",
  },
  {
    options: () => mood("être", "nous", "à la maison"),
    sentence: "Il est probable que nous sommes à la maison.",
    translation: "It is likely that we are at home.",
  },
  {
    options: () => mood("finir", "tu", "le travail"),
    sentence: "Paul partira après que tu auras fini le travail.",
    translation: "Paul will leave after you have finished the work.",
  },
  {
    options: () => narrative("lire", "je", "le journal", "background"),
    sentence: "Je lisais le journal depuis une heure quand Paul est arrivé.",
    translation: "I had been reading the newspaper for an hour when Paul arrived.",
  },
  {
    options: () => narrative("nager", "nous", "à la piscine", "bounded"),
    sentence: "Hier, nous avons nagé à la piscine pendant deux heures.",
    translation: "Yesterday, we swam at the pool for two hours.",
  },
  {
    options: () => si("venir", "il", "à la fête"),
    sentence: "S'il vient à la fête, Paul sera surpris.",
    translation: "If he comes to the party, Paul will be surprised.",
  },
  {
    options: () => si("venir", "il", "à la fête"),
    sentence: "S'il venait à la fête, Paul serait surpris.",
    translation: "If he came to the party, Paul would be surprised.",
  },
  {
    options: () => si("venir", "il", "à la fête"),
    sentence: "S'il était venu à la fête, Paul aurait été surpris.",
    translation: "If he had come to the party, Paul would have been surprised.",
  },
  {
    options: () => si("faire", "elles", "les courses"),
    sentence: "Si elles faisaient les courses, Paul serait surpris.",
    translation: "If they did the shopping, Paul would be surprised.",
  },
];

const WRONG: WrongRow[] = [
  {
    options: () => negation("voir", "passe_compose", "je"),
    wrong: "Je n'ai pas vu personne.",
    kind: "negation_pas",
    explanation:
      "«personne» completes the negation on its own, so there is no «pas»: «n'ai vu personne», not «n'ai pas vu personne».",
  },
  {
    options: () => negation("voir", "passe_compose", "je"),
    wrong: "Je n'ai personne vu.",
    kind: "negation_placement",
    explanation:
      "In a compound tense «personne» comes after the past participle: «n'ai vu personne», not «n'ai personne vu».",
  },
  {
    options: () => negation("voir", "passe_compose", "je"),
    wrong: "Je n'ai vu rien.",
    kind: "negation_placement",
    explanation:
      "In a compound tense «rien» comes between the auxiliary and the past participle: «n'ai rien vu», not «n'ai vu rien».",
  },
  {
    options: () => negation("attendre", "present", "tu"),
    wrong: "Tu n'attends aucun lettre.",
    kind: "negation_agreement",
    explanation: "«lettre» is feminine, so «aucune»: «n'attends aucune lettre», not «n'attends aucun lettre».",
  },
  {
    options: () => negation("manger", "future_simple", "il"),
    wrong: "Il ne mangera aucun gâteaux.",
    kind: "negation_agreement",
    explanation: "«aucun» is followed by a singular noun: «ne mangera aucun gâteau», not «ne mangera aucun gâteaux».",
  },
  {
    options: () => negation("prendre", "present", "elles"),
    wrong: "Elles ne prennent pas aucune photo.",
    kind: "negation_pas",
    explanation:
      "«aucune» completes the negation on its own, so there is no «pas»: «ne prennent aucune photo», not «ne prennent pas aucune photo».",
  },
  {
    options: () => negation("boire", "passe_compose", "nous"),
    wrong: "Nous n'avons bu que d'eau.",
    kind: "negation_article",
    explanation:
      "«ne ... que» means \"only\" and is not a true negation, so the article stays: «n'avons bu que de l'eau», not «n'avons bu que d'eau».",
  },
  {
    options: () => mood("venir", "tu", "à la fête"),
    wrong: "Il faut que tu viens à la fête.",
    kind: "wrong_mood",
    explanation:
      "«il faut que» expresses a necessity, so it takes the subjunctive: «que tu viennes», not «que tu viens».",
  },
  {
    options: () => mood("venir", "tu", "à la fête"),
    wrong: "Je pense que tu viennes à la fête.",
    kind: "wrong_mood",
    explanation:
      "«penser que» in the affirmative presents the fact as true, so it takes the indicative: «que tu viens», not «que tu viennes».",
  },
  {
    // The subjunctive starts with a vowel, so «que je» becomes «que j'».
    options: () => mood("aller", "je", "au marché"),
    wrong: "Il faut que je vais au marché.",
    kind: "wrong_mood",
    explanation: "«il faut que» expresses a necessity, so it takes the subjunctive: «que j'aille», not «que je vais».",
  },
  {
    // «fait» alone would not do: «Marie fait tout» writes it in the correct sentence too.
    options: () => mood("faire", "elle", "les courses"),
    wrong: "Marie fait tout pour qu'elle fait les courses.",
    kind: "wrong_mood",
    explanation: "«pour que» expresses a purpose, so it takes the subjunctive: «qu'elle fasse», not «qu'elle fait».",
  },
  {
    options: () => mood("être", "nous", "à la maison"),
    wrong: "Il est probable que nous soyons à la maison.",
    kind: "wrong_mood",
    explanation:
      "«il est probable que» presents the fact as likely, so it takes the indicative, unlike «il est possible que»: «que nous sommes», not «que nous soyons».",
  },
  {
    options: () => mood("aller", "vous", "au marché"),
    wrong: "Paul n'est pas content, bien que vous allez au marché.",
    kind: "wrong_mood",
    explanation: "«bien que» always takes the subjunctive: «que vous alliez», not «que vous allez».",
  },
  {
    options: () => mood("aller", "elle", "au marché"),
    wrong: "Paul partira après qu'elle soit allée au marché.",
    kind: "wrong_mood",
    explanation:
      "«après que» states a fact that will have happened, so it takes the indicative (here the futur antérieur): «qu'elle sera allée», not «qu'elle soit allée».",
  },
  {
    options: () => narrative("lire", "je", "le journal", "background"),
    wrong: "J'ai lu le journal depuis une heure quand Paul est arrivé.",
    kind: "wrong_tense",
    explanation:
      "An action already under way when something happened («depuis une heure quand Paul est arrivé») is in the imparfait: «je lisais», not «j'ai lu».",
  },
  {
    options: () => narrative("nager", "nous", "à la piscine", "bounded"),
    wrong: "Hier, nous nagions à la piscine pendant deux heures.",
    kind: "wrong_tense",
    explanation:
      "A finished past action of a set length («hier», «pendant deux heures») is in the passé composé: «nous avons nagé», not «nous nagions».",
  },
  {
    options: () => si("venir", "il", "à la fête"),
    wrong: "S'il viendra à la fête, Paul sera surpris.",
    kind: "wrong_tense",
    explanation: "«si» is never followed by the future or the conditional: «s'il vient», not «s'il viendra».",
  },
  {
    options: () => si("venir", "il", "à la fête"),
    wrong: "S'il serait venu à la fête, Paul aurait été surpris.",
    kind: "wrong_tense",
    explanation: "«si» is never followed by the future or the conditional: «s'il était venu», not «s'il serait venu».",
  },
  {
    options: () => si("venir", "il", "à la fête"),
    wrong: "S'il vient à la fête, Paul serait surpris.",
    kind: "wrong_tense",
    explanation: "After «si» + present, the main clause is in the future: «Paul sera», not «Paul serait».",
  },
  {
    options: () => si("venir", "il", "à la fête"),
    wrong: "S'il venait à la fête, Paul sera surpris.",
    kind: "wrong_tense",
    explanation:
      "After «si» + imparfait, the main clause is in the present conditional: «Paul serait», not «Paul sera».",
  },
  {
    options: () => si("venir", "il", "à la fête"),
    wrong: "S'il était venu à la fête, Paul aura été surpris.",
    kind: "wrong_tense",
    explanation:
      "After «si» + plus-que-parfait, the main clause is in the past conditional: «Paul aurait été», not «Paul aura été».",
  },
];

describe("choice problems write the correct sentences a teacher would", () => {
  test.each(CORRECT.map((row) => [row.sentence, row] as const))("%s", (_sentence, row) => {
    const found = row.options().correct.find((s) => s.sentence === row.sentence);
    expect(found).toBeDefined();
    expect(found?.error).toBeNull();
    expect(found?.translation).toBe(row.translation);
  });
});

describe("choice problems explain each wrong sentence by what differs on the page", () => {
  test.each(WRONG.map((row) => [row.wrong, row] as const))("%s", (_wrong, row) => {
    const found = row.options().wrong.find((s) => s.sentence === row.wrong);
    expect(found).toBeDefined();
    expect(found?.error?.kind).toBe(row.kind);
    expect(found?.error?.explanation).toBe(row.explanation);
  });
});

describe("sentences that are correct French are never offered as wrong", () => {
  test("no «pas» is added to «que» («ne ... pas que» means not only) nor to «rien» («pas rien»)", () => {
    const wrong = negation("voir", "passe_compose", "je").wrong.map((s) => s.sentence);
    expect(wrong.filter((s) => /pas (qu|rien)/.test(s))).toEqual([]);
  });

  test("si + present with a present, and the mixed conditionals, are never wrong", () => {
    const wrong = si("venir", "il", "à la fête").wrong.map((s) => s.sentence);
    for (const correct of [
      "S'il vient à la fête, Paul est surpris.",
      "S'il était venu à la fête, Paul serait surpris.",
      "S'il venait à la fête, Paul aurait été surpris.",
    ])
      expect(wrong).not.toContain(correct);
  });

  test("«je pense que», «je crois que», «j'espère que» and «je doute que» never have je after them", () => {
    const sentences = mood("venir", "je", "à la fête").correct.map((s) => s.sentence);
    expect(sentences.filter((s) => /^(Je pense|Je crois|J'espère|Je doute) que je/.test(s))).toEqual([]);
    expect(sentences).toContain("Il faut que je vienne à la fête.");
  });
});

describe("what decides the answer before the subject travels as the lead, the rest as the tested form", () => {
  test.each([
    [() => mood("venir", "il", "à la fête"), "Il faut qu'il vienne à la fête.", "Il faut qu'", "vienne à la fête"],
    [
      () => si("venir", "il", "à la fête"),
      "S'il vient à la fête, Paul sera surpris.",
      "S'",
      "vient à la fête, Paul sera surpris",
    ],
    [
      () => narrative("nager", "nous", "à la piscine", "bounded"),
      "Hier, nous avons nagé à la piscine pendant deux heures.",
      "Hier,",
      "avons nagé à la piscine pendant deux heures",
    ],
    [() => negation("voir", "passe_compose", "je"), "Je n'ai vu personne.", null, "n'ai vu personne"],
  ] as const)("%#: %s", (options, sentence, lead, testedForm) => {
    const found = options().correct.find((s) => s.sentence === sentence);
    expect([found?.lead, found?.tested_form]).toEqual([lead, testedForm]);
  });
});
