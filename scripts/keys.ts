/**
 * `bun run keys create --name NAME --scopes read,generate[,admin] [--cidr 10.0.0.0/8 ...]`: creates an API key in
 * DATABASE_URL (or the embedded database) and prints it once, on stdout; nothing else keeps it.
 * `bun run keys list`: every key (prefix, scopes, state, usage), never a secret.
 * `bun run keys revoke <id or prefix>`: the key answers 401 from then on.
 * The first admin key can only come from here: the API creates keys for admin keys only.
 */
import { parseArgs } from "node:util";
import { describeKey, issueKey } from "../src/access/api-keys";
import { API_KEY_SCOPES, type ApiKeyScope } from "../src/access/scopes";
import { ConfigError, loadConfig } from "../src/config";
import { cidrSchema } from "../src/config/access";
import { createDatabase } from "../src/db/client";
import { apiKeysRepository } from "../src/db/repositories/api-keys";

function fail(message: string): never {
  console.error(`keys: ${message}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  options: {
    name: { type: "string" },
    scopes: { type: "string" },
    cidr: { type: "string", multiple: true },
  },
  allowPositionals: true,
  strict: true,
});
const [command, target] = positionals;
if (!command || !["create", "list", "revoke"].includes(command))
  fail("usage: keys create --name NAME --scopes read,generate,admin [--cidr CIDR]... | keys list | keys revoke ID");

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}

const database = createDatabase({ url: config.database.url, pgliteDataDir: config.database.pgliteDataDir });
try {
  // Production migrates in its release step; elsewhere the schema may not exist yet.
  if (config.env !== "production" || database.kind === "pglite") await database.migrate();
  const keys = apiKeysRepository(database);
  if (command === "create") {
    const name = values.name?.trim();
    if (!name) fail("create needs --name");
    const scopes = (values.scopes ?? "").split(",").filter(Boolean);
    const unknown = scopes.filter((s) => !API_KEY_SCOPES.includes(s as ApiKeyScope));
    if (!scopes.length || unknown.length)
      fail(`--scopes must be a comma list of ${API_KEY_SCOPES.join(", ")}, got "${values.scopes ?? ""}"`);
    const cidrs = values.cidr ?? [];
    for (const cidr of cidrs) if (!cidrSchema.safeParse(cidr).success) fail(`--cidr "${cidr}" is not a CIDR block`);
    const { row, key } = await issueKey(keys, {
      name,
      scopes: [...new Set(scopes)] as ApiKeyScope[],
      allowedCidrs: cidrs,
    });
    console.error(`created key ${row.prefix}… (${row.id}) with scopes ${row.scopes.join(",")}; it is shown only now:`);
    console.log(key);
  } else if (command === "list") {
    console.log(JSON.stringify((await keys.list()).map(describeKey), null, 2));
  } else {
    if (!target) fail("revoke needs the key's id or prefix");
    const row = await keys.revoke(target);
    if (!row) fail(`no key with id or prefix "${target}"`);
    console.error(`revoked ${row.prefix}… (${row.id})`);
  }
} finally {
  await database.close();
}
