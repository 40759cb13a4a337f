import { describe, expect, test } from "bun:test";
import { renderFrench } from "../../../src/problems/french/french-clause";
import type { ErrorKind } from "../../../src/problems/planner/plan";
import { wrongOptions } from "../../../src/problems/planner/wrong-statements";
import { type ClauseSpec, clause } from "./support/clauses";
import { type SetupSpec, setup } from "./support/setups";

type Sentence = ClauseSpec & { expected: string };

// Written by hand from the grammar rules, not copied from the builder's output.
const COMMANDS: Sentence[] = [
  { subject: "tu", verb: "donner", tense: "imperatif", pronouns: ["le", "me"], expected: "Donne-le-moi." },
  { subject: "vous", verb: "donner", tense: "imperatif", pronouns: ["les m", "lui"], expected: "Donnez-les-lui." },
  { subject: "tu", verb: "aller", tense: "imperatif", pronouns: ["y"], expected: "Vas-y." },
  { subject: "nous", verb: "aller", tense: "imperatif", pronouns: ["y"], expected: "Allons-y." },
  { subject: "tu", verb: "prendre", tense: "imperatif", pronouns: ["en"], expected: "Prends-en." },
  { subject: "tu", verb: "manger", tense: "imperatif", pronouns: ["en"], expected: "Manges-en." },
  { subject: "tu", verb: "rester", tense: "imperatif", pronouns: ["y"], expected: "Restes-y." },
  { subject: "tu", verb: "donner", tense: "imperatif", pronouns: ["me", "en"], expected: "Donne-m'en." },
  { subject: "tu", verb: "donner", tense: "imperatif", pronouns: ["lui", "en"], expected: "Donne-lui-en." },
  { subject: "vous", verb: "répondre", tense: "imperatif", pronouns: ["me"], expected: "Répondez-moi." },
  { subject: "tu", verb: "acheter", tense: "imperatif", pronouns: ["la"], expected: "Achète-la." },
  {
    subject: "tu",
    verb: "donner",
    tense: "imperatif",
    pronouns: ["lui"],
    complement: "le livre",
    expected: "Donne-lui le livre.",
  },
  // Negative commands keep the order of a statement.
  {
    subject: "tu",
    verb: "donner",
    tense: "imperatif",
    negation: "pas",
    pronouns: ["le", "me"],
    expected: "Ne me le donne pas.",
  },
  { subject: "tu", verb: "aller", tense: "imperatif", negation: "pas", pronouns: ["y"], expected: "N'y va pas." },
  {
    subject: "vous",
    verb: "manger",
    tense: "imperatif",
    negation: "jamais",
    pronouns: ["en"],
    expected: "N'en mangez jamais.",
  },
  {
    subject: "tu",
    verb: "acheter",
    tense: "imperatif",
    negation: "pas",
    pronouns: ["le"],
    expected: "Ne l'achète pas.",
  },
  {
    subject: "nous",
    verb: "donner",
    tense: "imperatif",
    negation: "plus",
    pronouns: ["lui", "en"],
    expected: "Ne lui en donnons plus.",
  },
];

const imperative = (
  mistake: "declarative_order" | "affirmative_order" | "pronoun_form" | "no_hyphen" | "s_dropped" | "s_added",
) => ({ kind: "imperative", mistake }) as const;

// The distractors a command problem offers.
const COMMAND_MISTAKES: Sentence[] = [
  {
    subject: "tu",
    verb: "donner",
    tense: "imperatif",
    pronouns: ["le", "me"],
    deviation: imperative("declarative_order"),
    expected: "Me le donne.",
  },
  {
    subject: "tu",
    verb: "donner",
    tense: "imperatif",
    negation: "pas",
    pronouns: ["le", "me"],
    deviation: imperative("affirmative_order"),
    expected: "Ne donne-le-moi pas.",
  },
  {
    subject: "tu",
    verb: "donner",
    tense: "imperatif",
    pronouns: ["le", "me"],
    deviation: imperative("pronoun_form"),
    expected: "Donne-le-me.",
  },
  {
    subject: "tu",
    verb: "donner",
    tense: "imperatif",
    pronouns: ["me", "en"],
    deviation: imperative("pronoun_form"),
    expected: "Donne-moi-en.",
  },
  {
    subject: "tu",
    verb: "donner",
    tense: "imperatif",
    pronouns: ["le", "me"],
    deviation: imperative("no_hyphen"),
    expected: "Donne le moi.",
  },
  {
    subject: "tu",
    verb: "aller",
    tense: "imperatif",
    pronouns: ["y"],
    deviation: imperative("s_dropped"),
    expected: "Va-y.",
  },
  {
    subject: "tu",
    verb: "donner",
    tense: "imperatif",
    pronouns: ["le", "me"],
    deviation: imperative("s_added"),
    expected: "Donnes-le-moi.",
  },
  {
    subject: "tu",
    verb: "donner",
    tense: "imperatif",
    negation: "pas",
    pronouns: ["le"],
    deviation: imperative("s_added"),
    expected: "Ne le donnes pas.",
  },
  {
    subject: "tu",
    verb: "donner",
    tense: "imperatif",
    pronouns: ["le", "me"],
    deviation: { kind: "order" },
    expected: "Donne-moi-le.",
  },
];

const Y_AND_EN: Sentence[] = [
  { subject: "je", verb: "aller", tense: "present", pronouns: ["y"], expected: "J'y vais." },
  { subject: "elle", verb: "aller", tense: "passe_compose", pronouns: ["y"], expected: "Elle y est allée." },
  // No agreement with en, whatever it stands for.
  { subject: "je", verb: "manger", tense: "passe_compose", pronouns: ["en"], expected: "J'en ai mangé." },
  { subject: "je", verb: "donner", tense: "passe_compose", pronouns: ["lui", "en"], expected: "Je lui en ai donné." },
  {
    subject: "il",
    verb: "manger",
    tense: "present",
    negation: "pas",
    pronouns: ["en"],
    expected: "Il n'en mange pas.",
  },
  {
    subject: "nous",
    verb: "être",
    tense: "present",
    negation: "pas",
    pronouns: ["y"],
    expected: "Nous n'y sommes pas.",
  },
  { subject: "tu", verb: "aller", tense: "futur_proche", pronouns: ["y"], expected: "Tu vas y aller." },
  { subject: "on", verb: "boire", tense: "passe_recent", pronouns: ["en"], expected: "On vient d'en boire." },
  { subject: "tu", verb: "donner", tense: "present", pronouns: ["me", "en"], expected: "Tu m'en donnes." },
  { subject: "il", verb: "avoir", tense: "present", pronouns: ["y", "en"], expected: "Il y en a." },
  {
    subject: "je",
    verb: "donner",
    tense: "present",
    pronouns: ["lui", "en"],
    deviation: { kind: "order" },
    expected: "J'en lui donne.",
  },
];

// me/te/nous/vous as direct objects: the participle agrees with whoever they stand for.
const PERSONS_AS_OBJECTS: Sentence[] = [
  { subject: "il", verb: "voir", tense: "passe_compose", pronouns: ["nous mp"], expected: "Il nous a vus." },
  { subject: "elle", verb: "aider", tense: "passe_compose", pronouns: ["te fs"], expected: "Elle t'a aidée." },
  {
    subject: "ils",
    verb: "inviter",
    tense: "plus_que_parfait",
    negation: "pas",
    pronouns: ["me fs"],
    expected: "Ils ne m'avaient pas invitée.",
  },
  {
    subject: "vous",
    verb: "attendre",
    tense: "futur_anterieur",
    pronouns: ["nous fp"],
    expected: "Vous nous aurez attendues.",
  },
  { subject: "on", verb: "appeler", tense: "passe_compose", pronouns: ["vous mp"], expected: "On vous a appelés." },
];

// "on" takes the il/elle form.
const ON: Sentence[] = [
  { subject: "on", verb: "manger", tense: "present", complement: "une pomme", expected: "On mange une pomme." },
  { subject: "on", verb: "aller", tense: "futur_proche", complement: "au marché", expected: "On va aller au marché." },
  { subject: "on", verb: "finir", tense: "passe_compose", complement: "le travail", expected: "On a fini le travail." },
  {
    subject: "on",
    verb: "faire",
    tense: "subjonctif",
    complement: "les courses",
    expected: "Il est possible qu'on fasse les courses.",
  },
  {
    subject: "on",
    verb: "manger",
    tense: "present",
    complement: "une pomme",
    deviation: { kind: "person", person: 3 },
    expected: "On mangeons une pomme.",
  },
];

const TABLES: Record<string, Sentence[]> = {
  commands: COMMANDS,
  "the mistakes of commands": COMMAND_MISTAKES,
  "y and en": Y_AND_EN,
  "me, te, nous, vous as direct objects": PERSONS_AS_OBJECTS,
  "on as a subject": ON,
};

for (const [name, table] of Object.entries(TABLES)) {
  describe(`the French sentence builder writes ${name} exactly`, () => {
    test.each(table.map((g) => [g.expected, g] as const))("%s", (expected, golden) => {
      expect(renderFrench(clause(golden)).sentence).toBe(expected);
    });
  });
}

interface Explained {
  spec: SetupSpec;
  wrong: string;
  kind: ErrorKind;
  explanation: string;
}

const GIVE_ME_THE_BOOK: SetupSpec = {
  focus: "pronouns",
  verb: "donner",
  tense: "imperatif",
  direct: "le livre",
  indirect: "à moi",
  subject: "tu",
};

// For each wrong sentence, the mistake a teacher would name and the words they would use.
const EXPLANATIONS: Explained[] = [
  {
    spec: GIVE_ME_THE_BOOK,
    wrong: "Me le donne.",
    kind: "pronoun_placement",
    explanation:
      "In an affirmative command the pronouns follow the verb, joined to it by hyphens: «donne-le-moi», not «me le donne».",
  },
  {
    spec: GIVE_ME_THE_BOOK,
    wrong: "Donne-le-me.",
    kind: "pronoun_form",
    explanation:
      "At the end of an affirmative command, «me» and «te» become «moi» and «toi»: «donne-le-moi», not «donne-le-me».",
  },
  {
    spec: GIVE_ME_THE_BOOK,
    wrong: "Donne-moi-le.",
    kind: "pronoun_order",
    explanation: "After the verb, «le» comes before «moi»: «donne-le-moi», not «donne-moi-le».",
  },
  {
    spec: GIVE_ME_THE_BOOK,
    wrong: "Donne le moi.",
    kind: "imperative_spelling",
    explanation:
      "In an affirmative command each pronoun is joined to the verb by a hyphen: «donne-le-moi», not «donne le moi».",
  },
  {
    spec: GIVE_ME_THE_BOOK,
    wrong: "Donnes-le-moi.",
    kind: "imperative_spelling",
    explanation:
      "The tu command of this verb takes no -s (it gets one only before «y» and «en»): «donne-le-moi», not «donnes-le-moi».",
  },
  {
    spec: GIVE_ME_THE_BOOK,
    wrong: "Donne-la-moi.",
    kind: "pronoun_gender",
    explanation: "«le livre» is masculine, so its pronoun is «le»: «donne-le-moi», not «donne-la-moi».",
  },
  {
    spec: { ...GIVE_ME_THE_BOOK, negation: "pas" },
    wrong: "Ne donne-le-moi pas.",
    kind: "pronoun_placement",
    explanation:
      "In a negative command the pronouns stay before the verb, as in a statement: «ne me le donne pas», not «ne donne-le-moi pas».",
  },
  {
    spec: { ...GIVE_ME_THE_BOOK, negation: "pas" },
    wrong: "Ne le me donne pas.",
    kind: "pronoun_order",
    explanation: "With two object pronouns, «me» comes before «le»: «ne me le donne pas», not «ne le me donne pas».",
  },
  {
    spec: { focus: "pronouns", verb: "aller", tense: "imperatif", adverbial: "au marché", subject: "tu" },
    wrong: "Va-y.",
    kind: "imperative_spelling",
    explanation: "Before «y» and «en», the tu command keeps an -s: «vas-y», not «va-y».",
  },
  {
    spec: {
      focus: "pronouns",
      verb: "donner",
      tense: "imperatif",
      indirect: "à moi",
      adverbial: "des fleurs",
      subject: "tu",
    },
    wrong: "Donne-moi-en.",
    kind: "pronoun_form",
    explanation: "Before «y» and «en», «moi» becomes «m'»: «donne-m'en», not «donne-moi-en».",
  },
  {
    spec: { focus: "pronouns", verb: "manger", tense: "passe_compose", adverbial: "des pommes", subject: "je" },
    wrong: "J'en ai mangées.",
    kind: "wrong_agreement",
    explanation:
      "The past participle never agrees with «en», even when it stands for «des pommes»: «mangé», not «mangées».",
  },
  {
    spec: { focus: "pronouns", verb: "manger", tense: "passe_compose", adverbial: "des pommes", subject: "je" },
    wrong: "Je les ai mangées.",
    kind: "pronoun_category",
    explanation:
      "«des pommes» is an indefinite quantity (du, de la, des), so its pronoun is «en»: «en ai mangé», not «les ai mangées».",
  },
  {
    spec: { focus: "pronouns", verb: "aller", tense: "present", adverbial: "au marché", subject: "nous" },
    wrong: "Nous en allons.",
    kind: "pronoun_category",
    explanation: "«au marché» is a place introduced by «à», so its pronoun is «y»: «y allons», not «en allons».",
  },
  {
    spec: {
      focus: "pronouns",
      verb: "donner",
      tense: "present",
      indirect: "à Marie",
      adverbial: "des fleurs",
      subject: "je",
    },
    wrong: "J'en lui donne.",
    kind: "pronoun_order",
    explanation: "With two object pronouns, «lui» comes before «en»: «lui en donne», not «en lui donne».",
  },
  {
    spec: { focus: "pronouns", verb: "aider", tense: "passe_compose", direct: "toi (Claire)", subject: "elle" },
    wrong: "Elle t'a aidé.",
    kind: "wrong_agreement",
    explanation:
      "With avoir the past participle agrees with a direct object placed before the verb: «t'» stands for «toi (Claire)» (feminine singular), so «aidée», not «aidé».",
  },
  {
    spec: { focus: "pronouns", verb: "voir", tense: "passe_compose", direct: "nous (Hugo et Léa)", subject: "il" },
    wrong: "Il nous a vu.",
    kind: "wrong_agreement",
    explanation:
      "With avoir the past participle agrees with a direct object placed before the verb: «nous» stands for «nous (Hugo et Léa)» (masculine plural), so «vus», not «vu».",
  },
  {
    spec: { focus: "conjugation", verb: "manger", tense: "present", complement: "une pomme", subject: "on" },
    wrong: "On mangeons une pomme.",
    kind: "wrong_person",
    explanation: "«mangeons» is the nous form of «manger» in the present; with «on» it is «mange».",
  },
];

describe("wrong statements of the pronoun constructions are explained by what differs on the page", () => {
  test.each(EXPLANATIONS.map((row) => [row.wrong, row] as const))("%s", (_wrong, row) => {
    const options = wrongOptions(setup(row.spec), row.spec.subject);
    const found = options.find((o) => o.rendered.sentence === row.wrong);
    expect(found).toBeDefined();
    expect(found?.kind).toBe(row.kind);
    expect(found?.explanation).toBe(row.explanation);
  });
});
