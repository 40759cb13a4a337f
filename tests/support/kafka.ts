import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { run } from "./processes";

const ROOT = join(import.meta.dir, "../..");
const SCRIPT = join(ROOT, "scripts/kafka-local.sh");

export interface Broker {
  bootstrap: string;
  /** How the broker was found: named by the environment, a container, or a local process we started. */
  source: "env" | "testcontainers" | "local";
  stop(): Promise<void>;
}

async function sh(args: string[], env: Record<string, string> = {}): Promise<void> {
  const { code, stdout, stderr } = await run(["bash", SCRIPT, ...args], { env });
  if (code !== 0) throw new Error(`kafka-local.sh ${args.join(" ")} failed (${code}):\n${stdout}\n${stderr}`);
}

/** A local KRaft broker on its own port and data dir, from the Maven jars (shared jar cache). */
export async function startLocalBroker(port: number, dataDir = mkdtempSync(join(tmpdir(), "lqs-kafka-"))) {
  const env = { KAFKA_PORT: String(port), KAFKA_DATA_DIR: dataDir };
  await sh(["start"], env);
  return {
    bootstrap: `127.0.0.1:${port}`,
    dataDir,
    start: () => sh(["start"], env),
    stop: () => sh(["stop"], env),
    async destroy() {
      await sh(["stop"], env);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const child = Bun.spawn(["docker", "info", "--format", "{{.ServerVersion}}"], {
      stdout: "ignore",
      stderr: "ignore",
    });
    const timer = setTimeout(() => child.kill(), 5000);
    const code = await child.exited;
    clearTimeout(timer);
    return code === 0;
  } catch {
    return false;
  }
}

let shared: Promise<Broker> | undefined;

/**
 * One broker for the whole test run, found in this order: KAFKA_BOOTSTRAP_SERVERS; a testcontainers `apache/kafka`
 * container when a Docker engine answers; else the local broker started from the Maven jars. Whatever this started,
 * `releaseBroker()` (called by the preload's global afterAll) stops.
 */
export function kafkaBroker(): Promise<Broker> {
  shared ??= (async (): Promise<Broker> => {
    const named = process.env.KAFKA_BOOTSTRAP_SERVERS;
    if (named) return { bootstrap: named, source: "env", stop: async () => {} };
    if (await dockerAnswers()) {
      const { GenericContainer, Wait } = await import("testcontainers");
      const version = (await Bun.file(join(ROOT, "infra/kafka/local/pom.xml")).text()).match(
        /<kafka\.version>(.+)<\/kafka\.version>/,
      )?.[1];
      const container = await new GenericContainer(`apache/kafka:${version}`)
        .withExposedPorts({ container: 9092, host: 29092 })
        .withEnvironment({
          KAFKA_ADVERTISED_LISTENERS: "PLAINTEXT://127.0.0.1:29092,CONTROLLER://localhost:9093",
          KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: "0",
        })
        .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
        .start();
      return {
        bootstrap: "127.0.0.1:29092",
        source: "testcontainers",
        stop: async () => void (await container.stop()),
      };
    }
    const local = await startLocalBroker(Number(process.env.KAFKA_TEST_PORT ?? 19092));
    return { bootstrap: local.bootstrap, source: "local", stop: local.destroy };
  })();
  return shared;
}

export async function releaseBroker(): Promise<void> {
  if (!shared) return;
  const broker = await shared.catch(() => undefined);
  shared = undefined;
  await broker?.stop();
}

/** A kafkajs client for test-side producing and inspecting (quiet logs). */
export function testKafka(bootstrap: string): Kafka {
  return new Kafka({
    clientId: "lqs-tests",
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 3, initialRetryTime: 200 },
  });
}

/** A unique topic or group name per test, so tests never see each other's messages on a shared broker. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}
