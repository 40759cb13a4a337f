import { desc, eq, sql } from "drizzle-orm";
import type { ApiKeyScope } from "../../access/scopes";
import type { Database } from "../client";
import { convertingOutages } from "../errors";
import { type ApiKeyRow, apiKeys } from "../schema";

export interface NewApiKey {
  name: string;
  prefix: string;
  hash: string;
  scopes: ApiKeyScope[];
  allowedCidrs?: string[];
}

export function apiKeysRepository(database: Database) {
  const { db } = database;
  return convertingOutages({
    async create(key: NewApiKey): Promise<ApiKeyRow> {
      const [row] = await db
        .insert(apiKeys)
        .values({
          name: key.name,
          prefix: key.prefix,
          keyHash: key.hash,
          scopes: key.scopes,
          allowedCidrs: key.allowedCidrs?.length ? key.allowedCidrs : null,
        })
        .returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    async findByPrefix(prefix: string): Promise<ApiKeyRow | undefined> {
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix)).limit(1);
      return row;
    },

    async list(): Promise<ApiKeyRow[]> {
      return db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt));
    },

    /** Revokes by id or by prefix; undefined when no such key. Revoking twice keeps the first time. */
    async revoke(idOrPrefix: string): Promise<ApiKeyRow | undefined> {
      const match = /^[0-9a-f-]{36}$/i.test(idOrPrefix) ? eq(apiKeys.id, idOrPrefix) : eq(apiKeys.prefix, idOrPrefix);
      const [row] = await db
        .update(apiKeys)
        .set({ active: false, revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
        .where(match)
        .returning();
      return row;
    },

    /** Adds batched usage: one statement for every key used since the last flush. */
    async addUsage(usage: ReadonlyMap<string, { count: number; lastUsedAt: Date }>): Promise<void> {
      if (usage.size === 0) return;
      const values = sql.join(
        [...usage].map(([id, u]) => sql`(${id}::uuid, ${u.count}::bigint, ${u.lastUsedAt.toISOString()}::timestamptz)`),
        sql`, `,
      );
      await database.rows(sql`
        UPDATE api_keys AS k SET usage_count = k.usage_count + u.n,
          last_used_at = greatest(k.last_used_at, u.at)
        FROM (VALUES ${values}) AS u(id, n, at) WHERE k.id = u.id`);
    },
  });
}

export type ApiKeysRepository = ReturnType<typeof apiKeysRepository>;
