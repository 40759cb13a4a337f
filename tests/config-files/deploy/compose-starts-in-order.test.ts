import { expect, test } from "bun:test";
import { commandOf, dependsOn, packageJson, readCompose, service } from "./config-files";

// The app must not start before the schema exists and the topics are declared; both are one-shot jobs.
test("the app waits for healthy Postgres, finished migrations and created topics", async () => {
  const deps = dependsOn(service(await readCompose(), "app"));
  expect(deps.postgres).toBe("service_healthy");
  expect(deps.migrate).toBe("service_completed_successfully");
  expect(deps["kafka-init"]).toBe("service_completed_successfully");
});

test("migrate runs `bun run db:migrate` once Postgres is healthy", async () => {
  const migrate = service(await readCompose(), "migrate");
  expect(commandOf(migrate)).toBe("bun run db:migrate");
  expect(dependsOn(migrate).postgres).toBe("service_healthy");
  expect(migrate.restart).toBe("no");
  expect((await packageJson()).scripts["db:migrate"]).toBeDefined();
});

test("kafka-init runs `bun run kafka:topics` in the app image once Kafka is healthy", async () => {
  const compose = await readCompose();
  const init = service(compose, "kafka-init");
  expect(commandOf(init)).toBe("bun run kafka:topics");
  expect(dependsOn(init).kafka).toBe("service_healthy");
  expect(init.restart).toBe("no");
  expect(init.image).toBe(service(compose, "app").image as string);
  expect((await packageJson()).scripts["kafka:topics"], "package.json script kafka:topics").toBeDefined();
});
