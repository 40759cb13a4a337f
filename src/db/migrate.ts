import { ConfigError, loadConfig } from "../config";
import { createDatabase } from "./client";

/** `bun run db:migrate`: applies drizzle/ to DATABASE_URL (or the embedded database when unset). */
try {
  const config = loadConfig();
  const database = createDatabase({ url: config.database.url, pgliteDataDir: config.database.pgliteDataDir });
  try {
    await database.migrate();
    console.log(`migrations applied (${database.kind})`);
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
