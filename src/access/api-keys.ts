import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";
import type { ApiKeysRepository } from "../db/repositories/api-keys";
import type { ApiKeyRow } from "../db/schema";
import type { ApiKeyScope } from "./scopes";

/**
 * API key secrets. A key is `lqs_` + 43 base64url characters (32 random bytes, 256 bits). Only its SHA-256 is
 * stored. A slow password hash buys nothing here: it protects low-entropy secrets against guessing, and 256 random
 * bits cannot be guessed, whereas a slow hash would cost milliseconds of CPU on every request. A server-side pepper
 * (HMAC) would add a secret that the CLI and every instance must share and that cannot be rotated without
 * re-issuing every key, again for no gain against guessing.
 */
const KEY_PREFIX = "lqs_";
const SECRET_BYTES = 32;
/** The part of a key shown in listings and used to find its row: `lqs_` and 8 characters (48 bits, not secret). */
const LOOKUP_CHARS = KEY_PREFIX.length + 8;
const KEY_PATTERN = /^lqs_[A-Za-z0-9_-]{43,}$/;

export interface NewKeySecret {
  key: string;
  prefix: string;
  hash: string;
}

function newKeySecret(): NewKeySecret {
  const key = KEY_PREFIX + randomBytes(SECRET_BYTES).toString("base64url");
  return { key, prefix: lookupPrefix(key), hash: hashKey(key) };
}

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");
export const lookupPrefix = (key: string) => key.slice(0, LOOKUP_CHARS);
/** Whether a presented string has the shape of a key (cheap check before any database work). */
export const looksLikeKey = (key: string) => KEY_PATTERN.test(key) && key.length <= 200;

/** Constant-time comparison of a presented key with a stored hash. */
export function keyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashKey(key), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** Whether `address` falls in one of the CIDR blocks (a key without blocks allows every address). */
export function addressAllowed(address: string | undefined, cidrs: readonly string[] | null): boolean {
  if (!cidrs || cidrs.length === 0) return true;
  if (!address || !isIP(address)) return false;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network = "", bits] = cidr.split("/");
    const type = isIP(network) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(network, type);
    else list.addSubnet(network, Number(bits), type);
  }
  return list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** Creates a key and returns its row and the secret, which exists only in this return value from now on. */
export async function issueKey(
  keys: ApiKeysRepository,
  request: { name: string; scopes: ApiKeyScope[]; allowedCidrs?: string[] },
): Promise<{ row: ApiKeyRow; key: string }> {
  const secret = newKeySecret();
  const row = await keys.create({ ...request, prefix: secret.prefix, hash: secret.hash });
  return { row, key: secret.key };
}

/** A key as listings show it: never the secret or its hash. */
export function describeKey(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    allowed_cidrs: row.allowedCidrs,
    active: row.active,
    usage_count: row.usageCount,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}
