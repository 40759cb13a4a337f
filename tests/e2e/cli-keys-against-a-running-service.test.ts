import { afterAll, beforeAll, expect, test } from "bun:test";
import { keysScript, lqsAgainst } from "../support/cli";
import { startServiceWithOwnDatabase } from "../support/service";

// `lqs keys` against a real service that requires keys, with the first admin key made by `bun run keys create`
// against the service's own database, as an operator bootstraps one.
let running: Awaited<ReturnType<typeof startServiceWithOwnDatabase>>;
let adminKey: string;

beforeAll(async () => {
  running = await startServiceWithOwnDatabase("cli_keys", { REQUIRE_AUTH: "true" });
  const made = await keysScript(["create", "--name", "ops", "--scopes", "admin"], running.db.url);
  expect(made).toMatchObject({ code: 0, stderr: expect.stringContaining("shown only now") });
  adminKey = made.stdout.trim();
}, 90_000);
afterAll(() => running?.stop(), 30_000);

const lqs = lqsAgainst(() => running.service.url);
const asAdmin = () => ({ LQS_API_KEY: adminKey });

interface ListedKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  active: boolean;
}

const status = async (key: string) =>
  (await fetch(new URL("/api/v1/pool", running.service.url), { headers: { authorization: `Bearer ${key}` } })).status;

test("keys create --json answers the new key, which works; keys list shows it without the secret", async () => {
  expect(adminKey).toMatch(/^lqs_/);
  const created = await lqs(["keys", "create", "--name", "quiz-app", "--scopes", "read", "--json"], asAdmin());
  expect(created.code).toBe(0);
  const key = JSON.parse(created.stdout) as ListedKey & { key: string };
  expect(key).toMatchObject({ name: "quiz-app", scopes: ["read"], active: true });
  expect(key.key.startsWith(key.prefix)).toBe(true);
  expect(await status(key.key)).toBe(200);

  const table = await lqs(["keys", "list"], asAdmin());
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/^ID\s+NAME\s+PREFIX\s+SCOPES\s+STATE/);
  const row = table.stdout.split("\n").find((line) => line.startsWith(key.id)) ?? "";
  expect(row).toMatch(new RegExp(`^${key.id}\\s+quiz-app\\s+${key.prefix}\\s+read\\s+active`));
  const json = await lqs(["keys", "list", "--json"], asAdmin());
  expect(json.code).toBe(0);
  const listed = JSON.parse(json.stdout) as (ListedKey & { key?: string })[];
  expect(listed.map((k) => k.name)).toEqual(expect.arrayContaining(["ops", "quiz-app"]));
  expect(listed.find((k) => k.id === key.id)?.key).toBeUndefined();
  for (const output of [table.stdout, json.stdout]) {
    expect(output).not.toContain(key.key);
    expect(output).not.toContain(adminKey);
  }
}, 90_000);

test("keys create without --json prints the key alone on stdout, the rest on stderr", async () => {
  const created = await lqs(["keys", "create", "--name", "nightly", "--scopes", "read,generate"], asAdmin());
  expect(created.code).toBe(0);
  expect(created.stdout).toMatch(/^lqs_\S+\n$/);
  expect(created.stderr).toMatch(
    /^created key lqs_\S+… \([0-9a-f-]{36}\) with scopes read,generate; shown only now:\n$/,
  );
  expect(await status(created.stdout.trim())).toBe(200);
}, 60_000);

test("keys create --cidr limits the key to those addresses", async () => {
  const args = ["keys", "create", "--name", "ci", "--scopes", "read,generate", "--cidr", "10.0.0.0/8", "--json"];
  const created = await lqs(args, asAdmin());
  expect(created.code).toBe(0);
  const key = JSON.parse(created.stdout) as { key: string; allowed_cidrs: string[]; scopes: string[] };
  expect(key).toMatchObject({ allowed_cidrs: ["10.0.0.0/8"], scopes: ["read", "generate"] });
  expect(await status(key.key)).toBe(403);
}, 60_000);

test("keys revoke ID makes the key answer 401, and lqs says so in one line with exit 1", async () => {
  const created = await lqs(["keys", "create", "--name", "short-lived", "--scopes", "read", "--json"], asAdmin());
  const key = JSON.parse(created.stdout) as ListedKey & { key: string };
  expect(await status(key.key)).toBe(200);

  const revoked = await lqs(["keys", "revoke", key.id], asAdmin());
  expect(revoked).toMatchObject({ code: 0, stdout: `revoked ${key.prefix}… (${key.id}) "short-lived"\n` });
  expect(await status(key.key)).toBe(401);
  const refused = await lqs(["pool"], { LQS_API_KEY: key.key });
  expect(refused.code).toBe(1);
  expect(refused.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(refused.stderr).toStartWith("lqs: refused: pass a valid API key with --api-key or LQS_API_KEY: ");
  expect(refused.stderr).toContain("HTTP 401");

  const listed = JSON.parse((await lqs(["keys", "list", "--json"], asAdmin())).stdout) as ListedKey[];
  expect(listed.find((k) => k.id === key.id)?.active).toBe(false);
  const again = await lqs(["keys", "revoke", crypto.randomUUID(), "--json"], asAdmin());
  expect(again.code).toBe(1);
  expect(again.stderr).toContain("no API key with this id");
}, 90_000);

test("a key without the admin scope, or no key at all, is refused with exit 1 and one line", async () => {
  const created = await lqs(["keys", "create", "--name", "reader", "--scopes", "read", "--json"], asAdmin());
  const reader = (JSON.parse(created.stdout) as { key: string }).key;
  for (const args of [
    ["keys", "list"],
    ["keys", "create", "--name", "x", "--scopes", "admin"],
  ]) {
    const refused = await lqs([...args, "--api-key", reader], { LQS_API_KEY: "" });
    expect({ args, code: refused.code, stdout: refused.stdout }).toEqual({ args, code: 1, stdout: "" });
    expect(refused.stderr.trimEnd().split("\n")).toEqual([
      "lqs: refused: this API key may not do this: this API key lacks the admin scope (insufficient_scope, HTTP 403)",
    ]);
  }
  const anonymous = await lqs(["keys", "list"], { LQS_API_KEY: "" });
  expect(anonymous.code).toBe(1);
  expect(anonymous.stderr).toStartWith("lqs: refused: pass a valid API key with --api-key or LQS_API_KEY: ");
  expect(anonymous.stderr).toContain("missing_api_key");
}, 60_000);

test("bad keys arguments exit 2 with the usage; what only the service can check exits 1", async () => {
  for (const args of [
    ["keys", "create", "--scopes", "read"],
    ["keys", "create", "--name", "x"],
    ["keys", "create", "--name", "x", "--scopes", "read,root"],
    ["keys", "revoke"],
    ["keys", "revoke", "lqs_AbCdEfGh"],
    ["keys", "list", "extra"],
  ]) {
    const { code, stderr } = await lqs(args, asAdmin());
    expect({ args, code }).toEqual({ args, code: 2 });
    expect(stderr).toContain(`usage: lqs ${args[0]} ${args[1]}`);
  }
  const badCidr = await lqs(["keys", "create", "--name", "x", "--scopes", "read", "--cidr", "10.0.0.0/99"], asAdmin());
  expect(badCidr.code).toBe(1);
  expect(badCidr.stderr).toContain("HTTP 400");
}, 60_000);
