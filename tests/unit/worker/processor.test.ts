import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { z } from "zod";
import { createDatabase } from "../../../src/db/client";
import { deadLettersRepository } from "../../../src/db/repositories/dead-letters";
import { generationRequestsRepository } from "../../../src/db/repositories/generation-requests";
import { AppError } from "../../../src/errors";
import { createTemplateGenerator } from "../../../src/problems/generators/template";
import type { Envelope } from "../../../src/queue/transport";
import { CircuitOpenError } from "../../../src/worker/circuit";
import type { MessageHandler } from "../../../src/worker/handlers";
import { defineHandler } from "../../../src/worker/handlers/handler";
import { problemGenerationHandler } from "../../../src/worker/handlers/problem-generation";
import { envelopeOf, generationMessage } from "../../support/generation";
import { capturingLogger } from "../../support/logs";
import { createTestDatabase, type TestDatabase } from "../../support/postgres";
import { testProcessor } from "../../support/worker";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("processor");
}, 60_000);
afterAll(() => t?.drop());

const processorWith = (handler: MessageHandler, maxAttempts = 3) =>
  testProcessor([handler], { database: t.database, maxAttempts });

class RateLimited extends AppError {
  constructor(readonly retryAfterMs: number) {
    super("llm_rate_limited", "slow down", true);
  }
}

const schema = z.object({ message_type: z.literal("probe"), message_id: z.string() });
const probe = { message_type: "probe", message_id: "m-1" };
let nextOffset = 1000;
/** Each envelope at its own offset: dead letters are recorded once per original position. */
const envelope = (value: unknown, headers: Record<string, string> = {}): Envelope => ({
  ...envelopeOf(value, nextOffset++),
  headers,
});

/** A handler that always throws `error()`, noting when in `calls`; with `failures`, its failure hook keeps each error. */
const failingWith = (error: () => unknown, calls: number[] = [], failures?: unknown[]) =>
  defineHandler({
    type: "probe",
    schema,
    async handle() {
      calls.push(performance.now());
      throw error();
    },
    ...(failures && {
      async onFailure(_message: unknown, failure: unknown) {
        failures.push(failure);
      },
    }),
  });

describe("message processor", () => {
  test("a blip that asks for no wait is retried once in place, and nothing is republished", async () => {
    const calls: number[] = [];
    const handler = defineHandler({
      type: "probe",
      schema,
      async handle() {
        calls.push(performance.now());
        if (calls.length === 1) throw new RateLimited(0);
      },
    });
    const { process, reader, published } = processorWith(handler);
    await process(envelope(probe));
    expect(calls).toHaveLength(2);
    expect(published).toHaveLength(0);
    expect(await reader.value("worker.messages.processed")).toBe(1);
  });

  test("a 429 asking for a long wait goes to the retry topic at once, attempt 2, not before its Retry-After", async () => {
    const calls: number[] = [];
    const { process, reader, published, names } = processorWith(failingWith(() => new RateLimited(60_000), calls));
    const before = Date.now();
    const sent = envelope(probe, { traceparent: "00-0123456789abcdef0123456789abcdef-0123456789abcdef-01" });
    await process(sent);
    expect(calls).toHaveLength(1);
    expect(published).toHaveLength(1);
    const [retry] = published;
    expect(retry?.topic).toBe(names.retry);
    expect(retry?.message.value).toEqual(sent.value);
    const headers = retry?.message.headers ?? {};
    expect(headers).toMatchObject({
      attempt: "2",
      first_error: "llm_rate_limited: slow down",
      original_topic: sent.topic,
      original_partition: String(sent.partition),
      original_offset: sent.offset,
      traceparent: sent.headers.traceparent,
    });
    expect(Number(headers.not_before)).toBeGreaterThanOrEqual(before + 60_000);
    expect(await reader.value("worker.messages.retried", { error_code: "llm_rate_limited" })).toBe(1);
  });

  test("a retried message keeps its original position and first error through the next retry", async () => {
    const { process, published } = processorWith(
      failingWith(() => new Error("socket hang up")),
      5,
    );
    const origin = {
      attempt: "2",
      first_error: "llm_timeout: first",
      original_topic: "problem-generation-requests",
      original_partition: "2",
      original_offset: "41",
      original_timestamp: "2026-01-01T00:00:00.000Z",
    };
    await process({ ...envelope(probe, { ...origin, not_before: "1" }), topic: "t-problem-generation-requests.retry" });
    const headers = published[0]?.message.headers ?? {};
    expect(headers).toMatchObject({ ...origin, attempt: "3" });
  });

  test("an unclassified error is transient: retried until MAX_ATTEMPTS, then dead-lettered with its headers", async () => {
    const { process, reader, published, names } = processorWith(
      failingWith(() => new TypeError("boom")),
      3,
    );
    const last = envelope(probe, { attempt: "3", first_error: "internal_error: boom" });
    await process(last);
    expect(published).toHaveLength(1);
    const dead = published[0];
    expect(dead?.topic).toBe(names.dlq);
    expect(dead?.message.value).toEqual(last.value);
    expect(dead?.message.key).toBeNull();
    expect(dead?.message.headers).toMatchObject({
      original_topic: last.topic,
      original_partition: "0",
      original_offset: last.offset,
      consumer_group: "g",
      attempts: "3",
      error_code: "internal_error",
      error_class: "transient",
      error_message: "boom",
      first_error: "internal_error: boom",
    });
    expect(Date.parse(dead?.message.headers?.failed_at ?? "")).not.toBeNaN();
    expect(Date.parse(dead?.message.headers?.original_timestamp ?? "")).not.toBeNaN();
    expect(dead?.message.headers).not.toHaveProperty("attempt");
    expect(await reader.value("worker.messages.dead_lettered", { reason: "internal_error" })).toBe(1);
    const [row] = await deadLettersRepository(t.database).listPending({ limit: 1 });
    expect(row).toMatchObject({ originalOffset: Number(last.offset), errorCode: "internal_error", attempts: 3 });
  });

  test("a permanent error is dead-lettered at once and goes to the failure hook once", async () => {
    const calls: number[] = [];
    const failures: unknown[] = [];
    const handler = failingWith(() => new AppError("invalid_problem", "bad"), calls, failures);
    const { process, reader, published, names } = processorWith(handler);
    await process(envelope(probe));
    expect(calls).toHaveLength(1);
    expect(failures).toHaveLength(1);
    expect(published.map((p) => p.topic)).toEqual([names.dlq]);
    expect(published[0]?.message.headers).toMatchObject({ error_class: "permanent", attempts: "1" });
    expect(await reader.value("worker.messages.failed", { error_type: "invalid_problem" })).toBe(1);
  });

  test.each([
    ["not_json", Buffer.from("{not json")],
    ["unknown_type", Buffer.from(JSON.stringify({ message_type: "nope" }))],
    ["schema_invalid", Buffer.from(JSON.stringify({ message_type: "probe" }))],
    ["oversized", Buffer.alloc(64 * 1024 + 1, 32)],
  ])("poison (%s) is dead-lettered with its reason, never handled or retried", async (reason, value) => {
    const calls: number[] = [];
    const { process, published, names } = processorWith(failingWith(() => new Error("never"), calls));
    const poison = { ...envelope(probe), value };
    await process(poison);
    expect(calls).toHaveLength(0);
    expect(published).toHaveLength(1);
    expect(published[0]?.topic).toBe(names.dlq);
    expect(published[0]?.message.value).toEqual(value);
    expect(published[0]?.message.headers).toMatchObject({ error_code: reason, error_class: "poison", attempts: "1" });
  });

  test("a failure that cannot be recorded (not an outage) is logged and the message skipped, not re-read forever", async () => {
    const handler = defineHandler({
      type: "probe",
      schema,
      handle: async () => {
        throw new AppError("invalid_problem", "bad");
      },
      onFailure: async () => {
        throw new Error("check constraint violated");
      },
    });
    const logs = capturingLogger();
    const { process, reader } = testProcessor([handler], { database: t.database, logger: logs.logger });
    await process(envelope(probe)); // resolves: the offset will be committed
    expect(await reader.value("worker.messages.failed", { error_type: "invalid_problem" })).toBe(1);
    const skipped = logs.lines.filter((l) => l.msg === "could not record the failure; message skipped");
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ level: 50, message_id: "m-1", err: { message: "check constraint violated" } });
  });

  test("a message the open circuit held until shutdown is left uncommitted: no attempt, no failure, no hook", async () => {
    const calls: number[] = [];
    const failures: unknown[] = [];
    const handler = failingWith(() => new CircuitOpenError(), calls, failures);
    const { process, reader, published } = processorWith(handler);
    const error = await process(envelope(probe)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(calls).toHaveLength(1);
    expect(failures).toEqual([]);
    expect(published).toEqual([]);
    expect(await reader.value("worker.messages.failed")).toBeUndefined();
  });

  describe("with the database down", () => {
    const dead = createDatabase({ url: "postgres://postgres@127.0.0.1:1/test", poolMax: 1 });
    afterAll(() => dead.close());

    test("the message is left uncommitted for redelivery: not retried, not dead-lettered, not counted", async () => {
      const handler = problemGenerationHandler({
        requests: generationRequestsRepository(dead),
        generator: createTemplateGenerator(),
      });
      const { process, reader, published } = processorWith(handler, 2);
      const outcome = await process(envelope(generationMessage(crypto.randomUUID(), 0))).then(
        () => "committed",
        (error: unknown) => (error as { code?: string }).code ?? "rejected",
      );
      expect(outcome).not.toBe("committed");
      expect(published).toHaveLength(0);
      expect(await reader.value("worker.messages.failed", { error_type: "database_unavailable" })).toBe(1);
    });
  });
});
