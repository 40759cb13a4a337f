import { randomBytes } from "node:crypto";
import { z } from "zod";
import {
  GRAMMATICAL_FOCUSES,
  generationConstraintsSchema,
  MAX_STATEMENTS,
  MIN_STATEMENTS,
  topicTagSchema,
} from "../problems/types";
import type { OutgoingMessage } from "./transport";

/** The value of one problem-generation message. */
export const problemGenerationMessageSchema = z.object({
  message_type: z.literal("problem_generation").optional(),
  message_id: z.uuid(),
  generation_request_id: z.uuid(),
  index: z.number().int().min(0),
  focus: z.enum(GRAMMATICAL_FOCUSES).optional(),
  statement_count: z.number().int().min(MIN_STATEMENTS).max(MAX_STATEMENTS),
  constraints: generationConstraintsSchema.optional(),
  topic_tags: z.array(topicTagSchema).max(10).optional(),
  enqueued_at: z.iso.datetime({ offset: true }),
});
export type ProblemGenerationMessage = z.infer<typeof problemGenerationMessageSchema>;

const TRACEPARENT = /^00-([\da-f]{32})-([\da-f]{16})-[\da-f]{2}$/;

/**
 * The traceparent to send with the messages: the caller's trace when its header is well formed (so API and worker
 * logs share one trace id), else a new trace; the span id is always new, this hop being a child of the caller's.
 */
export function traceparentFor(incoming?: string | null): string {
  const traceId = incoming?.match(TRACEPARENT)?.[1];
  const keep = traceId && !/^0{32}$/.test(traceId);
  return `00-${keep ? traceId : randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-01`;
}

export function traceIdOf(traceparent: string | undefined): string | undefined {
  return traceparent?.match(TRACEPARENT)?.[1];
}

export interface GenerationItems {
  requestId: string;
  count: number;
  focus?: ProblemGenerationMessage["focus"];
  statementCount: number;
  constraints?: ProblemGenerationMessage["constraints"];
  topicTags?: string[];
  traceparent: string;
}

/**
 * One message per problem, keyed by its own id: the items of a request need no order, so they spread over every
 * partition and therefore over every worker process.
 */
export function generationMessages(items: GenerationItems): OutgoingMessage[] {
  const enqueuedAt = new Date().toISOString();
  return Array.from({ length: items.count }, (_, index) => {
    const messageId = crypto.randomUUID();
    const value: ProblemGenerationMessage = {
      message_type: "problem_generation",
      message_id: messageId,
      generation_request_id: items.requestId,
      index,
      focus: items.focus,
      statement_count: items.statementCount,
      constraints: items.constraints,
      topic_tags: items.topicTags,
      enqueued_at: enqueuedAt,
    };
    return {
      key: messageId,
      value: JSON.stringify(value),
      headers: { traceparent: items.traceparent, attempt: "1" },
    };
  });
}
