import type { Negation } from "../../../../src/problems/french/french-clause";
import { INDIRECT_OBJECTS } from "../../../../src/problems/french/indirect-objects";
import { PERSON_OBJECTS } from "../../../../src/problems/french/person-objects";
import type { SubjectPronoun } from "../../../../src/problems/french/subjects";
import { adverbialObjects } from "../../../../src/problems/french/y-and-en";
import type { ProblemSetup } from "../../../../src/problems/planner/setup";
import type { GrammaticalFocus, Tense } from "../../../../src/problems/types";
import { curatedVerb } from "./clauses";

export interface SetupSpec {
  focus: GrammaticalFocus;
  verb: string;
  tense: Tense;
  negation?: Negation;
  /** Conjugation: one of the verb's complements. Pronouns: a direct object kept as a noun. */
  complement?: string;
  /** Pronouns focus: the direct object noun phrase the pronoun stands for, e.g. "la question". */
  direct?: string;
  /** Pronouns focus: the indirect object, e.g. "à Marie". */
  indirect?: string;
  /** Pronouns focus: what y or en stands for, e.g. "au marché", "des pommes". */
  adverbial?: string;
  subject: SubjectPronoun;
}

/** A hand-made setup with a single subject, so a test can ask for that subject's wrong statements. */
export function setup(spec: SetupSpec): ProblemSetup {
  const verb = curatedVerb(spec.verb);
  const find = <T extends { fr: string }>(list: readonly T[], fr: string | undefined, what: string): T | null => {
    if (fr === undefined) return null;
    const found = list.find((item) => item.fr === fr);
    if (!found) throw new Error(`${spec.verb} has no ${what} "${fr}"`);
    return found;
  };
  return {
    focus: spec.focus,
    verb,
    tense: spec.tense,
    negation: spec.negation ?? null,
    complement: find([...verb.complements, ...verb.direct_objects], spec.complement, "complement"),
    direct: find([...verb.direct_objects, ...PERSON_OBJECTS], spec.direct, "direct object"),
    indirect: find(INDIRECT_OBJECTS, spec.indirect, "indirect object"),
    adverbial: find(adverbialObjects(verb.infinitive), spec.adverbial, "y / en referent"),
    subjects: [spec.subject],
    correct_index: 0,
  };
}
