import { z } from "zod";

/** Parsers shared by the environment variables of `src/config.ts`. */

export const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => ["true", "1", "yes"].includes(v));
// Digits only: Number() would also take "1e3", "0x10" and " " (as 0, a random port).
export const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { message: `must be a whole number from ${min} to ${max}` })
        .max(max, { message: `must be a whole number from ${min} to ${max}` }),
    );
export const url = (protocols: string[]) =>
  z.string().superRefine((value, ctx) => {
    if (!URL.canParse(value)) ctx.addIssue({ code: "custom", message: `must be a URL (${protocols.join(" or ")})` });
    else if (!protocols.includes(new URL(value).protocol.slice(0, -1)))
      ctx.addIssue({ code: "custom", message: `must use ${protocols.join(" or ")}` });
  });
/** `a, b,c` as a list of trimmed, non-empty items, each checked by `items`. */
export function commaList<T>(items: z.ZodType<T, string[]>) {
  return z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(items);
}
export const brokers = commaList(
  z
    .array(z.string().regex(/^[\w.-]+:\d{1,5}$/, { message: "must be a comma list of host:port" }))
    .min(1, { message: "must name at least one host:port" }),
);

/** `key=value,key2=value2` as the OpenTelemetry spec writes it: values may hold "=", and are percent-encoded. */
export function parseResourceAttributes(raw: string): Record<string, string> {
  const pairs = raw.split(",").filter(Boolean);
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf("=");
      return [decodeURIComponent(pair.slice(0, at).trim()), decodeURIComponent(pair.slice(at + 1).trim())];
    }),
  );
}
