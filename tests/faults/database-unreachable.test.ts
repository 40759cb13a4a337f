import { afterAll, beforeAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { eventually } from "../support/logs";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { faultEnvironment } from "./environment";

/**
 * An operator's database outage, automated: the service as its own process, its database behind a proxy this test
 * cuts for 5 s while the worker stores 1,000 problems and HTTP traffic runs. The shared Postgres never stops.
 * Prints the answer and readiness times it saw (docs/reliability.md records them); asserts behaviour, not speed.
 */

const REQUEST_TIMEOUT_MS = 5000;
/**
 * A response the middleware timed out arrives REQUEST_TIMEOUT_MS after the server saw the request; the client's
 * clock started earlier (connect, a loaded 2-core machine's scheduling): this much room, no more.
 */
const CLIENT_ROOM_MS = 1000;
const OUTAGE_MS = 5000;
const REQUESTS = 20;
const PER_REQUEST = 50;

let env: Awaited<ReturnType<typeof faultEnvironment>>;
let proxy: TcpProxy;

beforeAll(async () => {
  env = await faultEnvironment("db_cut", { WORKER_CONCURRENCY: "16", REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) });
  const target = new URL(env.t.url);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
});
afterAll(async () => {
  await proxy?.close();
  await env?.close();
}, 30_000);

interface Answer {
  path: string;
  method: string;
  startedAt: number;
  endedAt: number;
  status?: number;
  code?: string;
  /** Set when no HTTP answer came (socket error, reset, or our own hang guard). */
  error?: string;
}

async function call(base: URL, path: string, init: RequestInit = {}): Promise<Answer> {
  const startedAt = performance.now();
  const method = init.method ?? "GET";
  try {
    // The guard only turns a hang into a recorded failure; it is far beyond what any answer may take.
    const res = await fetch(new URL(path, base), { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 4) });
    const body = (await res.json().catch(() => undefined)) as { error?: { code?: string } } | undefined;
    return { path, method, startedAt, endedAt: performance.now(), status: res.status, code: body?.error?.code };
  } catch (error) {
    return { path, method, startedAt, endedAt: performance.now(), error: String(error) };
  }
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;

test("database cut for 5 s under worker load and HTTP traffic: the process lives, every request is answered, nothing is lost", async () => {
  const { service: running, url: base } = await env.start({ DATABASE_URL: proxy.urlFor(env.t.url) });

  // Each logical request carries its Idempotency-Key: a POST refused during the outage is sent again until a 202,
  // and a repeat can never make a second request.
  const pending = Array.from({ length: REQUESTS }, (_, i) => `outage-${i}`);
  const accepted = new Set<string>();
  const answers: Answer[] = [];
  const post = async (key: string) => {
    const answer = await call(base, "/api/v1/problems/generate", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify({ count: PER_REQUEST, statement_count: 2 }),
    });
    answers.push(answer);
    if (answer.status === 202) accepted.add(key);
    else pending.push(key);
  };
  const stored = env.stored;

  // Half of the work before the cut; the rest is posted by the traffic loop, through the outage.
  for (const key of pending.splice(0, REQUESTS / 2)) await post(key);
  expect(accepted.size).toBe(REQUESTS / 2);

  let traffic = true;
  let posting = false;
  const loop = async (n: number) => {
    for (let i = 0; traffic; i++) {
      const key = posting && i % 5 === n ? pending.shift() : undefined;
      if (key) await post(key);
      else answers.push(await call(base, "/api/v1/problems/random"));
    }
  };
  const readiness: { at: number; status: number; database?: boolean }[] = [];
  const watchReadiness = async () => {
    while (traffic) {
      const res = await fetch(new URL("/health/ready", base)).catch(() => undefined);
      const body = (await res?.json().catch(() => undefined)) as
        | { components?: { database?: { ready?: boolean } } }
        | undefined;
      readiness.push({ at: performance.now(), status: res?.status ?? 0, database: body?.components?.database?.ready });
      await Bun.sleep(100);
    }
  };
  const loops = Promise.all([loop(0), loop(1), loop(2), watchReadiness()]);

  try {
    await eventually(async () => (await stored()) >= 50, 60_000, "the worker storing problems");
    posting = true;
    const cutAt = performance.now();
    await proxy.cut();
    const storedAtCut = await stored();
    const knownDown = await eventually(
      () => readiness.find((r) => r.at > cutAt && r.database === false),
      20_000,
      "readiness to report the database down",
    );
    expect(knownDown.status).toBe(503);
    // The outage lasts its 5 s whatever the test observes meanwhile.
    await Bun.sleep(Math.max(0, cutAt + OUTAGE_MS - performance.now()));
    const storedAtRestore = await stored();
    const restoreAt = performance.now();
    await proxy.restore();
    const backUp = await eventually(
      () => readiness.find((r) => r.at > restoreAt && r.status === 200),
      30_000,
      "readiness back to 200 without any restart",
    );

    await eventually(() => accepted.size === REQUESTS, 60_000, "every logical request accepted");
    traffic = false;
    await loops;
    // Exactly the requested work, counted once: from the database and the broker, not from the service's word.
    expect(await env.violations()).toEqual([]);
    const totals = (
      await env.t.database.rows<{ requests: number; requested: number; problems: number; completed: number }>(sql`
        SELECT (SELECT count(*)::int FROM generation_requests) AS requests,
               (SELECT sum(requested_count)::int FROM generation_requests) AS requested,
               (SELECT count(*)::int FROM problems) AS problems,
               (SELECT count(*)::int FROM generation_requests WHERE status = 'completed') AS completed`)
    )[0];
    expect(totals).toEqual({ requests: REQUESTS, requested: 1000, problems: 1000, completed: REQUESTS });
    // Each stored problem is counted processed at most once. A message can also be delivered more than once: the
    // outbox relay republishes a batch whose delete the cut lost, and a transaction that committed as the cut
    // dropped its connection is redelivered; those copies are skips, so processed + skipped covers every problem.
    const processed = await env.counter(base, "worker_messages_processed_total");
    const skipped = await env.counter(base, "worker_messages_skipped_total");
    expect(processed).toBeLessThanOrEqual(1000);
    expect(processed + skipped).toBeGreaterThanOrEqual(1000);

    // The process lived through it, and every request got an HTTP answer in time.
    expect(running.child.exitCode).toBeNull();
    expect(answers.filter((a) => a.error)).toEqual([]);
    const late = answers.filter((a) => a.endedAt - a.startedAt > REQUEST_TIMEOUT_MS + CLIENT_ROOM_MS);
    expect(late).toEqual([]);
    // While the database is known down, the API refuses at once with the reason.
    const whileDown = answers.filter((a) => a.startedAt > knownDown.at && a.endedAt < restoreAt);
    expect(whileDown.length).toBeGreaterThan(0);
    expect(whileDown.filter((a) => a.status !== 503 || a.code !== "database_unavailable")).toEqual([]);
    expect(whileDown.some((a) => a.method === "POST")).toBe(true);

    // The cut came mid-run: the worker had messages in flight, and left them for redelivery rather than fail them.
    const leftForRedelivery = running.lines.filter(
      (l) => l.msg === "database unavailable: message left for redelivery",
    ).length;
    expect(leftForRedelivery).toBeGreaterThan(0);

    const downMs = whileDown.map((a) => a.endedAt - a.startedAt);
    const atCut = answers.filter((a) => a.startedAt <= knownDown.at && a.endedAt > cutAt);
    console.log(
      JSON.stringify({
        outage_run: {
          answers: answers.length,
          stored_at_cut: storedAtCut,
          stored_at_restore: storedAtRestore,
          worker_messages_left_for_redelivery: leftForRedelivery,
          processed,
          skipped,
          answered_503_while_known_down: whileDown.length,
          known_down_p50_ms: Math.round(pct(downMs, 0.5) * 10) / 10,
          known_down_p99_ms: Math.round(pct(downMs, 0.99) * 10) / 10,
          known_down_max_ms: Math.round(Math.max(...downMs) * 10) / 10,
          slowest_answer_around_cut_ms: Math.round(Math.max(0, ...atCut.map((a) => a.endedAt - a.startedAt))),
          slowest_answer_ms: Math.round(Math.max(...answers.map((a) => a.endedAt - a.startedAt))),
          ready_503_after_cut_ms: Math.round(knownDown.at - cutAt),
          ready_200_after_restore_ms: Math.round(backUp.at - restoreAt),
        },
      }),
    );
  } finally {
    traffic = false;
    await loops;
    await proxy.restore();
  }
}, 240_000);
