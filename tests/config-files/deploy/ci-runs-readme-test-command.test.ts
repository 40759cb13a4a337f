import { expect, test } from "bun:test";
import { readText, readYaml } from "./config-files";

interface Workflow {
  on: unknown;
  jobs: Record<
    string,
    { services?: Record<string, { image: string; env?: Record<string, string> }>; steps: { run?: string }[] }
  >;
}

test("CI runs the README's test command against a trust-auth Postgres with a `test` database", async () => {
  const readme = await readText("README.md");
  expect(readme).toContain("./scripts/test.sh");

  const ci = await readYaml<Workflow>(".github/workflows/ci.yml");
  const triggers = Object.keys(ci.on as Record<string, unknown>);
  expect(triggers).toContain("push");
  expect(triggers).toContain("pull_request");

  const jobs = Object.values(ci.jobs);
  const runs = jobs.flatMap((j) => j.steps.map((s) => s.run ?? ""));
  expect(runs.some((r) => r.split("\n").some((line) => line.trim() === "./scripts/test.sh"))).toBe(true);

  const postgres = jobs.map((j) => j.services?.postgres).find(Boolean);
  expect(postgres?.env?.POSTGRES_HOST_AUTH_METHOD).toBe("trust");
  expect(postgres?.env?.POSTGRES_DB).toBe("test");
});
