import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");
const CLI = join(ROOT, "src", "cli", "main.ts");

export interface Ran {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a project command as a user would; killed after `timeoutMs` so a hung one fails the test, not the run. */
async function run(argv: string[], env: Record<string, string>, timeoutMs: number): Promise<Ran> {
  const child = Bun.spawn(argv, { cwd: ROOT, env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => child.kill(), timeoutMs);
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]).finally(() => clearTimeout(timer));
  return { stdout, stderr, code };
}

/** `lqs args...` (the real CLI entry point) pointed at `url` unless `env` says otherwise. */
export function lqsAgainst(url: () => URL) {
  return (args: string[], env: Record<string, string> = {}, timeoutMs = 60_000) =>
    run([process.execPath, CLI, ...args], { LQS_URL: url().toString(), ...env }, timeoutMs);
}

/** `bun run keys args...` (scripts/keys.ts), the only way to the first admin key, against `databaseUrl`. */
export function keysScript(args: string[], databaseUrl: string, timeoutMs = 60_000): Promise<Ran> {
  return run([process.execPath, "run", "keys", ...args], { DATABASE_URL: databaseUrl }, timeoutMs);
}
