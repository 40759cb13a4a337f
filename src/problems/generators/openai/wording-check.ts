import { pastParticiple, simpleForm } from "../../french/conjugator";
import { PERSONS } from "../../french/subjects";
import { findCuratedVerb } from "../../french/verb-catalog";
import type { ProblemPlan, StatementPlan } from "../../planner/plan";
import { LlmInvalidOutputError } from "../llm-errors";

/** What the model wrote for one planned statement, once it parsed as the schema asked. */
export type StatementOutput = { sentence: string; explanation: string } | { sentence: string; translation: string };

/** A quiz sentence is short: the prompt asks for 6 to 14 words; anything far outside that is not what we asked. */
const SENTENCE_MIN_WORDS = 3;
const SENTENCE_MAX_WORDS = 25;
const SENTENCE_MAX_CHARS = 200;
/** One line of explanation or translation; longer is the model rambling (or pasting the task back). */
const NOTE_MAX_CHARS = 300;

/**
 * Lower-cased NFC with one apostrophe and one kind of space, so a phrase is found however the model typed it.
 * Lengths change only at apostrophes' neighbours, never inside a word, so indices stay comparable between forms.
 */
function normalizeFrench(s: string): string {
  return s
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\u2019\u02bc]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Where `phrase` occurs in the normalized `sentence` as whole words: start indices in the normalized text. */
function occurrences(sentence: string, phrase: string): number[] {
  const needle = normalizeFrench(phrase);
  if (needle === "") return [];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, "gu");
  return [...normalizeFrench(sentence).matchAll(pattern)].map((m) => m.index);
}

/**
 * True when `phrase` occurs in `sentence` as whole words, ignoring case, apostrophe style (' or ’) and spacing.
 * Whole words matter: a planned wrong "mange" must not be accepted inside a corrected "mangeons".
 */
export function containsVerbPhrase(sentence: string, phrase: string): boolean {
  return occurrences(sentence, phrase).length > 0;
}

// Control characters, markup and code fences, links: none belongs in a learner's sentence or its note.
const MARKUP = /[\p{Cc}<>{}[\]`*_#|\\]|https?:|www\./u;
// Letters of any script but Latin (Cyrillic, CJK...): a model drifting into another language.
const FOREIGN_LETTER = /(?=\p{L})\P{Script=Latin}/u;

function reject(reason: ConstructorParameters<typeof LlmInvalidOutputError>[1], message: string): never {
  throw new LlmInvalidOutputError(message, reason);
}

/** Every finite form of the verb's simple tenses and its past participles, normalized: what a second use looks like. */
const formsByVerb = new Map<string, Set<string>>();
function formsOf(infinitive: string): Set<string> {
  let forms = formsByVerb.get(infinitive);
  if (!forms) {
    forms = new Set();
    const verb = findCuratedVerb(infinitive);
    if (verb) {
      for (const tense of ["present", "imparfait", "future_simple", "conditionnel", "subjonctif"] as const)
        for (const person of PERSONS) forms.add(normalizeFrench(simpleForm(verb.lemma, tense, person)));
      for (const gender of ["m", "f"] as const)
        for (const number of ["s", "p"] as const)
          forms.add(normalizeFrench(pastParticiple(verb.lemma, { gender, number })));
    }
    formsByVerb.set(infinitive, forms);
  }
  return forms;
}

const words = (text: string) => text.split(/[^\p{L}\p{N}-]+/u).filter(Boolean);

/**
 * The linguistic re-check of one statement, after its JSON parsed: the sentence keeps the planned verb phrase
 * exactly once, right after the planned subject (another subject could make a planned wrong form right, or the
 * correct one wrong), adds no second form of the tested verb (a sentence holding the right and the wrong form
 * would answer its own question), and is of sane length and characters. Throws LlmInvalidOutputError.
 */
export function checkStatementWording(plan: ProblemPlan, statement: StatementPlan, output: StatementOutput): void {
  const note = "translation" in output ? output.translation : output.explanation;
  const where = `(subject "${statement.subject}", verb phrase "${statement.verb_phrase}")`;
  for (const text of [output.sentence, note]) {
    if (MARKUP.test(text) || FOREIGN_LETTER.test(text))
      reject("bad_characters", `the model's text holds markup, control or non-Latin characters ${where}`);
  }
  const count = words(output.sentence).length;
  if (count < SENTENCE_MIN_WORDS || count > SENTENCE_MAX_WORDS || output.sentence.length > SENTENCE_MAX_CHARS)
    reject("bad_length", `the model's sentence has ${count} words, ${output.sentence.length} characters ${where}`);
  if (note.length > NOTE_MAX_CHARS)
    reject("bad_length", `the model's explanation or translation has ${note.length} characters ${where}`);

  const found = occurrences(output.sentence, statement.verb_phrase);
  if (found.length === 0)
    reject("verb_phrase_missing", `the model's sentence does not contain the planned verb phrase ${where}`);
  if (found.length > 1)
    reject("verb_phrase_repeated", `the model's sentence uses the planned verb phrase ${found.length} times ${where}`);

  const sentence = normalizeFrench(output.sentence);
  const at = found[0] as number;
  const before = sentence.slice(0, at);
  const subject = escapeRegExp(normalizeFrench(statement.subject));
  // "je" elides before a vowel or a mute h: "j'ai", "j'habite".
  const subjectPattern = statement.subject.toLowerCase() === "je" ? "(?:je |j')" : `${subject} `;
  if (!new RegExp(`(?:^|[^\\p{L}])${subjectPattern}$`, "u").test(before))
    reject("subject_changed", `the planned verb phrase does not follow the planned subject ${where}`);
  // A choice problem's lead («Il faut que», «Si», «Hier,») decides the answer: it must come right before the subject.
  // Being planned text, it is not searched for other forms of the verb («Marie fait tout pour qu'elle fasse»).
  let free = before;
  if (statement.lead) {
    const lead = normalizeFrench(statement.lead);
    const joined = lead.endsWith("'") ? lead : `${lead} `;
    const match = new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(joined)}${subjectPattern}$`, "u").exec(before);
    if (!match)
      reject("subject_changed", `the planned "${statement.lead}" does not come right before the subject ${where}`);
    free = before.slice(0, match.index);
  }

  const rest = `${free} ${sentence.slice(at + normalizeFrench(statement.verb_phrase).length)}`;
  const forms = formsOf(plan.verb_infinitive);
  const extra = words(rest).find((w) => forms.has(w));
  if (extra)
    reject("extra_verb_form", `the model's sentence adds "${extra}", another form of ${plan.verb_infinitive} ${where}`);
}

/** Sentences compared for sameness: case, apostrophes, spacing and punctuation do not make two sentences differ. */
const comparable = (sentence: string) => words(normalizeFrench(sentence)).join(" ");

/**
 * The re-check across statements: no wrong statement may read as the correct one (then the problem would have two
 * right answers, or none). Throws LlmInvalidOutputError.
 */
export function checkProblemWording(plan: ProblemPlan, outputs: readonly StatementOutput[]): void {
  const correct = outputs[plan.correct_index];
  if (!correct) return;
  outputs.forEach((output, i) => {
    if (i !== plan.correct_index && comparable(output.sentence) === comparable(correct.sentence))
      reject("wrong_equals_correct", `wrong statement ${i} reads the same as the correct statement`);
  });
}
