import type { ApiKeysRepository } from "../db/repositories/api-keys";
import type { UsageWindowsRepository } from "../db/repositories/usage-windows";
import type { Logger } from "../telemetry/logger";
import { addressAllowed, keyMatches, looksLikeKey, lookupPrefix } from "./api-keys";
import type { ApiKeyScope } from "./scopes";

/** The key a request was made with. */
export interface Principal {
  keyId: string;
  name: string;
  prefix: string;
  scopes: readonly ApiKeyScope[];
}

export type AuthOutcome =
  | { ok: true; principal: Principal }
  | { ok: false; reason: "unknown" | "revoked" | "address_not_allowed" };

/** `admin` may do everything; other scopes only what they name. */
export const hasScope = (principal: Principal, scope: ApiKeyScope) =>
  principal.scopes.includes("admin") || principal.scopes.includes(scope);

/** Ended rate-limit and quota windows are deleted this often (by every instance; the delete is idempotent). */
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/**
 * Checks presented keys against the database and counts their use. Usage (count, last use) is added up in memory
 * and written in one statement per flush, so a busy key costs no extra write per request. The same timer prunes
 * ended usage windows.
 */
export function authenticator(deps: {
  keys: ApiKeysRepository;
  usage: UsageWindowsRepository;
  logger: Logger;
  flushMs: number;
}) {
  let nextPruneAt = performance.now() + PRUNE_EVERY_MS;
  let pending = new Map<string, { count: number; lastUsedAt: Date }>();

  async function flush(): Promise<void> {
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    try {
      await deps.keys.addUsage(batch);
    } catch (error) {
      // Put the counts back: the next flush retries them.
      for (const [id, u] of batch) record(id, u.count, u.lastUsedAt);
      deps.logger.warn({ err: error, keys: batch.size }, "api key usage could not be written; retrying later");
    }
  }

  function record(id: string, count: number, at: Date) {
    const seen = pending.get(id);
    pending.set(id, {
      count: (seen?.count ?? 0) + count,
      lastUsedAt: seen && seen.lastUsedAt > at ? seen.lastUsedAt : at,
    });
  }

  async function tick() {
    await flush();
    if (performance.now() < nextPruneAt) return;
    nextPruneAt = performance.now() + PRUNE_EVERY_MS;
    await deps.usage.prune().catch((error) => deps.logger.warn({ err: error }, "usage windows could not be pruned"));
  }

  const timer = setInterval(() => void tick(), deps.flushMs);
  timer.unref();

  return {
    async authenticate(presented: string, address: string | undefined): Promise<AuthOutcome> {
      if (!looksLikeKey(presented)) return { ok: false, reason: "unknown" };
      const row = await deps.keys.findByPrefix(lookupPrefix(presented));
      if (!row || !keyMatches(presented, row.keyHash)) return { ok: false, reason: "unknown" };
      if (!row.active) return { ok: false, reason: "revoked" };
      if (!addressAllowed(address, row.allowedCidrs)) return { ok: false, reason: "address_not_allowed" };
      record(row.id, 1, new Date());
      return { ok: true, principal: { keyId: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes } };
    },
    flush,
    /** Stops the timer and writes what is left (shutdown). */
    async stop(): Promise<void> {
      clearInterval(timer);
      await flush();
    },
  };
}

export type Authenticator = ReturnType<typeof authenticator>;
