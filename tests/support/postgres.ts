import postgres from "postgres";
import { createDatabase, type Database } from "../../src/db/client";

/** The server tests use: DATABASE_URL, else the local one (trust auth, database `test`). */
export const BASE_DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestDatabase {
  /** URL of this test file's own database. */
  url: string;
  database: Database;
  /** Empties every table, keeping the schema. */
  truncate(): Promise<void>;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh, migrated database for one test file, so files never see each other's rows and can run in parallel.
 * Dropped (with its connections) by `drop()`.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `lqs_${label.replace(/\W/g, "_").toLowerCase()}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(BASE_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(BASE_DATABASE_URL, name);
  const database = createDatabase({ url, poolMax: 20 });
  await database.migrate();
  return {
    url,
    database,
    async truncate() {
      const client = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const tables = await client<
          { tablename: string }[]
        >`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
        if (tables.length) await client.unsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} CASCADE`);
      } finally {
        await client.end({ timeout: 5 });
      }
    },
    async drop() {
      await database.close();
      const dropper = postgres(BASE_DATABASE_URL, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}
