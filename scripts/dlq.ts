/**
 * `bun run dlq list [--limit N] [--request ID] [--json]`: what sits in the dead-letter topic (from its database
 * copy): counts by reason, then the newest N pending messages.
 * `bun run dlq replay (--request ID | --all) [--dry-run]`: sends them back to the main topic with a fresh attempt
 * count; a replayed item that succeeds turns its request from partial to completed.
 * Reads DATABASE_URL; replay publishes to KAFKA_BOOTSTRAP_SERVERS. Exit codes: 0 ok, 1 failed, 2 usage.
 */
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../src/config";
import { createDatabase } from "../src/db/client";
import { deadLettersRepository } from "../src/db/repositories/dead-letters";
import { replayDeadLetters } from "../src/generation/dead-letter-replay";
import { createKafkaTransport } from "../src/queue/kafka";
import { topicNames } from "../src/queue/topics";
import { createLogger } from "../src/telemetry/logger";

const USAGE = "usage: dlq list [--limit N] [--request ID] [--json] | dlq replay (--request ID | --all) [--dry-run]";
const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

function usage(message: string): never {
  console.error(`dlq: ${message}\n${USAGE}`);
  process.exit(2);
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      limit: { type: "string" },
      request: { type: "string" },
      all: { type: "boolean" },
      "dry-run": { type: "boolean" },
      json: { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
}
try {
  parsed = parse();
} catch (error) {
  usage((error as Error).message);
}
const { values, positionals } = parsed;
const [command, ...extra] = positionals;
if (command !== "list" && command !== "replay") usage(`unknown command "${command ?? ""}"`);
if (extra.length) usage(`unexpected argument "${extra[0]}"`);
if (values.request !== undefined && !UUID.test(values.request))
  usage(`--request must be a UUID, got "${values.request}"`);
const limit = values.limit === undefined ? 20 : Number(values.limit);
if (!/^\d+$/.test(values.limit ?? "20") || limit < 1 || limit > 10_000)
  usage(`--limit must be a whole number from 1 to 10000, got "${values.limit}"`);
if (command === "replay" && !values.all === (values.request === undefined))
  usage("replay needs exactly one of --request ID or --all");

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : String(error));
  process.exit(2);
}

const database = createDatabase({ url: config.database.url, pgliteDataDir: config.database.pgliteDataDir });
const deadLetters = deadLettersRepository(database);
const filter = { requestId: values.request };
let exitCode = 0;
try {
  if (config.env !== "production" || database.kind === "pglite") await database.migrate();
  if (command === "list") {
    const counts = await deadLetters.counts(filter);
    const latest = await deadLetters.listPending({ ...filter, limit });
    if (values.json) console.log(JSON.stringify({ ...counts, latest }, null, 2));
    else {
      console.log(`pending ${counts.pending}, replayed ${counts.replayed}`);
      for (const { reason, count } of counts.byReason) console.log(`  ${reason}: ${count}`);
      if (latest.length) console.log(`newest ${latest.length}:`);
      for (const row of latest)
        console.log(
          `  ${row.deadLetteredAt.toISOString()} ${row.originalTopic}[${row.originalPartition}]@${row.originalOffset} ` +
            `request=${row.generationRequestId ?? "-"} message=${row.messageId ?? "-"} attempts=${row.attempts} ` +
            `${row.errorCode}: ${row.errorMessage}`,
        );
    }
  } else {
    const dryRun = values["dry-run"] === true;
    const brokers = config.kafka.brokers;
    // The in-process queue lives inside the service; a separate command cannot reach it.
    if (!brokers && !dryRun)
      throw new ConfigError(["KAFKA_BOOTSTRAP_SERVERS is not set: there is no broker to replay to"]);
    const transport = brokers
      ? createKafkaTransport({
          brokers,
          clientId: `${config.kafka.clientId}-dlq`,
          logger: createLogger({ level: "warn", pretty: false }),
        })
      : undefined;
    try {
      const outcome = await replayDeadLetters({
        deadLetters,
        publisher: transport?.publisher,
        topic: topicNames(config.kafka.topicPrefix).requests,
        filter,
        dryRun,
      });
      const reasons = Object.entries(outcome.byReason)
        .map(([r, n]) => `${r}: ${n}`)
        .join(", ");
      console.log(`${dryRun ? "would replay" : "replayed"} ${outcome.replayed}${reasons ? ` (${reasons})` : ""}`);
    } finally {
      await transport?.close();
    }
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `dlq ${command} failed: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await database.close();
}
process.exit(exitCode);
