import { expect, test } from "bun:test";
import { readYaml } from "../config-files/deploy/config-files";
import { run } from "../support/processes";
import { requireTool } from "../support/tools";

const RULES = "infra/prometheus/alerts.yml";
const RULE_TESTS = "infra/prometheus/alerts.test.yml";

interface RulesFile {
  groups: { name: string; rules: { alert?: string; expr: string }[] }[];
}
interface RuleTestsFile {
  rule_files: string[];
  tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[];
}

test("promtool accepts the alert rules", async () => {
  const promtool = requireTool("promtool", "prometheus");
  const result = await run([promtool, "check", "rules", RULES]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("SUCCESS");
});

test("promtool's rule unit tests pass", async () => {
  const promtool = requireTool("promtool", "prometheus");
  const result = await run([promtool, "test", "rules", "alerts.test.yml"], { cwd: "infra/prometheus" });
  expect(`${result.stdout}${result.stderr}`).toContain("SUCCESS");
  expect(result.code).toBe(0);
});

test("every alert has at least one firing and one silent case in the rule tests", async () => {
  const rules = await readYaml<RulesFile>(RULES);
  const tests = await readYaml<RuleTestsFile>(RULE_TESTS);
  expect(tests.rule_files).toEqual(["alerts.yml"]);
  const alerts = rules.groups.flatMap((g) => g.rules.map((r) => r.alert)).filter((a): a is string => Boolean(a));
  expect(alerts.length).toBeGreaterThan(0);
  const cases = tests.tests.flatMap((t) => t.alert_rule_test ?? []);
  const missing = alerts.flatMap((alert) => {
    const own = cases.filter((c) => c.alertname === alert);
    return [
      ...(own.some((c) => (c.exp_alerts ?? []).length > 0) ? [] : [`${alert}: no firing case`]),
      ...(own.some((c) => (c.exp_alerts ?? []).length === 0) ? [] : [`${alert}: no silent case`]),
    ];
  });
  expect(missing).toEqual([]);
});
