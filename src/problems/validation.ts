import { z } from "zod";
import { AppError } from "../errors";
import {
  levelTag,
  MAX_STATEMENTS,
  MIN_STATEMENTS,
  type NewProblem,
  PROBLEM_TYPES,
  problemMetadataSchema,
  statementSchema,
  topicTagSchema,
} from "./types";

/** A generator produced something that is not a usable problem. Never retried: the same input fails the same way. */
export class InvalidProblemError extends AppError {
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super("invalid_problem", message);
  }
}

const newProblemSchema = z
  .object({
    problem_type: z.enum(PROBLEM_TYPES),
    title: z.string().trim().min(1).max(200),
    instructions: z.string().trim().min(1).max(500),
    correct_answer_index: z.number().int().min(0),
    target_language_code: z.string().regex(/^[a-z]{3}$/, "a 3-letter ISO 639-2 code"),
    statements: z.array(statementSchema).min(MIN_STATEMENTS).max(MAX_STATEMENTS),
    topic_tags: z.array(topicTagSchema).max(20),
    metadata: problemMetadataSchema,
  })
  .superRefine((p, ctx) => {
    const correct = p.statements.flatMap((s, i) => (s.is_correct ? [i] : []));
    if (correct.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["statements"],
        message: `exactly one statement must be correct, found ${correct.length}`,
      });
    } else if (correct[0] !== p.correct_answer_index) {
      ctx.addIssue({
        code: "custom",
        path: ["correct_answer_index"],
        message: `points at ${p.correct_answer_index} but the correct statement is at ${correct[0]}`,
      });
    }
    const texts = p.statements.map((s) => s.content.trim().toLowerCase());
    if (new Set(texts).size !== texts.length) {
      ctx.addIssue({ code: "custom", path: ["statements"], message: "statement texts must be distinct" });
    }
    p.statements.forEach((s, i) => {
      if (s.is_correct && !s.translation) {
        ctx.addIssue({
          code: "custom",
          path: ["statements", i, "translation"],
          message: "the correct statement needs a translation",
        });
      }
      if (!s.is_correct && !s.explanation) {
        ctx.addIssue({
          code: "custom",
          path: ["statements", i, "explanation"],
          message: "a wrong statement needs an explanation",
        });
      }
    });
    if (new Set(p.topic_tags).size !== p.topic_tags.length) {
      ctx.addIssue({ code: "custom", path: ["topic_tags"], message: "topic tags must be distinct" });
    }
  });

/** Checks a generated problem against every rule of the domain; returns it parsed or throws InvalidProblemError. */
export function validateProblem(candidate: unknown): NewProblem {
  const parsed = newProblemSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(problem)"}: ${i.message}`);
  throw new InvalidProblemError(`generated problem is invalid: ${issues.join("; ")}`, issues);
}

/**
 * Topic tags derived from what a problem drills, so the random endpoint can filter on one indexed array.
 * Caller-supplied tags are kept first, then `focus:<f>`, `tense:<t>`, `verb:<infinitive>`, `level:<a1..c1>` and
 * `mistake:<kind>`.
 */
export function deriveTopicTags(metadata: NewProblem["metadata"], extra: readonly string[] = []): string[] {
  const tags = [
    ...extra,
    ...metadata.grammatical_focus.map((f) => `focus:${f}`),
    ...metadata.tenses_used.map((t) => `tense:${t}`),
    ...metadata.verb_infinitives.map(
      (v) =>
        `verb:${v
          .normalize("NFD")
          .replace(/[\u0300-\u036f]/g, "")
          .replace(/[^a-z0-9_-]/gi, "_")
          .toLowerCase()}`,
    ),
  ];
  if (metadata.level) tags.push(levelTag(metadata.level));
  for (const kind of metadata.mistake_kinds ?? []) tags.push(`mistake:${kind}`);
  if (metadata.includes_negation) tags.push("negation");
  return [...new Set(tags)].slice(0, 20);
}
