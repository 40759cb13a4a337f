/**
 * Real tools the tests run (Debian packages that `.ci/run` installs when they are missing). A missing tool fails
 * the test that needs it with a message saying how to install it: a check that silently skips proves nothing.
 */
export function requireTool(command: string, debianPackage: string): string {
  const path = Bun.which(command);
  if (!path) throw new Error(`${command} is not installed: apt-get install -y ${debianPackage} (.ci/run does this)`);
  return path;
}

/** Runs a command to its end; returns its exit code and output. */
export async function run(argv: string[], options: { cwd?: string } = {}) {
  const child = Bun.spawn(argv, { cwd: options.cwd, stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { code, stdout, stderr };
}
