import { expect, test } from "bun:test";
import { auxiliaryForm, imperativeForm, pastParticiple, simpleForm } from "../../../src/problems/french/conjugator";
import { CURATED_VERBS } from "../../../src/problems/french/curated-verbs";
import { PERSONS } from "../../../src/problems/french/subjects";
import { tensesFor } from "../../../src/problems/planner/request";

/**
 * The project's conjugations come from french-verbs + Lefff, and so do the property test's expectations. This test
 * compares them with an independent source, Debian's verbiste (`french-conjugator`, installed by .ci/run), so an
 * error shared by the data and the tests cannot hide. It covers every tense the planner uses: the simple tenses of
 * every curated verb, être and avoir in the tense each compound tense puts its auxiliary in, the four forms of
 * every past participle, and the imperative of every verb the planner gives commands with.
 */

type Table = Map<string, string[][]>; // "verb|mode tense" -> per person (or per participle form), the accepted forms

function verbiste(lemmas: readonly string[]): Map<string, Table> {
  const command = Bun.which("french-conjugator");
  if (!command) throw new Error("french-conjugator is missing: apt-get install -y verbiste (.ci/run does it)");
  const run = Bun.spawnSync([command, "--mode=indicative,conditional,subjunctive,imperative,participle"], {
    stdin: new TextEncoder().encode(`${lemmas.join("\n")}\n`),
  });
  const output = run.stdout.toString();
  expect(run.exitCode).toBe(0);
  // One block per verb, in input order, ended by a line "-"; each block is "- <mode> <tense>:" headers and forms.
  const blocks = output.split(/^-$/m).slice(0, lemmas.length);
  const result = new Map<string, Table>();
  blocks.forEach((block, i) => {
    const table: Table = new Map();
    let current: string[][] | undefined;
    for (const line of block.split("\n")) {
      const header = /^- (.+):$/.exec(line);
      if (header) {
        current = [];
        table.set(header[1] as string, current);
      } else if (line.trim() && current) current.push(line.split(",").map((f) => f.trim()));
    }
    result.set(lemmas[i] as string, table);
  });
  return result;
}

const SIMPLE = {
  present: "indicative present",
  imparfait: "indicative imperfect",
  future_simple: "indicative future",
  conditionnel: "conditional present",
  subjonctif: "subjunctive present",
} as const;

// The tense each compound tense conjugates its auxiliary in (passé composé: present; futur antérieur: future...).
const AUXILIARY = {
  passe_compose: "indicative present",
  plus_que_parfait: "indicative imperfect",
  futur_anterieur: "indicative future",
  conditionnel_passe: "conditional present",
  subjonctif_passe: "subjunctive present",
} as const;

const INVARIABLE = ["être", "pouvoir", "sourire"];
const lemmas = [...new Set(["être", "avoir", ...CURATED_VERBS.map((v) => v.lemma)])];
const tables = verbiste(lemmas);

function formsOf(lemma: string, tense: string): string[][] {
  const forms = tables.get(lemma)?.get(tense);
  if (!forms?.length) throw new Error(`verbiste has no ${tense} for ${lemma}`);
  return forms;
}

test("every simple tense of every curated verb is a form verbiste accepts for that person", () => {
  const mismatches: string[] = [];
  for (const lemma of lemmas)
    for (const [tense, label] of Object.entries(SIMPLE))
      for (const person of PERSONS) {
        const ours = simpleForm(lemma, tense as keyof typeof SIMPLE, person);
        const accepted = formsOf(lemma, label)[person] ?? [];
        if (!accepted.includes(ours))
          mismatches.push(`${lemma} ${tense} ${person}: ${ours} (verbiste: ${accepted.join(", ")})`);
      }
  expect(mismatches).toEqual([]);
});

test("the auxiliary of every compound tense is être or avoir as verbiste conjugates it", () => {
  const mismatches: string[] = [];
  for (const [tense, label] of Object.entries(AUXILIARY))
    for (const aux of ["etre", "avoir"] as const)
      for (const person of PERSONS) {
        const ours = auxiliaryForm(aux, tense as keyof typeof AUXILIARY, person);
        const accepted = formsOf(aux === "etre" ? "être" : "avoir", label)[person] ?? [];
        if (!accepted.includes(ours))
          mismatches.push(`${aux} ${tense} ${person}: ${ours} (verbiste: ${accepted.join(", ")})`);
      }
  expect(mismatches).toEqual([]);
});

test("every past participle agrees as verbiste writes it (m.s., m.p., f.s., f.p.)", () => {
  const mismatches: string[] = [];
  const agreements = [
    { gender: "m", number: "s" },
    { gender: "m", number: "p" },
    { gender: "f", number: "s" },
    { gender: "f", number: "p" },
  ] as const;
  for (const lemma of lemmas) {
    const forms = formsOf(lemma, "participle past");
    // été, pu and souri never agree (their verbs never have a direct object); verbiste lists agreed forms anyway.
    if (INVARIABLE.includes(lemma)) {
      for (const agreement of agreements) expect(pastParticiple(lemma, agreement)).toBe(forms[0]?.[0] as string);
      continue;
    }
    agreements.forEach((agreement, i) => {
      const ours = pastParticiple(lemma, agreement);
      const accepted = forms[i] ?? [];
      if (!accepted.includes(ours))
        mismatches.push(`${lemma} ${agreement.gender}${agreement.number}: ${ours} (verbiste: ${accepted.join(", ")})`);
    });
  }
  expect(mismatches).toEqual([]);
});

test("the imperative (tu, nous, vous) of every verb given as a command is the one verbiste writes", () => {
  const mismatches: string[] = [];
  const commanded = CURATED_VERBS.filter((verb) => tensesFor(verb, {}, "pronouns").includes("imperatif"));
  expect(commanded.length).toBeGreaterThan(50);
  for (const { lemma } of commanded) {
    const forms = formsOf(lemma, "imperative present");
    ([1, 3, 4] as const).forEach((person, i) => {
      const ours = imperativeForm(lemma, person);
      const accepted = forms[i] ?? [];
      if (!accepted.includes(ours)) mismatches.push(`${lemma} ${person}: ${ours} (verbiste: ${accepted.join(", ")})`);
    });
  }
  expect(mismatches).toEqual([]);
});
