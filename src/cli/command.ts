import type { ParseArgsOptionsConfig } from "node:util";
import type { ApiClient } from "./client";

/** Exit codes every command keeps, so scripts can branch on them. */
export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad arguments: the message and the command's usage go to stderr, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** An outcome the caller asked about went wrong (a failed request, a 4xx/5xx answer): exit 1. */
export class FailedError extends Error {
  override readonly name = "FailedError";
}

export interface CommandContext {
  /** Values of the command's own options plus the global ones (`url`, `api-key`, `json`). */
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  json: boolean;
  /** Built on first use, so commands that never call the service never need its URL. */
  client(): ApiClient;
  out(line: string): void;
  err(line: string): void;
}

export interface Command {
  /** Words after `lqs`, e.g. ["requests", "show"]. */
  path: readonly string[];
  summary: string;
  /** Argument synopsis after the path, e.g. "ID" or "--count N [--watch]". */
  usage: string;
  /** More lines of help: what the output is, exit codes beyond the usual. */
  details?: readonly string[];
  options?: ParseArgsOptionsConfig;
  /** Positional arguments the command takes (after its path). */
  positionals?: number;
  run(context: CommandContext): Promise<ExitCode>;
}

/**
 * A command that acts on one resource named by its id (`lqs <path> ID`): it calls the service and prints the answer
 * as JSON with --json, else as text.
 */
export function idCommand<T>(spec: {
  path: readonly string[];
  summary: string;
  details: readonly string[];
  /** What the id names, for the usage error: "a key id". */
  idName: string;
  call(client: ApiClient, id: string): Promise<T>;
  present(value: T): string;
}): Command {
  return {
    path: spec.path,
    summary: spec.summary,
    usage: "ID",
    positionals: 1,
    details: spec.details,
    async run(ctx) {
      const value = await spec.call(ctx.client(), uuidArgument(ctx.positionals[0], spec.idName));
      ctx.out(ctx.json ? JSON.stringify(value) : spec.present(value));
      return EXIT.ok;
    },
  };
}

/** A whole number within bounds, or a usage error naming the option. */
export function integerOption(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== "string" || !/^\d+$/.test(value) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${String(value)}"`);
  return n;
}

/** A value from a fixed list, or a usage error listing the choices. */
export function choiceOption<T extends string>(value: unknown, name: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!choices.includes(value as T))
    throw new UsageError(`--${name} must be one of ${choices.join(", ")}, got "${String(value)}"`);
  return value as T;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id positional of an `idCommand`, or a usage error naming what was expected. */
function uuidArgument(value: string | undefined, what: string): string {
  if (!value || !UUID.test(value)) throw new UsageError(`${what} (UUID) is required, got "${value ?? ""}"`);
  return value;
}
