import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Service } from "../../src/service";
import { startTestService, stopWithin } from "../support/service";

const dataDir = mkdtempSync(join(tmpdir(), "lqs-pglite-"));
let service: Service | undefined;
afterAll(async () => {
  await stopWithin(service);
  rmSync(dataDir, { recursive: true, force: true });
});

test("with no DATABASE_URL the service runs on embedded PGlite, migrates, and is ready", async () => {
  service = await startTestService({ PGLITE_DATA_DIR: dataDir });
  expect(service.database.kind).toBe("pglite");
  const res = await fetch(new URL("/health/ready", service.url));
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ready", components: { database: { ready: true, detail: "pglite" } } });
  // Migrated: the pool is queryable (empty), which needs the problems table and its LRU column.
  const random = await fetch(new URL("/api/v1/problems/random", service.url));
  expect(random.status).toBe(404);
  expect(((await random.json()) as { error: { code: string } }).error.code).toBe("no_problems_available");
});
