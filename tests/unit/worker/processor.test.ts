import { afterAll, describe, expect, test } from "bun:test";
import { z } from "zod";
import { createDatabase } from "../../../src/db/client";
import { generationRequestsRepository } from "../../../src/db/repositories/generation-requests";
import { AppError } from "../../../src/errors";
import { createTemplateGenerator } from "../../../src/problems/generators/template";
import { CircuitOpenError } from "../../../src/worker/circuit";
import type { MessageHandler } from "../../../src/worker/handlers";
import { defineHandler } from "../../../src/worker/handlers/handler";
import { problemGenerationHandler } from "../../../src/worker/handlers/problem-generation";
import { envelopeOf, generationMessage } from "../../support/generation";
import { capturingLogger } from "../../support/logs";
import { testProcessor } from "../../support/worker";

const processorWith = (handler: MessageHandler, maxAttempts = 3) => testProcessor([handler], maxAttempts);

class RateLimited extends AppError {
  constructor(readonly retryAfterMs: number) {
    super("llm_rate_limited", "slow down", true);
  }
}

const schema = z.object({ message_type: z.literal("probe"), message_id: z.string() });
const probe = { message_type: "probe", message_id: "m-1" };

describe("message processor", () => {
  test("a retryable error is retried, no sooner than the upstream's Retry-After", async () => {
    const calls: number[] = [];
    const handler = defineHandler({
      type: "probe",
      schema,
      async handle() {
        calls.push(performance.now());
        if (calls.length === 1) throw new RateLimited(700);
      },
    });
    const { process, reader } = processorWith(handler);
    await process(envelopeOf(probe));
    expect(calls).toHaveLength(2);
    expect((calls[1] as number) - (calls[0] as number)).toBeGreaterThanOrEqual(690);
    expect(await reader.value("worker.messages.processed")).toBe(1);
  });

  test("a permanent error is not retried and goes to the failure hook once", async () => {
    let handled = 0;
    const failures: unknown[] = [];
    const handler = defineHandler({
      type: "probe",
      schema,
      async handle() {
        handled += 1;
        throw new AppError("invalid_problem", "bad");
      },
      async onFailure(_message, error) {
        failures.push(error);
      },
    });
    const { process, reader } = processorWith(handler);
    await process(envelopeOf(probe));
    expect(handled).toBe(1);
    expect(failures).toHaveLength(1);
    expect(await reader.value("worker.messages.failed", { error_type: "invalid_problem" })).toBe(1);
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
    const { process, reader } = testProcessor([handler], 3, logs.logger);
    await process(envelopeOf(probe)); // resolves: the offset will be committed
    expect(await reader.value("worker.messages.failed", { error_type: "invalid_problem" })).toBe(1);
    const skipped = logs.lines.filter((l) => l.msg === "could not record the failure; message skipped");
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ level: 50, message_id: "m-1", err: { message: "check constraint violated" } });
  });

  test("a message the open circuit held until shutdown is left uncommitted: no attempt, no failure, no hook", async () => {
    let handled = 0;
    const failures: unknown[] = [];
    const handler = defineHandler({
      type: "probe",
      schema,
      async handle() {
        handled += 1;
        throw new CircuitOpenError();
      },
      async onFailure(_message, error) {
        failures.push(error);
      },
    });
    const { process, reader } = processorWith(handler);
    const error = await process(envelopeOf(probe)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(handled).toBe(1);
    expect(failures).toEqual([]);
    expect(await reader.value("worker.messages.failed")).toBeUndefined();
  });

  describe("with the database down", () => {
    const dead = createDatabase({ url: "postgres://postgres@127.0.0.1:1/test", poolMax: 1 });
    afterAll(() => dead.close());

    test("the message is left uncommitted for redelivery, never counted as failed", async () => {
      const handler = problemGenerationHandler({
        requests: generationRequestsRepository(dead),
        generator: createTemplateGenerator(),
      });
      const { process, reader } = processorWith(handler, 2);
      const outcome = await process(envelopeOf(generationMessage(crypto.randomUUID(), 0))).then(
        () => "committed",
        (error: unknown) => (error as { code?: string }).code ?? "rejected",
      );
      expect(outcome).not.toBe("committed");
      expect(await reader.value("worker.messages.failed", { error_type: "database_unavailable" })).toBe(1);
    });
  });
});
