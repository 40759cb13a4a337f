/**
 * Template-generator throughput through the whole service in one process: 20,000 problems by default from the
 * first POST (200 requests of 100) until every request is completed and the group's offsets are committed (lag 0).
 *
 * Baseline, same run, same broker and database server: a bare pipeline with no framework. kafkajs `eachBatch`
 * generates a template problem per message and writes the batch with one multi-row INSERT of rows of the same
 * shape (postgres.js), then commits the batch. Measured from the first produce to the last commit.
 *
 * Then memory: the RSS of a worker process (`bun src/main.ts`) idle on an empty topic, and its peak over 30 s while
 * a 100,000-message backlog waits for it.
 *
 * Run: KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 bun run bench/worker.ts [runs] [requests of 100]
 */
import { Kafka, logLevel } from "kafkajs";
import postgres from "postgres";
import { generationRequestsRepository } from "../src/db/repositories/generation-requests";
import { templateGenerator } from "../src/problems/generators/template";
import { generationMessages, traceparentFor } from "../src/queue/messages";
import { topicNames } from "../src/queue/topics";
import { createTestDatabase } from "../tests/support/postgres";
import { BOOTSTRAP, benchService, median, uniquePrefix } from "./support";

const RUNS = Number(process.argv[2] ?? 3);
/** Requests of 100 per run: 200 (20,000 problems) unless a smaller run is asked for. */
const REQUESTS = Number(process.argv[3] ?? 200);
const COUNT = 100;
const TOTAL = REQUESTS * COUNT;
const kafka = new Kafka({ clientId: "bench", brokers: [BOOTSTRAP], logLevel: logLevel.NOTHING });
const signal = new AbortController().signal;

async function serviceRun(): Promise<number> {
  const bench = await benchService("worker", { WORKER_CONCURRENCY: "32" });
  try {
    const seconds = await bench.generate(Array<number>(REQUESTS).fill(COUNT), 4);
    // Completed means every item is stored; committed follows within one commit interval.
    await bench.committed();
    return TOTAL / (seconds + bench.sinceCompleted());
  } finally {
    await bench.close();
  }
}

async function bareRun(): Promise<number> {
  const db = await createTestDatabase("bench_bare");
  const sql = postgres(db.url, { max: 4, onnotice: () => {} });
  const topic = `${uniquePrefix("bare")}requests`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 10 }] });
  const producer = kafka.producer();
  await producer.connect();
  const consumer = kafka.consumer({ groupId: `${topic}-group` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let stored = 0;
  const done = Promise.withResolvers<void>();
  await consumer.run({
    eachBatchAutoResolve: true,
    eachBatch: async ({ batch, commitOffsetsIfNecessary }) => {
      const rows = [];
      for (const message of batch.messages) {
        const value = JSON.parse(String(message.value)) as { message_id: string; statement_count: number };
        const seed = Number.parseInt(value.message_id.slice(-8), 16);
        const { problem, trace } = await templateGenerator.generate(
          { statement_count: value.statement_count },
          { signal, seed },
        );
        rows.push({
          problem_type: problem.problem_type,
          title: problem.title,
          instructions: problem.instructions,
          correct_answer_index: problem.correct_answer_index,
          target_language_code: problem.target_language_code,
          statements: sql.json(problem.statements as never),
          topic_tags: problem.topic_tags,
          metadata: sql.json(problem.metadata as never),
          generation_trace: sql.json(trace as never),
          source_message_id: value.message_id,
        });
      }
      await sql`INSERT INTO problems ${sql(rows)}`;
      await commitOffsetsIfNecessary();
      stored += rows.length;
      if (stored >= TOTAL) done.resolve();
    },
  });
  const startedAt = performance.now();
  const messages = Array.from({ length: REQUESTS }, () =>
    generationMessages({
      requestId: crypto.randomUUID(),
      count: COUNT,
      statementCount: 4,
      traceparent: traceparentFor(),
    }),
  );
  for (const batch of messages) await producer.send({ topic, messages: batch });
  await done.promise;
  const perSecond = TOTAL / ((performance.now() - startedAt) / 1000);
  await consumer.disconnect();
  await producer.disconnect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
  await sql.end();
  await db.drop();
  return perSecond;
}

async function rss(pid: number): Promise<number> {
  const status = await Bun.file(`/proc/${pid}/status`).text();
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
}

/** RSS (MiB) of a worker idle, then its peak over 30 s with a 100,000-message backlog. */
async function memory(): Promise<{ idle: number; backlog: number; handled: number }> {
  const db = await createTestDatabase("bench_rss");
  const prefix = uniquePrefix("rss");
  const env = {
    ...process.env,
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: "warn",
    DATABASE_URL: db.url,
    KAFKA_BOOTSTRAP_SERVERS: BOOTSTRAP,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_TOPIC_PARTITIONS: "10",
    ENABLE_WORKER: "true",
    POOL_MIN_UNSERVED: "0",
  };
  const worker = Bun.spawn(["bun", "src/main.ts"], { env, stdout: "ignore", stderr: "inherit" });
  try {
    const admin = kafka.admin();
    await admin.connect();
    const topic = topicNames(prefix).requests;
    while (!(await admin.listTopics()).includes(topic)) await Bun.sleep(200);
    await Bun.sleep(10_000); // settle after start: joined, idle
    const idle: number[] = [];
    for (let i = 0; i < 10; i++) {
      idle.push(await rss(worker.pid));
      await Bun.sleep(200);
    }
    // The backlog goes straight to the topic, for requests that exist (messages for unknown requests would be
    // dead-lettered, and the DLQ guard would rightly stop the worker after a run of them).
    const requests = generationRequestsRepository(db.database);
    const producer = kafka.producer();
    await producer.connect();
    for (let i = 0; i < 1000; i++) {
      const request = await requests.create({ requestedCount: 100 });
      await producer.send({
        topic,
        messages: generationMessages({
          requestId: request.id,
          count: 100,
          statementCount: 4,
          traceparent: traceparentFor(),
        }),
      });
    }
    await producer.disconnect();
    let peak = 0;
    const until = performance.now() + 30_000;
    while (performance.now() < until) {
      peak = Math.max(peak, await rss(worker.pid));
      await Bun.sleep(200);
    }
    const lag = await admin.fetchOffsets({ groupId: `${prefix}problem-generator-workers`, topics: [topic] });
    const handled = (lag[0]?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    await admin.disconnect();
    return { idle: median(idle), backlog: peak, handled };
  } finally {
    worker.kill("SIGTERM");
    await worker.exited;
    await db.drop();
  }
}

const service: number[] = [];
const bare: number[] = [];
for (let run = 0; run < RUNS; run++) {
  service.push(await serviceRun());
  bare.push(await bareRun());
  console.log(`run ${run + 1}: service ${service.at(-1)?.toFixed(0)}/s, bare ${bare.at(-1)?.toFixed(0)}/s`);
}
const m = median(service);
const b = median(bare);
console.log(`service median ${m.toFixed(0)} problems/s (${service.map((v) => v.toFixed(0)).join(" · ")})`);
console.log(`bare median ${b.toFixed(0)} problems/s (${bare.map((v) => v.toFixed(0)).join(" · ")})`);
console.log(`ratio ${(m / b).toFixed(2)}`);
const mem = await memory();
console.log(
  `RSS idle ${mem.idle.toFixed(0)} MiB; peak with a 100,000-message backlog ${mem.backlog.toFixed(0)} MiB (${mem.handled} committed in 30 s)`,
);
process.exit(0);
