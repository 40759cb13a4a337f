import { expect, test } from "bun:test";
import { type ComposeService, parseDockerfile, readCompose, readText, service } from "./config-files";

const testOf = (svc: ComposeService) =>
  Array.isArray(svc.healthcheck?.test) ? svc.healthcheck.test.join(" ") : (svc.healthcheck?.test ?? "");

test("Kafka's healthcheck makes a real request with the broker's own tools", async () => {
  const check = testOf(service(await readCompose(), "kafka"));
  expect(check).toMatch(/\/opt\/kafka\/bin\/kafka-(broker-api-versions|topics)\.sh .*--bootstrap-server/);
});

test("Postgres's healthcheck runs pg_isready", async () => {
  expect(testOf(service(await readCompose(), "postgres"))).toContain("pg_isready");
});

test("the app's healthcheck comes from its Dockerfile and is not disabled in compose", async () => {
  const compose = await readCompose();
  for (const name of ["app", "migrate", "kafka-init"]) {
    const svc = service(compose, name);
    expect(typeof svc.build === "string" ? svc.build : svc.build?.dockerfile, name).toBe("Dockerfile");
  }
  expect(service(compose, "app").healthcheck?.disable).not.toBe(true);
  const instructions = parseDockerfile(await readText("Dockerfile"));
  expect(instructions.find((i) => i.keyword === "HEALTHCHECK")?.args).toContain("/health/live");
});

test("Prometheus and Grafana have healthchecks", async () => {
  const compose = await readCompose();
  expect(testOf(service(compose, "prometheus"))).toContain("/-/healthy");
  expect(testOf(service(compose, "grafana"))).toContain("/api/health");
});
