import { expect, test } from "bun:test";
import { environmentOf, mountsOf, readCompose, service } from "./config-files";

// Without a named volume, `docker compose down` (or a recreated container) loses the topics, the problems and the
// dashboards' history.
test.each([
  ["kafka", "/var/lib/kafka/data"],
  ["postgres", "/var/lib/postgresql/data"],
  ["prometheus", "/prometheus"],
  ["grafana", "/var/lib/grafana"],
])("%s keeps %s in a declared named volume", async (name, target) => {
  const compose = await readCompose();
  const mount = mountsOf(service(compose, name)).find((m) => m.target === target);
  expect(mount, `${name} mounts ${target}`).toBeDefined();
  expect(mount?.source).not.toMatch(/^[./~]/); // a named volume, not a host path
  expect(Object.keys(compose.volumes ?? {})).toContain(mount?.source as string);
});

test("Kafka writes its log dirs into the mounted volume", async () => {
  const kafka = service(await readCompose(), "kafka");
  const logDirs = environmentOf(kafka).KAFKA_LOG_DIRS ?? "";
  const targets = mountsOf(kafka).map((m) => m.target);
  for (const dir of logDirs.split(",")) expect(targets.some((t) => dir === t || dir.startsWith(`${t}/`))).toBe(true);
});
