import { z } from "@hono/zod-openapi";
import { generationConstraintsSchema, problemMetadataSchema, statementSchema } from "../problems/types";

// The domain schemas are plain zod, whose instances lack `.openapi`: the HTTP edge rebuilds each object from its
// shape (same fields, same checks) to give it an OpenAPI component name.
const statementBodySchema = z.object(statementSchema.shape).openapi("Statement");
const problemMetadataBodySchema = z.object(problemMetadataSchema.shape).openapi("ProblemMetadata");
export const generationConstraintsBodySchema = z
  .strictObject(generationConstraintsSchema.shape)
  .openapi("GenerationConstraints");

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "no_problems_available" }),
      message: z.string(),
    }),
  })
  .openapi("Error");

/** Query booleans: only these spellings, so a typo is a 400 instead of silently false. */
export const queryBoolean = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1")
  .openapi({ type: "boolean" });

export const uuidParam = z.uuid({ message: "must be a UUID" });

export const problemSchema = z
  .object({
    id: z.uuid(),
    problem_type: z.enum(["grammar", "functional", "vocabulary"]),
    title: z.string(),
    instructions: z.string(),
    correct_answer_index: z.number().int(),
    target_language_code: z.string(),
    statements: z.array(statementBodySchema),
    topic_tags: z.array(z.string()),
    created_at: z.string(),
    updated_at: z.string(),
    last_served_at: z.string().nullable(),
    metadata: problemMetadataBodySchema.optional(),
  })
  .openapi("Problem");

export type ProblemBody = z.infer<typeof problemSchema>;

/** An OpenAPI response entry with a JSON body. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const notFoundResponse = jsonResponse(errorBodySchema, "Not found");

/** Responses every route may give besides its own. */
export const commonErrors = {
  400: jsonResponse(errorBodySchema, "Invalid input"),
  503: jsonResponse(errorBodySchema, "A dependency is unavailable"),
} as const;
