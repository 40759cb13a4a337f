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
    const args = ["--count", String(ctx.values.count)];
    if (ctx.values.focus) args.push("--focus", String(ctx.values.focus));
    return runScript("scripts/seed.ts", args);
  },
};

/** Said plainly in --help instead of a command that pretends to work. */
function notYet(path: string[], what: string): Command {
  return {
    path,
    summary: `not available yet: ${what}`,
    usage: "",
    details: [`This command arrives with ${what}; until then it only prints this message and exits 2.`],
    run: () => {
      throw new UsageError(`"${path.join(" ")}" is not available yet: it arrives with ${what}`);
    },
  };
}

export const laterCommands: Command[] = [notYet(["dlq"], "the dead-letter topic consumer (list, replay)")];
