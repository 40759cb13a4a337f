import { expect, test } from "bun:test";
import { readText } from "./config-files";

// The Kafka app is one KRaft node on one volume; a second machine would be a second, unrelated cluster.
test("the Kafka README and the deploy workflow deploy with --ha=false", async () => {
  const readme = await readText("infra/kafka/README.md");
  expect(readme).toContain("--ha=false");

  const workflow = await readText(".github/workflows/deploy-kafka.yml");
  const deploys = workflow.split("\n").filter((line) => /\b(fly|flyctl) deploy\b/.test(line));
  expect(deploys.length).toBeGreaterThan(0);
  for (const line of deploys) expect(line).toContain("--ha=false");
});
