import { join } from "node:path";
import { type Ran, run } from "./processes";

const ROOT = join(import.meta.dir, "..", "..");
const CLI = join(ROOT, "src", "cli", "main.ts");

/** Runs a project command as a user would, from the repository root. */
const runFromRoot = (argv: string[], env: Record<string, string>, timeoutMs: number) =>
  run(argv, { cwd: ROOT, env, timeoutMs });

/** `lqs args...` (the real CLI entry point) pointed at `url` unless `env` says otherwise. */
export function lqsAgainst(url: () => URL) {
  return (args: string[], env: Record<string, string> = {}, timeoutMs = 60_000) =>
    runFromRoot([process.execPath, CLI, ...args], { LQS_URL: url().toString(), ...env }, timeoutMs);
}

/** `bun run keys args...` (scripts/keys.ts), the only way to the first admin key, against `databaseUrl`. */
export function keysScript(args: string[], databaseUrl: string, timeoutMs = 60_000): Promise<Ran> {
  return runFromRoot([process.execPath, "run", "keys", ...args], { DATABASE_URL: databaseUrl }, timeoutMs);
}
