#!/usr/bin/env bun
/**
 * Readiness probe for a Kafka broker, used by scripts/kafka-local.sh.
 *
 * A kafkajs `connect()` is not proof that a broker works: it can succeed against a socket that
 * accepts connections but never answers. This probe only reports success once a real metadata
 * request (describeCluster + fetchTopicMetadata) has been answered and lists at least one broker.
 *
 * Usage:
 *   bun scripts/kafka-ready.ts [--brokers host:port[,host:port]] [--timeout SECONDS]
 *                              [--pid PID] [--interval MS] [--quiet]
 *
 *   --brokers   bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS or 127.0.0.1:9092)
 *   --timeout   overall deadline in seconds (default: $KAFKA_START_TIMEOUT_S or 90)
 *   --pid       give up early (exit 2) when this process is gone (the broker we are waiting for)
 *   --interval  pause between attempts in ms (default 500)
 *   --quiet     print nothing on success
 *
 * Exit codes: 0 ready, 1 deadline passed, 2 the watched process died, 64 bad arguments.
 */
import { Kafka, logLevel } from "kafkajs";

// kafkajs 2.2.4 arms a timer with `throttledUntil - Date.now()`, which is negative when nothing is
// throttled; newer runtimes warn about it (TimeoutNegativeWarning). Harmless: keep the output clean.
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  if (warning.name !== "TimeoutNegativeWarning") console.error(warning);
});

interface ProbeOptions {
  brokers: string[];
  timeoutMs: number;
  pid: number | undefined;
  intervalMs: number;
  quiet: boolean;
}

function usageError(message: string): never {
  console.error(`kafka-ready: ${message}`);
  process.exit(64);
}

function parsePositive(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || value <= 0) {
    usageError(`${name} needs a positive number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function parseOptions(argv: string[]): ProbeOptions {
  let brokers = process.env.KAFKA_BOOTSTRAP_SERVERS ?? "127.0.0.1:9092";
  let timeoutS = Number(process.env.KAFKA_START_TIMEOUT_S ?? "90");
  let pid: number | undefined;
  let intervalMs = 500;
  let quiet = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case "--brokers":
        brokers = argv[++i] ?? usageError("--brokers needs a value");
        break;
      case "--timeout":
        timeoutS = parsePositive("--timeout", argv[++i]);
        break;
      case "--pid":
        pid = parsePositive("--pid", argv[++i]);
        break;
      case "--interval":
        intervalMs = parsePositive("--interval", argv[++i]);
        break;
      case "--quiet":
        quiet = true;
        break;
      default:
        usageError(`unknown argument ${JSON.stringify(arg)}`);
    }
  }

  const list = brokers
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (list.length === 0) usageError("no bootstrap server given");
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) usageError("timeout must be positive");
  return { brokers: list, timeoutMs: timeoutS * 1000, pid, intervalMs, quiet };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means it exists but belongs to someone else: still alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} got no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** One attempt: a fresh client, a metadata round trip, then disconnect. Throws when not ready. */
async function probeOnce(brokers: string[]): Promise<string> {
  const kafka = new Kafka({
    clientId: "kafka-ready-probe",
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 3_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await withDeadline(admin.connect(), 4_000, "connect");
    const cluster = await withDeadline(admin.describeCluster(), 4_000, "describeCluster");
    if (cluster.brokers.length === 0) throw new Error("metadata answer lists no broker yet");
    // A second, topic-level metadata request (all topics): proves the request path works end to end.
    const metadata = await withDeadline(admin.fetchTopicMetadata({ topics: [] }), 4_000, "fetchTopicMetadata");
    const nodes = cluster.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(", ");
    return `cluster ${cluster.clusterId}, brokers [${nodes}], ${metadata.topics.length} topic(s)`;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  let attempts = 0;
  let lastError = "no attempt made";

  while (Date.now() < deadline) {
    if (options.pid !== undefined && !processAlive(options.pid)) {
      console.error(`kafka-ready: broker process ${options.pid} exited before it became ready`);
      return 2;
    }
    attempts++;
    try {
      const summary = await probeOnce(options.brokers);
      if (!options.quiet) {
        const ms = Date.now() - started;
        console.log(`kafka-ready: ${options.brokers.join(",")} answered metadata after ${ms} ms (${summary})`);
      }
      return 0;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    const pause = Math.min(options.intervalMs, Math.max(0, deadline - Date.now()));
    await new Promise((resolve) => setTimeout(resolve, pause));
  }

  console.error(
    `kafka-ready: ${options.brokers.join(",")} not ready after ${options.timeoutMs / 1000} s ` +
      `(${attempts} attempts); last error: ${lastError}`,
  );
  return 1;
}

process.exit(await main());
