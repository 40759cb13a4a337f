import { join } from "node:path";
import { type Command, EXIT, type ExitCode, UsageError } from "../command";

const ROOT = join(import.meta.dir, "..", "..", "..");

/**
 * Operator commands talk to the database or the broker directly (DATABASE_URL, KAFKA_BOOTSTRAP_SERVERS), not to a
 * running service: they run the project's own scripts, so there is one implementation of each.
 */
async function runScript(script: string, args: readonly string[] = []): Promise<ExitCode> {
  const child = Bun.spawn([process.execPath, join(ROOT, script), ...args], {
    stdio: ["inherit", "inherit", "inherit"],
    env: process.env,
  });
  return (await child.exited) === 0 ? EXIT.ok : EXIT.failed;
}

export const topicsEnsureCommand: Command = {
  path: ["topics", "ensure"],
  summary: "create or grow the declared Kafka topics (KAFKA_BOOTSTRAP_SERVERS) and print what changed",
  usage: "",
  run: () => runScript("scripts/kafka-topics.ts"),
};

export const dbMigrateCommand: Command = {
  path: ["db", "migrate"],
  summary: "apply the SQL migrations to DATABASE_URL (or the embedded database when unset)",
  usage: "",
  run: () => runScript("src/db/migrate.ts"),
};

export const dbSeedCommand: Command = {
  path: ["db", "seed"],
  summary: "generate problems straight into the database, without the queue",
  usage: "--count N [--focus F]",
  options: { count: { type: "string" }, focus: { type: "string" } },
  details: ["Runs `bun run db:seed` with the same options."],
  run: (ctx) => {
    if (ctx.values.count === undefined) throw new UsageError("--count is required");
    return runScript("scripts/seed.ts", forwarded(ctx.values, ["count", "focus"]));
  },
};

export const dlqListCommand: Command = {
  path: ["dlq", "list"],
  summary: "dead-lettered messages (DATABASE_URL): counts by reason, then the newest pending ones",
  usage: "[--limit N] [--request ID]",
  options: { limit: { type: "string" }, request: { type: "string" } },
  details: ["Runs `bun run dlq list` with the same options (and --json when given)."],
  run: (ctx) =>
    runScript("scripts/dlq.ts", [
      "list",
      ...forwarded(ctx.values, ["limit", "request"]),
      ...(ctx.json ? ["--json"] : []),
    ]),
};

export const dlqReplayCommand: Command = {
  path: ["dlq", "replay"],
  summary: "send dead-lettered messages back to the main topic (KAFKA_BOOTSTRAP_SERVERS) with a fresh attempt count",
  usage: "(--request ID | --all) [--dry-run]",
  options: { request: { type: "string" }, all: { type: "boolean" }, "dry-run": { type: "boolean" } },
  details: ["Runs `bun run dlq replay` with the same options."],
  run: (ctx) => runScript("scripts/dlq.ts", ["replay", ...forwarded(ctx.values, ["request", "all", "dry-run"])]),
};

/** The named options as command-line arguments again: strings with their value, true flags alone. */
function forwarded(values: Record<string, unknown>, names: readonly string[]): string[] {
  return names.flatMap((name) => {
    const value = values[name];
    if (value === undefined || value === false) return [];
    return value === true ? [`--${name}`] : [`--${name}`, String(value)];
  });
}
