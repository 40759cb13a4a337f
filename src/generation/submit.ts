import type { GenerationRequestsRepository } from "../db/repositories/generation-requests";
import type { GenerationOrigin, GenerationRequestRow } from "../db/schema";
import { withDeadline } from "../deadline";
import { UnavailableError } from "../errors";
import type { GenerationConstraints, GrammaticalFocus } from "../problems/types";
import { generationMessages, traceIdOf } from "../queue/messages";
import type { Publisher } from "../queue/transport";
import type { Logger } from "../telemetry/logger";

export interface GenerationInput {
  count: number;
  statementCount: number;
  focus?: GrammaticalFocus;
  constraints?: GenerationConstraints;
  topicTags?: string[];
  traceparent: string;
}

export interface SubmitterDeps {
  requests: GenerationRequestsRepository;
  publisher: Publisher;
  logger: Logger;
  /** A broker that does not acknowledge within this time counts as down. */
  publishTimeoutMs: number;
  /** The requests topic (prefixed per environment). */
  topic: string;
}

/**
 * Records a generation request and publishes its messages. If publishing fails the request is marked failed with
 * the reason and an UnavailableError (503) is thrown: nothing is left pending that no message will ever complete.
 */
export function generationSubmitter(deps: SubmitterDeps) {
  async function publish(row: GenerationRequestRow, input: GenerationInput): Promise<GenerationRequestRow> {
    const messages = generationMessages({
      requestId: row.id,
      count: input.count,
      focus: input.focus,
      statementCount: input.statementCount,
      constraints: input.constraints,
      topicTags: input.topicTags,
      traceparent: input.traceparent,
    });
    try {
      await withDeadline(deps.publisher.publish(deps.topic, messages), deps.publishTimeoutMs, "publish");
    } catch (error) {
      const reason = `could not publish to ${deps.topic}: ${(error as Error).message}`;
      deps.logger.error({ err: error, generation_request_id: row.id }, "publishing a generation request failed");
      await deps.requests.markFailed(row.id, reason);
      throw new UnavailableError(
        "queue_unavailable",
        "the generation queue is unavailable; the request was marked failed",
        { cause: error },
      );
    }
    deps.logger.info(
      { generation_request_id: row.id, count: input.count, origin: row.origin, trace_id: traceIdOf(input.traceparent) },
      "generation request published",
    );
    return row;
  }

  const describe = (input: GenerationInput) => ({
    statement_count: input.statementCount,
    ...(input.focus ? { focus: input.focus } : {}),
    ...(input.topicTags?.length ? { topic_tags: input.topicTags } : {}),
  });

  return {
    async submit(input: GenerationInput, origin: GenerationOrigin = "api"): Promise<GenerationRequestRow> {
      const row = await deps.requests.create({
        origin,
        requestedCount: input.count,
        constraints: input.constraints,
        metadata: describe(input),
      });
      return publish(row, input);
    },

    /** Submits a pool refill unless one is already open (in any instance); undefined when one was. */
    async submitRefill(input: GenerationInput): Promise<GenerationRequestRow | undefined> {
      const row = await deps.requests.createRefillIfNoneOpen(input.count);
      return row && publish(row, input);
    },
  };
}

export type GenerationSubmitter = ReturnType<typeof generationSubmitter>;
