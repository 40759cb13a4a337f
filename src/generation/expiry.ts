import type { GenerationRequestsRepository } from "../db/repositories/generation-requests";
import type { Logger } from "../telemetry/logger";

export interface ExpiryOptions {
  requests: GenerationRequestsRepository;
  ttlMs: number;
  logger: Logger;
  signal: AbortSignal;
}

/**
 * Marks open requests with no progress for `ttlMs` as expired: once now, then every half TTL (at most a minute).
 * Each sweep is one UPDATE, so any number of instances can run it side by side.
 */
export function startExpirySweeper(options: ExpiryOptions): Promise<void> {
  const intervalMs = Math.min(options.ttlMs / 2, 60_000);
  const sweep = async () => {
    try {
      const expired = await options.requests.expireStale(options.ttlMs);
      if (expired.length) options.logger.warn({ expired, ttlMs: options.ttlMs }, "expired stale generation requests");
    } catch (error) {
      options.logger.warn({ err: error }, "expiry sweep failed; will try again");
    }
  };
  return (async () => {
    while (!options.signal.aborted) {
      await sweep();
      // An abort during the sweep has already fired: a listener added now would never run, and the loop would sleep
      // a whole interval before it noticed.
      if (options.signal.aborted) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        options.signal.addEventListener(
          "abort",
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
  })();
}
