import { afterAll, beforeAll, expect, test } from "bun:test";
import { problemsRepository } from "../../src/db/repositories/problems";
import { INSTRUMENTS } from "../../src/telemetry/instruments";
import { testApp } from "../support/app";
import { capturingLogger } from "../support/logs";
import { testTelemetry } from "../support/metrics";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { sampleProblem } from "../support/problems";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("route_labels");
});
afterAll(() => t?.drop());

// Regression: /random was logged and measured as /api/v1/problems/:id (the last pattern that matches its path), and
// unmatched requests as the middleware's catch-all /*.
test("requests are labelled with the template of the route that answered; unmatched requests with none", async () => {
  const stored = await problemsRepository(t.database).insert(sampleProblem(1));
  const logs = capturingLogger();
  const { reader, telemetry } = testTelemetry();
  const { app } = testApp(t.database, { logger: logs.logger, meter: telemetry.meter("http") });

  expect((await app.request("/api/v1/problems/random")).status).toBe(200);
  expect((await app.request(`/api/v1/problems/${stored.id}`)).status).toBe(200);
  expect((await app.request("/api/v1/nowhere")).status).toBe(404);

  const requests = logs.lines.filter((l) => l.msg === "request");
  expect(requests.map((l) => [l.path, l.route])).toEqual([
    ["/api/v1/problems/random", "/api/v1/problems/random"],
    [`/api/v1/problems/${stored.id}`, "/api/v1/problems/:id"],
    ["/api/v1/nowhere", undefined],
  ]);

  const points = await reader.points(INSTRUMENTS.httpDuration.name);
  const routeOf = (status: number) =>
    points.filter((p) => p.attributes["http.response.status_code"] === status).map((p) => p.attributes["http.route"]);
  expect(routeOf(200).sort()).toEqual(["/api/v1/problems/:id", "/api/v1/problems/random"]);
  expect(routeOf(404)).toEqual([undefined]);
  await telemetry.shutdown();
});
