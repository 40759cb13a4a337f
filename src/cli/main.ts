#!/usr/bin/env bun
/**
 * `lqs`: the operator's command line for language-quiz-service. Service commands go over HTTP to --url / LQS_URL
 * (with --api-key / LQS_API_KEY as a Bearer token when given); operator commands reach the database or broker.
 * Exit codes: 0 ok, 1 failed outcome, 2 usage, 3 service unreachable.
 */
import { parseArgs } from "node:util";
import { apiClient, UnreachableError } from "./client";
import { type Command, EXIT, type ExitCode, FailedError, UsageError } from "./command";
import { generateCommand } from "./commands/generate";
import { keysCreateCommand, keysListCommand, keysRevokeCommand } from "./commands/keys";
import {
  dbMigrateCommand,
  dbSeedCommand,
  dlqListCommand,
  dlqReplayCommand,
  topicsEnsureCommand,
} from "./commands/operator";
import { poolCommand, problemsRandomCommand } from "./commands/problems";
import { requestsListCommand, requestsShowCommand } from "./commands/requests";

const COMMANDS: readonly Command[] = [
  generateCommand,
  requestsListCommand,
  requestsShowCommand,
  problemsRandomCommand,
  poolCommand,
  topicsEnsureCommand,
  dbMigrateCommand,
  dbSeedCommand,
  keysCreateCommand,
  keysListCommand,
  keysRevokeCommand,
  dlqListCommand,
  dlqReplayCommand,
];

const DEFAULT_URL = "http://localhost:8000";

const GLOBAL_OPTIONS = {
  url: { type: "string" },
  "api-key": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const GLOBAL_HELP = [
  `--url URL        the service (env LQS_URL, default ${DEFAULT_URL})`,
  "--api-key KEY    sent as Authorization: Bearer (env LQS_API_KEY)",
  "--json           machine-readable output on stdout",
  "--help, -h       this help",
  "Exit codes: 0 ok, 1 failed outcome, 2 usage, 3 service unreachable.",
];

function commandHelp(command: Command): string {
  return [
    `usage: lqs ${command.path.join(" ")} ${command.usage}`.trimEnd(),
    "",
    command.summary,
    ...(command.details?.length ? ["", ...command.details] : []),
    "",
    ...GLOBAL_HELP,
  ].join("\n");
}

/** Help for `lqs` or for a group such as `lqs requests`: the commands under it. */
function groupHelp(prefix: readonly string[]): string {
  const matching = COMMANDS.filter((c) => prefix.every((word, i) => c.path[i] === word));
  const width = Math.max(...matching.map((c) => c.path.join(" ").length));
  return [
    `usage: lqs ${[...prefix, "<command>"].join(" ")} [options]`,
    "",
    ...matching.map((c) => `  ${c.path.join(" ").padEnd(width)}  ${c.summary}`),
    "",
    ...GLOBAL_HELP,
    "Run `lqs <command> --help` for a command's options.",
  ].join("\n");
}

/** The longest command path the leading words name. */
function findCommand(words: readonly string[]): Command | undefined {
  return COMMANDS.filter((c) => c.path.every((word, i) => words[i] === word)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
}

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const words: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith("-")) break;
    words.push(arg);
  }
  const command = findCommand(words);
  const wantsHelp = argv.includes("--help") || argv.includes("-h");
  if (!command) {
    if (wantsHelp || words.length === 0) {
      (wantsHelp ? console.log : console.error)(groupHelp(words));
      return wantsHelp ? EXIT.ok : EXIT.usage;
    }
    const known = COMMANDS.some((c) => words.every((w, i) => c.path[i] === w));
    console.error(known ? groupHelp(words) : `lqs: unknown command "${words.join(" ")}"\n\n${groupHelp([])}`);
    return EXIT.usage;
  }
  if (wantsHelp) {
    console.log(commandHelp(command));
    return EXIT.ok;
  }
  try {
    const { values, positionals } = parseArgs({
      args: argv.slice(command.path.length) as string[],
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > (command.positionals ?? 0))
      throw new UsageError(`unexpected argument "${positionals[command.positionals ?? 0]}"`);
    let client: ReturnType<typeof apiClient> | undefined;
    return await command.run({
      values,
      positionals,
      json: values.json === true,
      client: () => {
        client ??= apiClient({
          baseUrl: (values.url as string | undefined) ?? process.env.LQS_URL ?? DEFAULT_URL,
          apiKey: (values["api-key"] as string | undefined) ?? process.env.LQS_API_KEY,
        });
        return client;
      },
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    });
  } catch (error) {
    if (error instanceof UnreachableError) {
      console.error(`lqs: ${error.message}`);
      return EXIT.unreachable;
    }
    if (error instanceof FailedError) {
      console.error(`lqs: ${error.message}`);
      return EXIT.failed;
    }
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    if (usage) {
      console.error(`lqs: ${(error as Error).message}\n\n${commandHelp(command)}`);
      return EXIT.usage;
    }
    throw error;
  }
}

if (import.meta.main) process.exit(await main(Bun.argv.slice(2)));
