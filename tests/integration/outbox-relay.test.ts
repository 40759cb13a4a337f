import { afterAll, beforeAll, beforeEach, expect, test } from "bun:test";
import { generationRequestsRepository } from "../../src/db/repositories/generation-requests";
import { outboxRepository } from "../../src/db/repositories/outbox";
import { generationSubmitter } from "../../src/generation/submit";
import { createMemoryTransport } from "../../src/queue/memory";
import { traceparentFor } from "../../src/queue/messages";
import { topicNames, topicSpecs } from "../../src/queue/topics";
import { silentLogger } from "../support/app";
import { outboxMessages } from "../support/generation";
import { eventually } from "../support/logs";
import { startTestRelay } from "../support/outbox";
import { createTestDatabase, type TestDatabase } from "../support/postgres";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("outbox_relay_unit");
});
beforeEach(() => t.truncate());
afterAll(() => t?.drop());

const topic = topicNames("").requests;

/** The in-process transport (the embedded default) and how many messages reached its requests topic. */
function memoryQueue() {
  const transport = createMemoryTransport(topicSpecs(2));
  const published = async () =>
    (await transport.lag("nobody", topic)).reduce((sum, partition) => sum + partition.lag, 0);
  return { publisher: transport.publisher, published };
}

const submitterFor = (onEnqueued: () => void) =>
  generationSubmitter({
    requests: generationRequestsRepository(t.database),
    logger: silentLogger,
    topic,
    maxPending: 10_000,
    onEnqueued,
  });
const submit = (submitter: ReturnType<typeof submitterFor>, count: number) =>
  submitter.submit({ count, statementCount: 4, traceparent: traceparentFor() }, { allowances: [] });

test("a submit wakes the relay of its process at once, not at its next poll", async () => {
  const queue = memoryQueue();
  // A poll this long would outlast the wait below: only the doorbell can publish in time.
  const relay = startTestRelay(t.database, queue.publisher, { idlePollMs: 600_000 });
  const submitter = submitterFor(relay.doorbell.ring);
  try {
    // The first request may race the relay's first pass; the second comes after the relay has gone to sleep.
    await submit(submitter, 3);
    await eventually(async () => (await queue.published()) === 3, 20_000, "first request published");
    await submit(submitter, 2);
    await eventually(async () => (await queue.published()) === 5, 20_000, "second request published");
    expect(await outboxMessages(t.database)).toHaveLength(0);
  } finally {
    await relay.stop();
  }
});

test("a publish that fails leaves the claimed rows in the outbox, and the next batch sends them", async () => {
  const queue = memoryQueue();
  await submit(
    submitterFor(() => {}),
    4,
  );
  const outbox = outboxRepository(t.database);
  const refused = outbox.relayBatch(100, async () => {
    throw new Error("broker down");
  });
  expect(refused).rejects.toThrow("broker down");
  await refused.catch(() => {});
  expect(await outboxMessages(t.database)).toHaveLength(4);
  const sent = await outbox.relayBatch(100, (rows) =>
    queue.publisher.publish(
      topic,
      rows.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
    ),
  );
  expect(sent).toBe(4);
  expect(await queue.published()).toBe(4);
  expect(await outboxMessages(t.database)).toHaveLength(0);
});

test("rows one relay holds while it publishes are skipped by another, not waited for nor sent twice", async () => {
  await submit(
    submitterFor(() => {}),
    5,
  );
  const outbox = outboxRepository(t.database);
  const held: string[] = [];
  const release = Promise.withResolvers<void>();
  const claimed = Promise.withResolvers<void>();
  // The first relay claims the two oldest rows and stays inside its publish until released.
  const first = outbox.relayBatch(2, async (rows) => {
    held.push(...rows.map((r) => r.key));
    claimed.resolve();
    await release.promise;
  });
  await claimed.promise;
  const other: string[] = [];
  const sent = await outbox.relayBatch(100, async (rows) => void other.push(...rows.map((r) => r.key)));
  expect(sent).toBe(3);
  release.resolve();
  expect(await first).toBe(2);
  expect(held.filter((key) => other.includes(key))).toEqual([]);
  expect(await outboxMessages(t.database)).toHaveLength(0);
});

test("a relay stopped during its first claim ends at once instead of sleeping through its poll; later rows wait", async () => {
  const queue = memoryQueue();
  const relay = startTestRelay(t.database, queue.publisher, { idlePollMs: 600_000 });
  await relay.stop();
  await submit(submitterFor(relay.doorbell.ring), 2);
  expect(await outboxMessages(t.database)).toHaveLength(2);
  expect(await queue.published()).toBe(0);
});
