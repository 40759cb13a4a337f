import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../support/postgres";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("migrations");
});
afterAll(async () => {
  await t?.drop();
});

describe("migrating an empty database", () => {
  test("adds problems.last_served_at as a nullable timestamptz", async () => {
    const rows = await t.database.rows<{ data_type: string; is_nullable: string }>(
      sql`SELECT data_type, is_nullable FROM information_schema.columns WHERE table_name = 'problems' AND column_name = 'last_served_at'`,
    );
    expect(rows).toEqual([{ data_type: "timestamp with time zone", is_nullable: "YES" }]);
  });

  test("creates idx_problems_lru on (last_served_at ASC NULLS FIRST, created_at ASC)", async () => {
    const rows = await t.database.rows<{ indexdef: string }>(
      sql`SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_problems_lru'`,
    );
    expect(rows).toHaveLength(1);
    // pg_indexes omits ASC (the default) but keeps NULLS FIRST, which is not the default for ASC.
    expect(rows[0]?.indexdef).toMatch(/USING btree \(last_served_at NULLS FIRST, created_at\)$/);
  });

  test("applies the initial and the add_problems_last_served_at migrations as separate steps", async () => {
    const rows = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
    expect(rows[0]?.n).toBeGreaterThanOrEqual(2);
    const files = (await Array.fromAsync(new Bun.Glob("drizzle/*.sql").scan())).sort();
    expect(files[0]).toMatch(/0000_initial\.sql$/);
    expect(files[1]).toMatch(/0001_add_problems_last_served_at\.sql$/);
  });

  test("migrating again is a no-op", async () => {
    await t.database.migrate();
    const rows = await t.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'idx_problems_lru'`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  test("rejects a problem whose correct_answer_index is outside its statements", async () => {
    const insert = t.database.rows(sql`
      INSERT INTO problems (problem_type, title, instructions, correct_answer_index, statements)
      VALUES ('grammar', 't', 'i', 2, '[{"content":"a","is_correct":true},{"content":"b","is_correct":false}]'::jsonb)`);
    await expect(insert).rejects.toThrow();
  });

  test("rejects an empty statements array", async () => {
    const insert = t.database.rows(sql`
      INSERT INTO problems (problem_type, title, instructions, correct_answer_index, statements)
      VALUES ('grammar', 't', 'i', 0, '[]'::jsonb)`);
    await expect(insert).rejects.toThrow();
  });
});
