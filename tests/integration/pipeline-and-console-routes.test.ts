import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Service } from "../../src/service";
import { freePort } from "../support/ports";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { startTestService, stopWithin } from "../support/service";

// A service whose broker does not exist and that runs no worker: the pipeline route must still answer, and say so.
let db: TestDatabase;
let service: Service;

beforeAll(async () => {
  db = await createTestDatabase("pipeline_routes");
  service = await startTestService({
    DATABASE_URL: db.url,
    KAFKA_BOOTSTRAP_SERVERS: `127.0.0.1:${freePort()}`,
    ENABLE_WORKER: "false",
    POOL_MIN_UNSERVED: "5",
  });
}, 60_000);
afterAll(async () => {
  await stopWithin(service, 20_000);
  await db?.drop();
}, 30_000);

const get = (path: string) => fetch(new URL(path, service.url));

test("pipeline with an unreachable broker answers degraded with the lag unknown, not an error or a hang", async () => {
  const res = await get("/api/v1/pipeline");
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    status: string;
    reasons: string[];
    pool: { total: number; unserved: number; min_unserved: number; below_floor: boolean };
    worker: { in_process: boolean };
    lag: { available: boolean; partitions: unknown[] };
  };
  expect(body.status).toBe("degraded");
  expect(body.reasons).toEqual(["consumer lag unavailable: the broker did not answer"]);
  expect(body.lag).toEqual({ available: false, total: 0, partitions: [] } as never);
  expect(body.worker.in_process).toBe(false);
  expect(body.worker).toMatchObject({ in_flight: 0, commit_lag: 0 });
  expect(body.pool).toEqual({ total: 0, unserved: 0, min_unserved: 5, below_floor: true });
}, 30_000);

test("the console refuses an unknown filter with a 400 page that names it", async () => {
  const res = await get("/console/play?tense=futur_lointain");
  expect(res.status).toBe(400);
  expect(await res.text()).toContain("Unknown tense: futur_lointain.");
  const level = await get("/console/play?level=Z9");
  expect(level.status).toBe(400);
  expect(await level.text()).toContain("Unknown level: Z9.");
});

test("the console answers 404 for an asset it does not have, and never serves a file outside its folder", async () => {
  expect((await get("/console/assets/../../config.ts")).status).toBe(404);
  expect((await get("/console/assets/%2e%2e%2fconsole.tsx")).status).toBe(404);
  const missing = await get("/console/assets/nope.js");
  expect(missing.status).toBe(404);
  expect(await missing.json()).toEqual({
    error: { code: "asset_not_found", message: "no console asset named nope.js" },
  });
});

test("console pages carry a strict content security policy and load scripts only from the service", async () => {
  for (const path of ["/console/play", "/console/generate", "/console/pipeline"]) {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toStartWith("<!doctype html>");
    expect([...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1])).toEqual([
      ' src="/console/assets/api.js" defer=""',
      expect.stringMatching(/^ src="\/console\/assets\/\w+\.js" defer=""$/),
    ]);
  }
  const redirect = await fetch(new URL("/console", service.url), { redirect: "manual" });
  expect(redirect.headers.get("location")).toBe("/console/play");
});
