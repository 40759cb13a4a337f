/** What the service benchmarks share: a fresh database and topics per configuration, medians, a request poller. */
import { sql } from "drizzle-orm";
import { topicNames } from "../src/queue/topics";
import { runService, type Service } from "../src/service";
import { createLogger } from "../src/telemetry/logger";
import { createTestDatabase, type TestDatabase } from "../tests/support/postgres";
import { testConfig } from "../tests/support/service";

export const BOOTSTRAP = process.env.KAFKA_BOOTSTRAP_SERVERS ?? "127.0.0.1:9092";

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export const uniquePrefix = (label: string) => `bench-${label}-${Date.now().toString(36)}.`;

/** The whole service in this process (HTTP, worker, Kafka, Postgres) on its own database and topics. */
export async function benchService(label: string, env: Record<string, string>) {
  const db: TestDatabase = await createTestDatabase(`bench_${label}`);
  const config = testConfig({
    DATABASE_URL: db.url,
    KAFKA_BOOTSTRAP_SERVERS: BOOTSTRAP,
    KAFKA_TOPIC_PREFIX: uniquePrefix(label),
    KAFKA_TOPIC_PARTITIONS: "10",
    ENABLE_WORKER: "true",
    POOL_MIN_UNSERVED: "0",
    DATABASE_POOL_MAX: "20",
    // A benchmark asks for far more than the default global 2,000 problems an hour.
    GENERATION_QUOTA_GLOBAL_PER_HOUR: "10000000",
    ...env,
  });
  const service: Service = await runService(config, { logger: createLogger({ level: "silent", pretty: false }) });
  while (!(await fetch(new URL("/health/ready", service.url))).ok) await Bun.sleep(100);

  /** POSTs the requests, waits until all are completed; seconds from the first POST to the last completion. */
  async function generate(counts: readonly number[], statementCount: number): Promise<number> {
    const startedAt = performance.now();
    const post = async (count: number) => {
      const res = await fetch(new URL("/api/v1/problems/generate", service.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ count, statement_count: statementCount }),
      });
      if (res.status !== 202) throw new Error(`POST generate answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { request_id: string }).request_id;
    };
    // Ten POSTs at a time: a client's pace, not a burst that would outlast the publish deadline on a busy machine.
    const ids: string[] = [];
    for (let at = 0; at < counts.length; at += 10)
      ids.push(...(await Promise.all(counts.slice(at, at + 10).map(post))));
    for (;;) {
      const [row] = await db.database.rows<{ open: number }>(
        sql`SELECT count(*)::int AS open FROM generation_requests
            WHERE id IN ${sql.raw(`(${ids.map((id) => `'${id}'`).join(",")})`)} AND status <> 'completed'`,
      );
      if (row?.open === 0) break;
      await Bun.sleep(20);
    }
    return (performance.now() - startedAt) / 1000;
  }

  let completedAt = 0;
  /** Waits until the group has committed everything on the requests topic (lag 0). */
  async function committed() {
    completedAt = performance.now();
    for (;;) {
      const lags = await service.transport.lag(config.worker.groupId, topicNames(config.kafka.topicPrefix).requests);
      if (lags.every((p) => p.lag === 0)) return;
      await Bun.sleep(20);
    }
  }

  return {
    service,
    db,
    generate,
    committed,
    /** Seconds `committed()` waited after the requests completed. */
    sinceCompleted: () => (performance.now() - completedAt) / 1000,
    async close() {
      await service.stop("benchmark finished");
      await db.drop();
    },
  };
}
