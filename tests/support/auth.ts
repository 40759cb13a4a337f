import { issueKey } from "../../src/access/api-keys";
import type { ApiKeyScope } from "../../src/access/scopes";
import type { Database } from "../../src/db/client";
import { apiKeysRepository } from "../../src/db/repositories/api-keys";

/** Creates a real API key in the database, as `bun run keys create` does; returns the secret and its id. */
export async function createKey(
  database: Database,
  scopes: ApiKeyScope[],
  options: { name?: string; allowedCidrs?: string[] } = {},
): Promise<{ key: string; id: string; headers: Record<string, string> }> {
  const { row, key } = await issueKey(apiKeysRepository(database), {
    name: options.name ?? `test ${scopes.join(",")}`,
    scopes,
    allowedCidrs: options.allowedCidrs,
  });
  return { key, id: row.id, headers: { authorization: `Bearer ${key}` } };
}
