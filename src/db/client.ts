import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { type SQL, sql } from "drizzle-orm";
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { withDeadline } from "../deadline";
import { UnavailableError } from "../errors";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The database behind one interface, whichever driver runs it. */
export interface Database {
  readonly kind: "postgres" | "pglite";
  readonly db: Db;
  /** Runs raw SQL and returns its rows; hides that postgres.js returns an array and PGlite `{ rows }`. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  /**
   * `rows`, as a named prepared statement on each connection (postgres.js caches one per distinct SQL text), so hot
   * queries skip parsing and planning-cache misses. Only for statements whose text takes few distinct forms.
   */
  preparedRows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** Resolves when the database answers a trivial query within `timeoutMs`; throws UnavailableError otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url?: string;
  pgliteDataDir?: string;
  poolMax?: number;
}

/**
 * No query of this service runs for long; one that does is stuck. Not shorter: the same pool runs seeding, bulk
 * writes and maintenance, which a loaded machine can stretch to several seconds. HTTP requests do not wait for
 * it: REQUEST_TIMEOUT_MS answers them first.
 */
const STATEMENT_TIMEOUT_MS = 15_000;
/** Seconds. A server that does not accept a connection this fast counts as down (the health probe retries). */
const CONNECT_TIMEOUT_S = 2;
/**
 * Seconds before a closed connection reconnects. The driver's default grows with every failed attempt of the whole
 * pool up to 10-20 s, so after a 5 s outage queued transactions (the worker's writes) and the health probe waited
 * up to 15 s for a connection the database would already have accepted. Capped at 1 s: a refused connect is cheap.
 */
const reconnectDelayS = (failures: number) => Math.min(0.05 * 2 ** failures, 1) * (0.5 + Math.random() / 2);

const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));
const MIGRATIONS = {
  migrationsFolder: MIGRATIONS_FOLDER,
  migrationsTable: "__drizzle_migrations",
  migrationsSchema: "drizzle",
};

/** `url` set: postgres.js against a real server. Unset: embedded PGlite (development default). */
export function createDatabase(options: DatabaseOptions): Database {
  return options.url
    ? postgresDatabase(options.url, options.poolMax ?? 10)
    : pgliteDatabase(options.pgliteDataDir ?? ".data/pglite");
}

function postgresDatabase(url: string, poolMax: number): Database {
  // Short connect timeout: a down database must turn readiness red in seconds, not hang requests.
  // A hung server must become a 503 too, not a request that never ends.
  const client = postgres(url, {
    max: poolMax,
    connect_timeout: CONNECT_TIMEOUT_S,
    backoff: reconnectDelayS,
    idle_timeout: 60,
    onnotice: () => {},
    connection: { statement_timeout: STATEMENT_TIMEOUT_MS },
  });
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  const dialect = new PgDialect();
  const prepared = async (q: SQL) => {
    const { sql: text, params } = dialect.sqlToQuery(q);
    return (await client.unsafe(text, params as never[], { prepare: true })) as unknown as Record<string, unknown>[];
  };
  return withCommon("postgres", db, async (q) => (await db.execute(q)) as unknown as Record<string, unknown>[], {
    prepared,
    migrate: () => migratePostgres(db as never, MIGRATIONS),
    close: () => client.end({ timeout: 5 }),
  });
}

function pgliteDatabase(dataDir: string): Database {
  if (!dataDir.includes("://")) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return withCommon(
    "pglite",
    db,
    async (q) => ((await db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows,
    {
      migrate: () => migratePglite(db as never, MIGRATIONS),
      close: () => client.close(),
    },
  );
}

function withCommon(
  kind: Database["kind"],
  db: Db,
  run: (q: SQL) => Promise<Record<string, unknown>[]>,
  lifecycle: {
    /** The driver's prepared path; PGlite has none worth having (one session, in process). */
    prepared?: (q: SQL) => Promise<Record<string, unknown>[]>;
    migrate: () => Promise<void>;
    close: () => Promise<void>;
  },
): Database {
  const prepared = lifecycle.prepared ?? run;
  let closing: Promise<void> | undefined;
  return {
    kind,
    db,
    rows: <T extends Record<string, unknown>>(q: SQL) => run(q) as Promise<T[]>,
    preparedRows: <T extends Record<string, unknown>>(q: SQL) => prepared(q) as Promise<T[]>,
    async ping(timeoutMs = 2000) {
      try {
        await withDeadline(run(sql`select 1`), timeoutMs, "database ping");
      } catch (error) {
        // The driver's message can name hosts and users: it goes to the cause (logs), not to the public detail.
        throw new UnavailableError("database_unavailable", "database is not answering", {
          cause: error,
        });
      }
    },
    migrate: lifecycle.migrate,
    close: () => {
      closing ??= lifecycle.close();
      return closing;
    },
  };
}
