import type { Database } from "../../src/db/client";
import { outboxRepository } from "../../src/db/repositories/outbox";
import { type OutboxRelayOptions, outboxDoorbell, startOutboxRelay } from "../../src/generation/outbox-relay";
import type { Publisher } from "../../src/queue/transport";
import { silentLogger } from "./app";

/**
 * The service's outbox relay over `database`, publishing with `publisher`, as `runService` starts it. Ring
 * `doorbell` after a submit to publish at once (pass `doorbell.ring` as the submitter's `onEnqueued`).
 */
export function startTestRelay(
  database: Database,
  publisher: Publisher,
  options: Partial<Pick<OutboxRelayOptions, "batchSize" | "idlePollMs" | "logger" | "backoff">> = {},
) {
  const controller = new AbortController();
  const doorbell = outboxDoorbell();
  const stopped = startOutboxRelay({
    outbox: outboxRepository(database),
    doorbell,
    publisher,
    logger: silentLogger,
    signal: controller.signal,
    ...options,
  });
  return {
    doorbell,
    async stop() {
      controller.abort();
      await stopped;
    },
  };
}
