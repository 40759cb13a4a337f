import { describe, expect, test } from "bun:test";
import type { ErrorKind } from "../../../src/problems/planner/plan";
import { wrongOptions } from "../../../src/problems/planner/wrong-statements";
import { type SetupSpec, setup } from "./support/setups";

interface Golden {
  spec: SetupSpec;
  wrong: string;
  kind: ErrorKind;
  explanation: string;
}

// Written by hand from the grammar rules: for each wrong sentence, the mistake a teacher would name and the words
// they would use. Each explanation quotes a form that shows in the wrong sentence and not in the correct one.
const ROWS: Golden[] = [
  {
    // «le» for «la» before a vowel: both sentences show «l'», only the participle differs.
    spec: {
      focus: "pronouns",
      verb: "comprendre",
      tense: "plus_que_parfait",
      negation: "pas",
      direct: "la question",
      subject: "il",
    },
    wrong: "Il ne l'avait pas compris.",
    kind: "wrong_agreement",
    explanation:
      "With avoir the past participle agrees with a direct object placed before the verb: «l'» stands for «la question» (feminine singular), so «comprise», not «compris».",
  },
  {
    spec: { focus: "pronouns", verb: "prendre", tense: "passe_compose", direct: "les clés", subject: "je" },
    wrong: "Je les ai pris.",
    kind: "wrong_agreement",
    explanation:
      "With avoir the past participle agrees with a direct object placed before the verb: «les» stands for «les clés» (feminine plural), so «prises», not «pris».",
  },
  {
    spec: {
      focus: "pronouns",
      verb: "donner",
      tense: "passe_compose",
      direct: "la clé",
      indirect: "à Paul",
      subject: "nous",
    },
    wrong: "Nous la lui avons donné.",
    kind: "wrong_agreement",
    explanation:
      "With avoir the past participle agrees with a direct object placed before the verb: «la» stands for «la clé» (feminine singular), so «donnée», not «donné».",
  },
  {
    spec: { focus: "pronouns", verb: "prendre", tense: "passe_compose", direct: "les clés", subject: "je" },
    wrong: "Je l'ai prise.",
    kind: "pronoun_number",
    explanation: "«les clés» is plural, so its pronoun is «les»: «les ai prises», not «l'ai prise».",
  },
  {
    spec: { focus: "pronouns", verb: "comprendre", tense: "present", direct: "la question", subject: "nous" },
    wrong: "Nous le comprenons.",
    kind: "pronoun_gender",
    explanation: "«la question» is feminine, so its pronoun is «la»: «la comprenons», not «le comprenons».",
  },
  {
    spec: {
      focus: "pronouns",
      verb: "donner",
      tense: "present",
      indirect: "à Marie",
      complement: "le livre",
      subject: "tu",
    },
    wrong: "Tu la donnes le livre.",
    kind: "pronoun_category",
    explanation: "«à Marie» is an indirect object, so its pronoun is «lui»: «lui donnes», not «la donnes».",
  },
  {
    spec: { focus: "pronouns", verb: "prendre", tense: "present", negation: "pas", direct: "le train", subject: "je" },
    wrong: "Je ne prends pas le.",
    kind: "pronoun_placement",
    explanation:
      "Object pronouns go before the conjugated verb, not after the verb: «ne le prends pas», not «ne prends pas le».",
  },
  {
    spec: { focus: "pronouns", verb: "prendre", tense: "present", negation: "pas", direct: "le train", subject: "je" },
    wrong: "Je le ne prends pas.",
    kind: "pronoun_placement",
    explanation: "«ne» comes before the object pronouns: «ne le prends pas», not «le ne prends pas».",
  },
  {
    spec: {
      focus: "pronouns",
      verb: "donner",
      tense: "present",
      direct: "le livre",
      indirect: "à Marie",
      subject: "elle",
    },
    wrong: "Elle lui le donne.",
    kind: "pronoun_order",
    explanation: "With two object pronouns, «le» comes before «lui»: «le lui donne», not «lui le donne».",
  },
  {
    spec: { focus: "conjugation", verb: "manger", tense: "present", complement: "une pomme", subject: "tu" },
    wrong: "Tu mange une pomme.",
    kind: "wrong_person",
    explanation: "«mange» is the je and il/elle form of «manger» in the present; with «tu» it is «manges».",
  },
  {
    spec: { focus: "conjugation", verb: "aller", tense: "passe_compose", complement: "au marché", subject: "elle" },
    wrong: "Elle est allé au marché.",
    kind: "wrong_agreement",
    explanation:
      "With être the past participle agrees with the subject; «elle» is feminine singular, so «allée», not «allé».",
  },
  {
    spec: { focus: "conjugation", verb: "aller", tense: "passe_compose", complement: "au marché", subject: "elle" },
    wrong: "Elle a allée au marché.",
    kind: "wrong_auxiliary",
    explanation: "«aller» forms its compound tenses with être, not avoir: «est allée», not «a allée».",
  },
  {
    spec: { focus: "conjugation", verb: "finir", tense: "passe_compose", complement: "le travail", subject: "je" },
    wrong: "Je suis fini le travail.",
    kind: "wrong_auxiliary",
    explanation: "«finir» forms its compound tenses with avoir, not être: «ai fini», not «suis fini».",
  },
  {
    spec: { focus: "conjugation", verb: "se lever", tense: "passe_compose", complement: "tôt", subject: "nous" },
    wrong: "Nous nous avons levés tôt.",
    kind: "wrong_auxiliary",
    explanation:
      "Reflexive verbs form their compound tenses with être, not avoir: «nous sommes levés», not «nous avons levés».",
  },
  {
    spec: { focus: "conjugation", verb: "aller", tense: "futur_anterieur", complement: "au marché", subject: "elle" },
    wrong: "Elle aura allée au marché.",
    kind: "wrong_auxiliary",
    explanation: "«aller» forms its compound tenses with être, not avoir: «sera allée», not «aura allée».",
  },
  {
    spec: { focus: "conjugation", verb: "faire", tense: "subjonctif_passe", complement: "la vaisselle", subject: "je" },
    wrong: "Il est possible que j'ait fait la vaisselle.",
    kind: "wrong_person",
    explanation: "«ait» is the il/elle form of the auxiliary avoir; with «je» it is «aie».",
  },
  {
    spec: { focus: "pronouns", verb: "écrire", tense: "conditionnel_passe", direct: "la lettre", subject: "vous" },
    wrong: "Vous l'auriez écrit.",
    kind: "wrong_agreement",
    explanation:
      "With avoir the past participle agrees with a direct object placed before the verb: «l'» stands for «la lettre» (feminine singular), so «écrite», not «écrit».",
  },
  {
    spec: { focus: "conjugation", verb: "faire", tense: "futur_proche", complement: "les courses", subject: "nous" },
    wrong: "Nous vont faire les courses.",
    kind: "wrong_person",
    explanation:
      "«vont» is the ils/elles form of «aller», which forms the futur proche (aller + infinitive); with «nous» it is «allons».",
  },
  {
    spec: { focus: "pronouns", verb: "faire", tense: "futur_proche", direct: "le ménage", subject: "je" },
    wrong: "Je le vais faire.",
    kind: "pronoun_placement",
    explanation:
      "Object pronouns go right before the infinitive they belong to, not before «vais»: «vais le faire», not «le vais faire».",
  },
  {
    spec: { focus: "pronouns", verb: "envoyer", tense: "passe_recent", direct: "la lettre", subject: "elle" },
    wrong: "Elle vient d'envoyer la.",
    kind: "pronoun_placement",
    explanation:
      "Object pronouns go right before the infinitive they belong to, not after it: «vient de l'envoyer», not «vient d'envoyer la».",
  },
  {
    spec: { focus: "pronouns", verb: "dessiner", tense: "imparfait", direct: "la maison", subject: "tu" },
    wrong: "Tu les dessinais.",
    kind: "pronoun_number",
    explanation: "«la maison» is singular, so its pronoun is «la»: «la dessinais», not «les dessinais».",
  },
];

describe("wrong statements are explained by what differs on the page", () => {
  test.each(ROWS.map((row) => [row.wrong, row] as const))("%s", (_wrong, row) => {
    const options = wrongOptions(setup(row.spec), row.spec.subject);
    const found = options.find((o) => o.rendered.sentence === row.wrong);
    expect(found).toBeDefined();
    expect(found?.kind).toBe(row.kind);
    expect(found?.explanation).toBe(row.explanation);
  });
});

describe("distractors that spoken French accepts are never offered", () => {
  // «Il est fini, le travail» is everyday French for "the work is finished": être + participle + the subject restated.
  test.each([
    ["finir", "le travail", "il"],
    ["garder", "le secret", "il"],
    ["inviter", "Paul", "elle"],
    ["fermer", "les volets", "ils"],
  ] as const)("no wrong auxiliary for %s %s with %s", (verb, complement, subject) => {
    const options = wrongOptions(
      setup({ focus: "conjugation", verb, tense: "passe_compose", complement, subject }),
      subject,
    );
    expect(options.length).toBeGreaterThan(0);
    expect(options.filter((o) => o.kind === "wrong_auxiliary")).toEqual([]);
  });

  test("an indefinite complement cannot be the subject restated, so the wrong auxiliary stays", () => {
    const options = wrongOptions(
      setup({ focus: "conjugation", verb: "manger", tense: "passe_compose", complement: "une pomme", subject: "il" }),
      "il",
    );
    expect(options.find((o) => o.kind === "wrong_auxiliary")?.rendered.sentence).toBe("Il est mangé une pomme.");
  });
});
