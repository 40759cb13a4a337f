import type { GenerationRequestsRepository, ItemRef, ItemState } from "../../db/repositories/generation-requests";
import { AppError } from "../../errors";
import { groupCalls } from "../../generation/group-calls";
import { createProblemWriter } from "../../generation/problem-writer";
import type { ProblemGenerator } from "../../problems/generators/generator";
import { validateProblem } from "../../problems/validation";
import { HEADERS } from "../../queue/headers";
import { type ProblemGenerationMessage, problemGenerationMessageSchema } from "../../queue/messages";
import { defineHandler } from "./handler";

/** The message names a request that does not exist (deleted, or another environment's message): never retried. */
class UnknownGenerationRequestError extends AppError {
  constructor(id: string) {
    super("generation_request_not_found", `generation request ${id} does not exist`);
  }
}

/** A stable 32-bit seed per message: a redelivered message regenerates the very same problem. */
function seedFromMessageId(messageId: string): number {
  return Number.parseInt(messageId.replace(/-/g, "").slice(-8), 16) >>> 0;
}

export interface ProblemGenerationDeps {
  requests: GenerationRequestsRepository;
  generator: ProblemGenerator;
}

/**
 * Turns one generation message into one stored problem. Idempotent on `message_id`: the problem insert and the
 * counter update share a transaction, and a message that already produced a problem or a failure is skipped.
 * Problems that finish together are written in one transaction (see problem-writer.ts).
 */
export function problemGenerationHandler(deps: ProblemGenerationDeps) {
  const writer = createProblemWriter(deps.requests);
  // The messages of a fetched batch start together: their checks share round trips like their writes do.
  const beginItem = groupCalls<ItemRef, ItemState>({
    many: (items) => deps.requests.beginItems(items),
    one: async (item) => (await deps.requests.beginItems([item]))[0] as ItemState,
    maxBatch: 200,
  });
  return defineHandler<ProblemGenerationMessage>({
    type: "problem_generation",
    schema: problemGenerationMessageSchema,

    async handle(message, { signal, logger, envelope }) {
      const state = await beginItem({ messageId: message.message_id, requestId: message.generation_request_id });
      // A failed item is generated again only when an operator replayed it from the dead-letter topic.
      const replayed = envelope.headers[HEADERS.replayedAt] !== undefined;
      if (state === "handled" || (state === "failed" && !replayed)) {
        logger.info("message already handled (redelivery); skipping");
        return "skipped";
      }
      if (state === "unknown") throw new UnknownGenerationRequestError(message.generation_request_id);
      const { problem, trace } = await deps.generator.generate(
        {
          focus: message.focus,
          statement_count: message.statement_count,
          constraints: message.constraints,
          topic_tags: message.topic_tags,
        },
        { signal, seed: seedFromMessageId(message.message_id) },
      );
      const item = {
        requestId: message.generation_request_id,
        messageId: message.message_id,
        problem: validateProblem(problem),
        trace,
      };
      const outcome = state === "failed" ? await deps.requests.recordRecovered(item) : await writer.record(item);
      logger.info(
        {
          problem_id: outcome.problemId,
          counted: outcome.counted,
          generator: trace.generator,
          duration_ms: trace.duration_ms,
        },
        "problem generated",
      );
      // Another copy of this message (an outbox republish, a redelivery) stored it first: this one is a skip.
      if (!outcome.counted) return "skipped";
    },

    async onFailure(message, error, { logger }) {
      if (error instanceof UnknownGenerationRequestError) return; // nothing to count against
      const outcome = await deps.requests.recordFailed({
        requestId: message.generation_request_id,
        messageId: message.message_id,
        errorCode: error instanceof AppError ? error.code : "internal_error",
        errorMessage: error instanceof Error ? error.message : String(error),
      });
      logger.warn({ counted: outcome.counted }, "generation item failed");
    },
  });
}
