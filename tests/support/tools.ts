/**
 * Real tools the tests run (Debian packages that `.ci/run` installs when they are missing). A missing tool fails
 * the test that needs it with a message saying how to install it: a check that silently skips proves nothing.
 */
export function requireTool(command: string, debianPackage: string): string {
  const path = Bun.which(command);
  if (!path) throw new Error(`${command} is not installed: apt-get install -y ${debianPackage} (.ci/run does this)`);
  return path;
}
