import { describe, expect, test } from "bun:test";
import { renderFrench } from "../../../src/problems/french/french-clause";
import { type ClauseSpec, clause } from "./support/clauses";

type Golden = ClauseSpec & { expected: string };

// Each expected sentence was written by hand from the grammar rules, not copied from the builder's output.
const TENSES: Golden[] = [
  { subject: "je", verb: "manger", tense: "present", complement: "une pomme", expected: "Je mange une pomme." },
  { subject: "nous", verb: "manger", tense: "present", complement: "le pain", expected: "Nous mangeons le pain." },
  { subject: "vous", verb: "faire", tense: "present", complement: "les courses", expected: "Vous faites les courses." },
  { subject: "ils", verb: "aller", tense: "present", complement: "au marché", expected: "Ils vont au marché." },
  { subject: "tu", verb: "finir", tense: "present", complement: "le travail", expected: "Tu finis le travail." },
  { subject: "elles", verb: "prendre", tense: "present", complement: "le bus", expected: "Elles prennent le bus." },
  { subject: "je", verb: "pouvoir", tense: "present", complement: "nager", expected: "Je peux nager." },
  {
    subject: "nous",
    verb: "commencer",
    tense: "present",
    complement: "la leçon",
    expected: "Nous commençons la leçon.",
  },
  { subject: "il", verb: "appeler", tense: "present", complement: "le médecin", expected: "Il appelle le médecin." },
  {
    subject: "vous",
    verb: "dire",
    tense: "present",
    complement: "la vérité à Paul",
    expected: "Vous dites la vérité à Paul.",
  },
  { subject: "je", verb: "être", tense: "present", complement: "en retard", expected: "Je suis en retard." },
  {
    subject: "nous",
    verb: "manger",
    tense: "imparfait",
    complement: "une pomme",
    expected: "Nous mangions une pomme.",
  },
  {
    subject: "ils",
    verb: "finir",
    tense: "imparfait",
    complement: "les exercices",
    expected: "Ils finissaient les exercices.",
  },
  { subject: "vous", verb: "être", tense: "imparfait", complement: "à la maison", expected: "Vous étiez à la maison." },
  {
    subject: "nous",
    verb: "commencer",
    tense: "imparfait",
    complement: "la leçon",
    expected: "Nous commencions la leçon.",
  },
  { subject: "tu", verb: "venir", tense: "future_simple", complement: "à la fête", expected: "Tu viendras à la fête." },
  {
    subject: "nous",
    verb: "faire",
    tense: "future_simple",
    complement: "la vaisselle",
    expected: "Nous ferons la vaisselle.",
  },
  { subject: "ils", verb: "voir", tense: "future_simple", complement: "la mer", expected: "Ils verront la mer." },
  {
    subject: "il",
    verb: "envoyer",
    tense: "future_simple",
    complement: "une lettre à Paul",
    expected: "Il enverra une lettre à Paul.",
  },
  {
    subject: "vous",
    verb: "pouvoir",
    tense: "conditionnel",
    complement: "venir à la fête",
    expected: "Vous pourriez venir à la fête.",
  },
  {
    subject: "elles",
    verb: "être",
    tense: "conditionnel",
    complement: "au bureau",
    expected: "Elles seraient au bureau.",
  },
  { subject: "nous", verb: "devoir", tense: "conditionnel", complement: "partir", expected: "Nous devrions partir." },
  {
    subject: "je",
    verb: "faire",
    tense: "subjonctif",
    complement: "les courses",
    expected: "Il est possible que je fasse les courses.",
  },
  {
    subject: "nous",
    verb: "être",
    tense: "subjonctif",
    complement: "en retard",
    expected: "Il est possible que nous soyons en retard.",
  },
  {
    subject: "tu",
    verb: "savoir",
    tense: "subjonctif",
    complement: "nager",
    expected: "Il est possible que tu saches nager.",
  },
  {
    subject: "vous",
    verb: "prendre",
    tense: "subjonctif",
    complement: "le bus",
    expected: "Il est possible que vous preniez le bus.",
  },
  {
    subject: "nous",
    verb: "manger",
    tense: "passe_compose",
    complement: "une pomme",
    expected: "Nous avons mangé une pomme.",
  },
  {
    subject: "elle",
    verb: "faire",
    tense: "passe_compose",
    complement: "les courses",
    expected: "Elle a fait les courses.",
  },
  { subject: "ils", verb: "prendre", tense: "passe_compose", complement: "un café", expected: "Ils ont pris un café." },
  { subject: "tu", verb: "avoir", tense: "passe_compose", complement: "un chat", expected: "Tu as eu un chat." },
  {
    subject: "nous",
    verb: "finir",
    tense: "plus_que_parfait",
    complement: "le travail",
    expected: "Nous avions fini le travail.",
  },
];

const ELISION: Golden[] = [
  { subject: "je", verb: "aimer", tense: "present", complement: "le chocolat", expected: "J'aime le chocolat." },
  { subject: "je", verb: "habiter", tense: "present", complement: "à Paris", expected: "J'habite à Paris." },
  { subject: "je", verb: "acheter", tense: "present", complement: "du pain", expected: "J'achète du pain." },
  { subject: "je", verb: "avoir", tense: "imparfait", complement: "un chat", expected: "J'avais un chat." },
  { subject: "je", verb: "aller", tense: "future_simple", complement: "à la plage", expected: "J'irai à la plage." },
  { subject: "je", verb: "lire", tense: "passe_compose", complement: "le journal", expected: "J'ai lu le journal." },
  { subject: "je", verb: "être", tense: "passe_compose", complement: "en retard", expected: "J'ai été en retard." },
  {
    subject: "il",
    verb: "aller",
    tense: "subjonctif",
    complement: "au marché",
    expected: "Il est possible qu'il aille au marché.",
  },
  {
    subject: "elles",
    verb: "avoir",
    tense: "subjonctif",
    complement: "une voiture",
    expected: "Il est possible qu'elles aient une voiture.",
  },
  { subject: "je", verb: "vouloir", tense: "conditionnel", complement: "un café", expected: "Je voudrais un café." },
];

const ETRE_AGREEMENT: Golden[] = [
  {
    subject: "elle",
    verb: "aller",
    tense: "passe_compose",
    complement: "au marché",
    expected: "Elle est allée au marché.",
  },
  {
    subject: "ils",
    verb: "venir",
    tense: "passe_compose",
    complement: "de Paris",
    expected: "Ils sont venus de Paris.",
  },
  {
    subject: "elles",
    verb: "partir",
    tense: "passe_compose",
    complement: "en vacances",
    expected: "Elles sont parties en vacances.",
  },
  {
    subject: "je",
    verb: "arriver",
    tense: "passe_compose",
    complement: "en retard",
    expected: "Je suis arrivé en retard.",
  },
  {
    subject: "nous",
    verb: "rester",
    tense: "passe_compose",
    complement: "à la maison",
    expected: "Nous sommes restés à la maison.",
  },
  {
    subject: "vous",
    verb: "tomber",
    tense: "passe_compose",
    complement: "de vélo",
    expected: "Vous êtes tombés de vélo.",
  },
  {
    subject: "elle",
    verb: "venir",
    tense: "plus_que_parfait",
    complement: "à la fête",
    expected: "Elle était venue à la fête.",
  },
  {
    subject: "je",
    verb: "aller",
    tense: "plus_que_parfait",
    complement: "à la plage",
    expected: "J'étais allé à la plage.",
  },
];

const REFLEXIVES: Golden[] = [
  { subject: "je", verb: "se lever", tense: "present", complement: "tôt", expected: "Je me lève tôt." },
  { subject: "je", verb: "s'habiller", tense: "present", complement: "vite", expected: "Je m'habille vite." },
  {
    subject: "nous",
    verb: "se promener",
    tense: "present",
    complement: "dans le parc",
    expected: "Nous nous promenons dans le parc.",
  },
  { subject: "il", verb: "s'endormir", tense: "present", complement: "tôt", expected: "Il s'endort tôt." },
  {
    subject: "tu",
    verb: "s'inquiéter",
    tense: "future_simple",
    complement: "pour Paul",
    expected: "Tu t'inquiéteras pour Paul.",
  },
  { subject: "elle", verb: "se lever", tense: "passe_compose", complement: "tôt", expected: "Elle s'est levée tôt." },
  {
    subject: "je",
    verb: "se lever",
    tense: "passe_compose",
    complement: "à sept heures",
    expected: "Je me suis levé à sept heures.",
  },
  {
    subject: "ils",
    verb: "s'amuser",
    tense: "passe_compose",
    complement: "au parc",
    expected: "Ils se sont amusés au parc.",
  },
  {
    subject: "elles",
    verb: "se souvenir",
    tense: "plus_que_parfait",
    complement: "de Paul",
    expected: "Elles s'étaient souvenues de Paul.",
  },
];

const NEGATION: Golden[] = [
  {
    subject: "je",
    verb: "avoir",
    tense: "present",
    negation: "pas",
    complement: "un chat",
    expected: "Je n'ai pas de chat.",
  },
  {
    subject: "nous",
    verb: "manger",
    tense: "passe_compose",
    negation: "pas",
    complement: "une pomme",
    expected: "Nous n'avons pas mangé de pomme.",
  },
  {
    subject: "il",
    verb: "boire",
    tense: "present",
    negation: "jamais",
    complement: "de l'eau",
    expected: "Il ne boit jamais d'eau.",
  },
  {
    subject: "elles",
    verb: "aller",
    tense: "passe_compose",
    negation: "plus",
    complement: "au marché",
    expected: "Elles ne sont plus allées au marché.",
  },
  { subject: "je", verb: "faire", tense: "present", negation: "rien", expected: "Je ne fais rien." },
  { subject: "tu", verb: "voir", tense: "passe_compose", negation: "rien", expected: "Tu n'as rien vu." },
  {
    subject: "je",
    verb: "se lever",
    tense: "passe_compose",
    negation: "pas",
    complement: "tôt",
    expected: "Je ne me suis pas levé tôt.",
  },
  {
    subject: "il",
    verb: "être",
    tense: "present",
    negation: "pas",
    complement: "en retard",
    expected: "Il n'est pas en retard.",
  },
  {
    subject: "vous",
    verb: "écouter",
    tense: "present",
    negation: "plus",
    complement: "de la musique",
    expected: "Vous n'écoutez plus de musique.",
  },
  {
    subject: "je",
    verb: "aimer",
    tense: "subjonctif",
    negation: "pas",
    complement: "le chocolat",
    expected: "Il est possible que je n'aime pas le chocolat.",
  },
];

const SINGLE_PRONOUNS: Golden[] = [
  { subject: "je", verb: "manger", tense: "present", pronouns: ["la"], expected: "Je la mange." },
  { subject: "je", verb: "aimer", tense: "present", pronouns: ["le"], expected: "Je l'aime." },
  { subject: "je", verb: "manger", tense: "passe_compose", pronouns: ["la"], expected: "Je l'ai mangée." },
  {
    subject: "nous",
    verb: "acheter",
    tense: "passe_compose",
    pronouns: ["les m"],
    expected: "Nous les avons achetés.",
  },
  { subject: "elle", verb: "écrire", tense: "passe_compose", pronouns: ["les f"], expected: "Elle les a écrites." },
  { subject: "il", verb: "parler", tense: "present", pronouns: ["lui"], expected: "Il lui parle." },
  { subject: "je", verb: "parler", tense: "passe_compose", pronouns: ["lui"], expected: "Je lui ai parlé." },
  {
    subject: "vous",
    verb: "téléphoner",
    tense: "passe_compose",
    pronouns: ["leur"],
    expected: "Vous leur avez téléphoné.",
  },
  { subject: "il", verb: "parler", tense: "present", pronouns: ["me"], expected: "Il me parle." },
  { subject: "elle", verb: "répondre", tense: "passe_compose", pronouns: ["me"], expected: "Elle m'a répondu." },
  { subject: "ils", verb: "sourire", tense: "present", pronouns: ["nous"], expected: "Ils nous sourient." },
  {
    subject: "je",
    verb: "donner",
    tense: "present",
    pronouns: ["lui"],
    complement: "le livre",
    expected: "Je lui donne le livre.",
  },
];

const DOUBLE_PRONOUNS: Golden[] = [
  { subject: "je", verb: "donner", tense: "present", pronouns: ["lui", "le"], expected: "Je le lui donne." },
  { subject: "il", verb: "donner", tense: "present", pronouns: ["le", "me"], expected: "Il me le donne." },
  {
    subject: "nous",
    verb: "envoyer",
    tense: "passe_compose",
    pronouns: ["la", "leur"],
    expected: "Nous la leur avons envoyée.",
  },
  {
    subject: "elle",
    verb: "prêter",
    tense: "passe_compose",
    pronouns: ["les m", "te"],
    expected: "Elle te les a prêtés.",
  },
  { subject: "ils", verb: "dire", tense: "passe_compose", pronouns: ["la", "me"], expected: "Ils me l'ont dite." },
  {
    subject: "tu",
    verb: "montrer",
    tense: "future_simple",
    pronouns: ["les f", "lui"],
    expected: "Tu les lui montreras.",
  },
  {
    subject: "vous",
    verb: "offrir",
    tense: "conditionnel",
    pronouns: ["le", "nous"],
    expected: "Vous nous l'offririez.",
  },
];

const PRONOUNS_WITH_NEGATION: Golden[] = [
  {
    subject: "je",
    verb: "manger",
    tense: "passe_compose",
    negation: "pas",
    pronouns: ["la"],
    expected: "Je ne l'ai pas mangée.",
  },
  {
    subject: "je",
    verb: "donner",
    tense: "present",
    negation: "pas",
    pronouns: ["le", "lui"],
    expected: "Je ne le lui donne pas.",
  },
  {
    subject: "il",
    verb: "donner",
    tense: "passe_compose",
    negation: "jamais",
    pronouns: ["la", "me"],
    expected: "Il ne me l'a jamais donnée.",
  },
  {
    subject: "nous",
    verb: "parler",
    tense: "plus_que_parfait",
    negation: "plus",
    pronouns: ["leur"],
    expected: "Nous ne leur avions plus parlé.",
  },
  {
    subject: "elle",
    verb: "voir",
    tense: "subjonctif",
    negation: "pas",
    pronouns: ["les f"],
    expected: "Il est possible qu'elle ne les voie pas.",
  },
  {
    subject: "tu",
    verb: "écouter",
    tense: "imparfait",
    negation: "jamais",
    pronouns: ["la"],
    expected: "Tu ne l'écoutais jamais.",
  },
];

// Futur antérieur (auxiliary in the future), conditionnel passé (auxiliary in the conditional) and subjonctif passé
// (auxiliary in the subjunctive, after the trigger), with the same agreement rules as the passé composé.
const COMPOUND_FUTURE_CONDITIONAL_SUBJUNCTIVE: Golden[] = [
  {
    subject: "je",
    verb: "manger",
    tense: "futur_anterieur",
    complement: "une pomme",
    expected: "J'aurai mangé une pomme.",
  },
  {
    subject: "elle",
    verb: "aller",
    tense: "futur_anterieur",
    complement: "au marché",
    expected: "Elle sera allée au marché.",
  },
  {
    subject: "nous",
    verb: "se lever",
    tense: "futur_anterieur",
    complement: "tôt",
    expected: "Nous nous serons levés tôt.",
  },
  {
    subject: "vous",
    verb: "être",
    tense: "futur_anterieur",
    complement: "en retard",
    expected: "Vous aurez été en retard.",
  },
  {
    subject: "nous",
    verb: "donner",
    tense: "futur_anterieur",
    pronouns: ["les m", "lui"],
    expected: "Nous les lui aurons donnés.",
  },
  {
    subject: "tu",
    verb: "finir",
    tense: "conditionnel_passe",
    complement: "le travail",
    expected: "Tu aurais fini le travail.",
  },
  {
    subject: "elles",
    verb: "venir",
    tense: "conditionnel_passe",
    complement: "à la fête",
    expected: "Elles seraient venues à la fête.",
  },
  {
    subject: "vous",
    verb: "pouvoir",
    tense: "conditionnel_passe",
    complement: "nager",
    expected: "Vous auriez pu nager.",
  },
  {
    subject: "il",
    verb: "prendre",
    tense: "conditionnel_passe",
    negation: "pas",
    pronouns: ["la"],
    expected: "Il ne l'aurait pas prise.",
  },
  {
    subject: "je",
    verb: "faire",
    tense: "subjonctif_passe",
    complement: "la vaisselle",
    expected: "Il est possible que j'aie fait la vaisselle.",
  },
  {
    subject: "ils",
    verb: "partir",
    tense: "subjonctif_passe",
    complement: "en vacances",
    expected: "Il est possible qu'ils soient partis en vacances.",
  },
  {
    subject: "elle",
    verb: "s'habiller",
    tense: "subjonctif_passe",
    complement: "vite",
    expected: "Il est possible qu'elle se soit habillée vite.",
  },
  {
    subject: "tu",
    verb: "comprendre",
    tense: "subjonctif_passe",
    negation: "pas",
    pronouns: ["les f"],
    expected: "Il est possible que tu ne les aies pas comprises.",
  },
];

// Futur proche (aller + infinitive) and passé récent (venir de + infinitive): reflexive and object pronouns stay in
// front of the infinitive, "ne ... pas" goes around aller, "de" elides before a vowel.
const PERIPHRASES: Golden[] = [
  {
    subject: "je",
    verb: "manger",
    tense: "futur_proche",
    complement: "une pomme",
    expected: "Je vais manger une pomme.",
  },
  {
    subject: "nous",
    verb: "se lever",
    tense: "futur_proche",
    complement: "tôt",
    expected: "Nous allons nous lever tôt.",
  },
  { subject: "tu", verb: "faire", tense: "futur_proche", pronouns: ["le"], expected: "Tu vas le faire." },
  {
    subject: "il",
    verb: "donner",
    tense: "futur_proche",
    pronouns: ["les m", "leur"],
    expected: "Il va les leur donner.",
  },
  {
    subject: "vous",
    verb: "comprendre",
    tense: "futur_proche",
    negation: "pas",
    pronouns: ["la"],
    expected: "Vous n'allez pas la comprendre.",
  },
  { subject: "ils", verb: "faire", tense: "futur_proche", negation: "rien", expected: "Ils ne vont rien faire." },
  {
    subject: "je",
    verb: "arriver",
    tense: "passe_recent",
    complement: "à la gare",
    expected: "Je viens d'arriver à la gare.",
  },
  {
    subject: "elles",
    verb: "s'habiller",
    tense: "passe_recent",
    complement: "pour la fête",
    expected: "Elles viennent de s'habiller pour la fête.",
  },
  { subject: "nous", verb: "envoyer", tense: "passe_recent", pronouns: ["la"], expected: "Nous venons de l'envoyer." },
  {
    subject: "tu",
    verb: "donner",
    tense: "passe_recent",
    pronouns: ["me", "le"],
    expected: "Tu viens de me le donner.",
  },
  { subject: "je", verb: "se lever", tense: "passe_recent", expected: "Je viens de me lever." },
  // The distractors: the pronoun in front of aller, or after the infinitive.
  {
    subject: "je",
    verb: "faire",
    tense: "futur_proche",
    pronouns: ["le"],
    deviation: { kind: "placement", where: "before_finite" },
    expected: "Je le vais faire.",
  },
  {
    subject: "elle",
    verb: "envoyer",
    tense: "passe_recent",
    pronouns: ["la"],
    deviation: { kind: "placement", where: "after_verb" },
    expected: "Elle vient d'envoyer la.",
  },
];

// Examples docs/grammar.md gives for its levels that no other table holds.
const DOCUMENTED_EXAMPLES: Golden[] = [
  {
    subject: "je",
    verb: "manger",
    tense: "present",
    negation: "pas",
    complement: "une pomme",
    expected: "Je ne mange pas de pomme.",
  },
  { subject: "nous", verb: "comprendre", tense: "present", pronouns: ["la"], expected: "Nous la comprenons." },
  {
    subject: "vous",
    verb: "perdre",
    tense: "plus_que_parfait",
    pronouns: ["les f"],
    expected: "Vous les aviez perdues.",
  },
  {
    subject: "je",
    verb: "donner",
    tense: "passe_compose",
    negation: "pas",
    pronouns: ["le", "lui"],
    expected: "Je ne le lui ai pas donné.",
  },
];

const TABLES: Record<string, Golden[]> = {
  "the examples of docs/grammar.md": DOCUMENTED_EXAMPLES,
  "futur proche and passé récent": PERIPHRASES,
  "futur antérieur, conditionnel passé and subjonctif passé": COMPOUND_FUTURE_CONDITIONAL_SUBJUNCTIVE,
  "each tense": TENSES,
  elision: ELISION,
  "être agreement": ETRE_AGREEMENT,
  reflexives: REFLEXIVES,
  negation: NEGATION,
  "single object pronouns": SINGLE_PRONOUNS,
  "double object pronouns": DOUBLE_PRONOUNS,
  "object pronouns with negation": PRONOUNS_WITH_NEGATION,
};

test("the golden table holds at least 60 hand-checked sentences", () => {
  expect(Object.values(TABLES).flat().length).toBeGreaterThanOrEqual(60);
});

for (const [name, table] of Object.entries(TABLES)) {
  describe(`the French sentence builder writes ${name} exactly`, () => {
    test.each(table.map((g) => [g.expected, g] as const))("%s", (expected, golden) => {
      expect(renderFrench(clause(golden)).sentence).toBe(expected);
    });
  });
}
