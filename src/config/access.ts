import { isIP } from "node:net";
import { z } from "zod";
import type { Variable } from "../config";
import { bool, commaList, int } from "./parsers";

const origins = commaList(
  z.array(
    z.string().refine((o) => o === "*" || (URL.canParse(o) && new URL(o).origin === o), {
      message: "must be a comma list of origins like https://app.example.com (scheme, host, optional port)",
    }),
  ),
);

/** `10.0.0.0/8`, `2001:db8::/32` or a single address. */
export const cidrSchema = z.string().refine(
  (value) => {
    const [address = "", bits, ...rest] = value.split("/");
    const family = isIP(address);
    if (!family || rest.length) return false;
    if (bits === undefined) return true;
    return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
  },
  { message: "must be an IP address or a CIDR block like 10.0.0.0/8" },
);

/** Who may call the API and how much: keys, limits, quotas and the browser-facing edges. */
export const ACCESS_VARIABLES = {
  REQUIRE_AUTH: {
    schema: bool,
    description:
      "API keys required on `/api/*`; unset: on, except with the embedded database outside production; `false` is refused in production",
  },
  CLIENT_IP_HEADER: {
    schema: z.string().regex(/^[A-Za-z0-9-]+$/, { message: "must be a header name" }),
    description:
      "header set by a trusted proxy with the client address (e.g. `Fly-Client-IP`), checked against a key's allowed CIDRs; unset: the socket's peer address",
  },
  METRICS_TOKEN: {
    schema: z.string().min(16, { message: "must be at least 16 characters" }),
    description: "when set, `/metrics` needs `Authorization: Bearer <token>`",
    secret: true,
  },
  CORS_ORIGINS: {
    schema: origins,
    description:
      "comma list of origins allowed to call the API from a browser; unset: no CORS; `*` refused in production",
  },
  RATE_LIMIT_PER_MINUTE: {
    schema: int(1, 1000000),
    default: "120",
    description: "requests per minute per API key, shared by every instance",
  },
  GENERATION_QUOTA_PER_KEY_PER_HOUR: {
    schema: int(1, 10000000),
    default: "500",
    description: "problems one key may ask to generate per hour",
  },
  GENERATION_QUOTA_GLOBAL_PER_HOUR: {
    schema: int(1, 10000000),
    default: "2000",
    description: "problems all callers together may ask to generate per hour",
  },
  POOL_REFILL_MAX_PER_HOUR: {
    schema: int(1, 10000000),
    default: "1000",
    description: "problems the pool refill may ask for per hour (not counted against callers' quotas)",
  },
  API_KEY_USAGE_FLUSH_MS: {
    schema: int(100, 3600000),
    default: "10000",
    description: "how often each instance writes API key usage counts and last use",
  },
} satisfies Record<string, Variable>;

/** Problems with the access settings as a whole (given the parsed values). */
export function checkAccess(v: { NODE_ENV: string; REQUIRE_AUTH?: boolean; CORS_ORIGINS?: string[] }): string[] {
  const problems: string[] = [];
  if (v.NODE_ENV === "production" && v.REQUIRE_AUTH === false)
    problems.push('REQUIRE_AUTH="false" is refused in production: the API would be open to anyone');
  if (v.NODE_ENV === "production" && v.CORS_ORIGINS?.includes("*"))
    problems.push('CORS_ORIGINS="*" is refused in production: name the origins');
  return problems;
}

/** Auth is on unless turned off explicitly, or the embedded database runs outside production (the quick start). */
export function authRequired(v: { NODE_ENV: string; REQUIRE_AUTH?: boolean; DATABASE_URL?: string }): boolean {
  return v.REQUIRE_AUTH ?? (v.NODE_ENV === "production" || v.DATABASE_URL !== undefined);
}
