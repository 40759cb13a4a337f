import { API_KEY_SCOPES, type ApiKeyScope } from "../../access/scopes";
import { type Command, choiceOption, EXIT, idCommand, UsageError } from "../command";
import { table } from "../output";

/** An API key as the admin routes describe it: never the secret, except `key` in the answer to a create. */
interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  allowed_cidrs: string[] | null;
  active: boolean;
  usage_count: number;
  last_used_at: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** One row per key; the secret is never in a listing, only the prefix to recognise it by. */
function presentKeys(keys: readonly ApiKey[]): string {
  return table(
    ["ID", "NAME", "PREFIX", "SCOPES", "STATE", "USES", "LAST USED", "CIDRS"],
    keys.map((k) => [
      k.id,
      k.name,
      k.prefix,
      k.scopes.join(","),
      k.active ? "active" : "revoked",
      k.usage_count,
      k.last_used_at,
      k.allowed_cidrs?.join(","),
    ]),
  );
}

const ADMIN_ONLY = "Needs an admin key (--api-key or LQS_API_KEY); without one the service refuses and lqs exits 1.";

export const keysCreateCommand: Command = {
  path: ["keys", "create"],
  summary: "create an API key and print it once (the service keeps only its hash)",
  usage: "--name NAME --scopes S[,S...] [--cidr CIDR]...",
  options: { name: { type: "string" }, scopes: { type: "string" }, cidr: { type: "string", multiple: true } },
  details: [
    `--scopes S   comma list of ${API_KEY_SCOPES.join(", ")}`,
    "--cidr CIDR  only from these addresses (repeatable); any address when absent",
    "Prints the key alone on stdout (details on stderr); with --json, the key's record including `key`.",
    ADMIN_ONLY,
  ],
  async run(ctx) {
    const name = typeof ctx.values.name === "string" ? ctx.values.name.trim() : "";
    if (!name) throw new UsageError("--name is required");
    if (typeof ctx.values.scopes !== "string" || !ctx.values.scopes) throw new UsageError("--scopes is required");
    const scopes = ctx.values.scopes.split(",").map((s) => choiceOption(s.trim(), "scopes", API_KEY_SCOPES));
    const cidrs = ctx.values.cidr as string[] | undefined;
    const created = await ctx.client().post<ApiKey & { key: string }>("/api/v1/admin/api-keys", {
      name,
      scopes: [...new Set(scopes)],
      ...(cidrs?.length ? { allowed_cidrs: cidrs } : {}),
    });
    if (ctx.json) ctx.out(JSON.stringify(created));
    else {
      ctx.err(
        `created key ${created.prefix}… (${created.id}) with scopes ${created.scopes.join(",")}; shown only now:`,
      );
      ctx.out(created.key);
    }
    return EXIT.ok;
  },
};

export const keysListCommand: Command = {
  path: ["keys", "list"],
  summary: "every API key, newest first: prefix, scopes, state, usage; never a secret",
  usage: "",
  details: ["Usage counts are written in batches, so they trail by a few seconds.", ADMIN_ONLY],
  async run(ctx) {
    const { keys } = await ctx.client().get<{ keys: ApiKey[] }>("/api/v1/admin/api-keys");
    if (ctx.json) ctx.out(JSON.stringify(keys));
    else ctx.out(keys.length ? presentKeys(keys) : "no API keys");
    return EXIT.ok;
  },
};

export const keysRevokeCommand = idCommand({
  path: ["keys", "revoke"],
  summary: "revoke an API key: it answers 401 from then on",
  details: ["ID is the key's id from `lqs keys list`. Exits 1 when no key has that id.", ADMIN_ONLY],
  idName: "a key id",
  call: (client, id) => client.delete<ApiKey>(`/api/v1/admin/api-keys/${id}`),
  present: (revoked) => `revoked ${revoked.prefix}… (${revoked.id}) "${revoked.name}"`,
});
