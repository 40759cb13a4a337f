import { sql } from "drizzle-orm";
import { topicNames } from "../../src/queue/topics";
import { type DlqContents, dlqContents, type InvariantScope, settledViolations } from "../support/invariants";
import { kafkaBroker, uniqueName } from "../support/kafka";
import { eventually } from "../support/logs";
import { promTotal } from "../support/metrics";
import { createTestDatabase } from "../support/postgres";
import { type ServiceProcess, spawnService } from "../support/service-process";

/**
 * One fault scenario's world: its own database, topic prefix and consumer group on the shared broker, and the
 * service processes it starts there (separate processes, so a crash or a kill is a real one). `close()` kills what
 * is still running and drops the database. Every scenario's invariants include the DLQ's: `poison` names the
 * dead letters it produces on purpose, by reason; a scenario with an outage of the broker passes its own `bootstrap`.
 */
export async function faultEnvironment(
  label: string,
  env: Record<string, string> = {},
  options: { poison?: Record<string, number>; bootstrap?: string } = {},
) {
  const broker = options.bootstrap ? { bootstrap: options.bootstrap } : await kafkaBroker();
  const t = await createTestDatabase(`fault_${label}`);
  const prefix = `${uniqueName(`fault-${label}`)}.`;
  const names = topicNames(prefix);
  const topic = names.requests;
  const processes: ServiceProcess[] = [];
  const baseEnv = {
    DATABASE_URL: t.url,
    KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_TOPIC_PARTITIONS: "4",
    ENABLE_WORKER: "true",
    GENERATOR: "template",
    POOL_MIN_UNSERVED: "0",
    GENERATION_QUOTA_GLOBAL_PER_HOUR: "10000000",
    METRICS_PROMETHEUS: "true",
    SHUTDOWN_TIMEOUT_MS: "5000",
    ...env,
  };

  const dlq = { topic: names.dlq, poison: options.poison };
  const scope: InvariantScope = {
    database: t.database,
    bootstrap: broker.bootstrap,
    groupId: `${prefix}problem-generator-workers`,
    topics: [topic, names.retry],
    dlq,
  };

  return {
    t,
    topic,
    topics: names,
    bootstrap: broker.bootstrap,
    scope,
    /** Starts a service process and waits until it is ready (worker in the group). */
    async start(extra: Record<string, string> = {}) {
      const service = spawnService({ ...baseEnv, ...extra });
      processes.push(service);
      const url = await service.listening();
      await eventually(async () => (await fetch(new URL("/health/ready", url))).ok, 90_000, "service ready");
      return { service, url };
    },
    /** POSTs `requests` generation requests of `count` problems; every one must be accepted. */
    async post(url: URL, requests: number, count: number) {
      for (let i = 0; i < requests; i++) {
        const res = await fetch(new URL("/api/v1/problems/generate", url), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ count, statement_count: 2 }),
        });
        if (res.status !== 202) throw new Error(`POST generate answered ${res.status}: ${await res.text()}`);
      }
    },
    async stored() {
      return (await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM problems`))[0]?.n ?? 0;
    },
    /** The sum of a counter's series on a process's /metrics. */
    async counter(url: URL, name: string) {
      return promTotal(await (await fetch(new URL("/metrics", url))).text(), name);
    },
    /** The invariants, once they settle (empty) or what still fails after `timeoutMs`. */
    violations: (timeoutMs = 120_000) => settledViolations(scope, timeoutMs),
    /** What the DLQ holds (table rows by reason, topic copies and positions), for the scenario's printed figures. */
    dlq: (): Promise<DlqContents> => dlqContents({ ...scope, dlq }),
    async close() {
      await Promise.all(processes.map((p) => p.kill()));
      await t.drop();
    },
  };
}
