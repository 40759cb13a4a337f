import { expect, test } from "bun:test";
import { loadConfig, VARIABLES } from "../../../src/config";
import { durationMs, environmentOf, hostPort, readCompose, service } from "./config-files";

const APP_SERVICES = ["app", "migrate", "kafka-init"];

test("every variable given to the app's containers is one the service reads", async () => {
  const compose = await readCompose();
  for (const name of APP_SERVICES) {
    const unknown = Object.keys(environmentOf(service(compose, name))).filter((v) => !(v in VARIABLES));
    expect(unknown, name).toEqual([]);
  }
});

test("the app's environment passes the service's own configuration checks", async () => {
  const compose = await readCompose();
  for (const name of APP_SERVICES) expect(() => loadConfig(environmentOf(service(compose, name))), name).not.toThrow();
  const config = loadConfig(environmentOf(service(compose, "app")));
  expect(config.worker.enabled).toBe(true);
  expect(config.env).toBe("production");
});

test("the app reaches Kafka on the listener the broker advertises to containers", async () => {
  const compose = await readCompose();
  const brokers = environmentOf(service(compose, "app")).KAFKA_BOOTSTRAP_SERVERS ?? "";
  const advertised = (environmentOf(service(compose, "kafka")).KAFKA_ADVERTISED_LISTENERS ?? "")
    .split(",")
    .map((l) => l.replace(/^\w+:\/\//, ""));
  expect(brokers).toBe("kafka:9092");
  expect(advertised).toContain(brokers);
});

test("the app's DATABASE_URL matches the postgres service's credentials", async () => {
  const compose = await readCompose();
  const url = new URL(environmentOf(service(compose, "app")).DATABASE_URL ?? "");
  const pg = environmentOf(service(compose, "postgres"));
  expect(url.hostname).toBe("postgres");
  expect(hostPort(url.toString().replace(/^postgres:/, "tcp:")).port).toBe(5432);
  expect(decodeURIComponent(url.username)).toBe(pg.POSTGRES_USER as string);
  expect(decodeURIComponent(url.password)).toBe(pg.POSTGRES_PASSWORD as string);
  expect(url.pathname.slice(1)).toBe(pg.POSTGRES_DB as string);
});

test("compose waits longer than the drain deadline before killing the app", async () => {
  const app = service(await readCompose(), "app");
  const env = environmentOf(app);
  const graceMs = durationMs(app.stop_grace_period ?? "10s");
  expect(Number(env.SHUTDOWN_TIMEOUT_MS)).toBeLessThan(graceMs);
  expect(Number(env.PLATFORM_KILL_TIMEOUT_MS)).toBe(graceMs);
});
