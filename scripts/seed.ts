/**
 * `bun run db:seed -- --count N [--focus conjugation|pronouns|negation|mood|tense_choice]`: generates N problems with the configured generator
 * and stores them in DATABASE_URL (or the embedded database), with a progress bar on a terminal.
 */
import { parseArgs } from "node:util";
import { metrics } from "@opentelemetry/api";
import { ConfigError, loadConfig } from "../src/config";
import { createDatabase } from "../src/db/client";
import { problemsRepository } from "../src/db/repositories/problems";
import { seedPool } from "../src/generation/seed";
import { createGenerator } from "../src/problems/generators";
import { GRAMMATICAL_FOCUSES, type GrammaticalFocus } from "../src/problems/types";

function fail(message: string): never {
  console.error(`db:seed: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: { count: { type: "string", default: "100" }, focus: { type: "string" } },
  strict: true,
});
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
  fail(`--count must be a whole number from 1 to 1000000, got "${values.count}"`);
if (values.focus && !GRAMMATICAL_FOCUSES.includes(values.focus as GrammaticalFocus)) {
  fail(`--focus must be one of ${GRAMMATICAL_FOCUSES.join(", ")}, got "${values.focus}"`);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}

const bar = (done: number, total: number) => {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stderr.write("\n");
};

const database = createDatabase({ url: config.database.url, pgliteDataDir: config.database.pgliteDataDir });
try {
  await database.migrate();
  const stored = await seedPool({
    problems: problemsRepository(database),
    generator: createGenerator(config.generator, metrics.getMeter("seed")),
    count,
    request: values.focus ? { focus: values.focus as GrammaticalFocus } : {},
    signal: AbortSignal.timeout(60 * 60 * 1000),
    onProgress: bar,
  });
  console.log(`seeded ${stored} problems (${database.kind})`);
} finally {
  await database.close();
}
