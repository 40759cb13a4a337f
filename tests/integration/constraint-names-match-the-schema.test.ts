import { afterAll, beforeAll, expect, test } from "bun:test";
import { readdir } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../support/postgres";

/** Postgres keeps the first 63 bytes of an identifier and silently drops the rest. */
const MAX_IDENTIFIER_BYTES = 63;

interface Snapshot {
  tables: Record<
    string,
    {
      name: string;
      foreignKeys: Record<string, unknown>;
      uniqueConstraints?: Record<string, unknown>;
      checkConstraints?: Record<string, unknown>;
    }
  >;
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("constraint_names");
});
afterAll(() => t?.drop());

// Regression: generation_items' foreign key was named with 64 characters; the database held a truncated name, so
// `drizzle-kit push --strict` saw a different constraint and wanted to drop and re-add it.
test("every constraint the schema names exists under that exact name after the migrations", async () => {
  const snapshots = (await readdir("drizzle/meta")).filter((f) => f.endsWith("_snapshot.json")).sort();
  const latest = (await Bun.file(`drizzle/meta/${snapshots.at(-1)}`).json()) as Snapshot;
  const expected = Object.values(latest.tables).flatMap((table) =>
    [
      ...Object.keys(table.foreignKeys),
      ...Object.keys(table.uniqueConstraints ?? {}),
      ...Object.keys(table.checkConstraints ?? {}),
    ].map((name) => `${table.name}.${name}`),
  );
  expect(expected.length).toBeGreaterThan(5);
  const tooLong = expected.filter((q) => Buffer.byteLength(q.split(".")[1] as string) > MAX_IDENTIFIER_BYTES);
  expect(tooLong).toEqual([]);

  const rows = await t.database.rows<{ qualified: string }>(
    sql`SELECT rel.relname || '.' || con.conname AS qualified
        FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
        JOIN pg_namespace ns ON ns.oid = rel.relnamespace
        WHERE ns.nspname = 'public' AND con.contype IN ('f', 'u', 'c')`,
  );
  const present = new Set(rows.map((r) => r.qualified));
  expect(expected.filter((q) => !present.has(q))).toEqual([]);
});
