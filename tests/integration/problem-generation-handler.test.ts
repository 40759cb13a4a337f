import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { generationRequestsRepository } from "../../src/db/repositories/generation-requests";
import { loadConjugationData } from "../../src/problems/french";
import type { ProblemGenerator } from "../../src/problems/generators/generator";
import { createOpenAIGenerator } from "../../src/problems/generators/openai";
import { createTemplateGenerator } from "../../src/problems/generators/template";
import { planProblem } from "../../src/problems/planner/plan-problem";
import type { Logger } from "../../src/telemetry/logger";
import { problemGenerationHandler } from "../../src/worker/handlers/problem-generation";
import { silentLogger } from "../support/app";
import { type FakeOpenAI, startFakeOpenAI } from "../support/fake-openai";
import { envelopeOf, generationMessage, problemCount } from "../support/generation";
import { capturingLogger } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { testProcessor } from "../support/worker";

let t: TestDatabase;
let requests: ReturnType<typeof generationRequestsRepository>;
let fake: FakeOpenAI;

beforeAll(async () => {
  // The conjugation table's one-off load belongs here, not inside the first test's time limit.
  loadConjugationData();
  t = await createTestDatabase("handler");
  requests = generationRequestsRepository(t.database);
  // The LLM double fails every statement about "parler" with output that breaks the schema (a permanent error).
  fake = startFakeOpenAI({
    apiKey: "sk-test",
    respond: (request) =>
      JSON.stringify(request.body?.messages ?? []).includes("parler")
        ? { kind: "schema_mismatch" }
        : { kind: "success" },
  });
}, 60_000);
afterAll(async () => {
  await fake?.stop();
  await t?.drop();
});

/** The real processor (decode, dispatch, retries, failure hook) around the real handler. */
function processorWith(generator: ProblemGenerator, logger?: Logger) {
  const handler = problemGenerationHandler({ requests, generator });
  return { ...testProcessor([handler], { database: t.database, maxAttempts: 2, logger }), handler };
}

const template = () => processorWith(createTemplateGenerator());
const llm = () =>
  processorWith(
    createOpenAIGenerator({ baseUrl: fake.url, apiKey: "sk-test", model: "gpt-4o-mini", timeoutMs: 5000, planProblem }),
  );

describe("problem generation handler", () => {
  test("one message makes one stored problem, linked to its request and message, and completes a request of one", async () => {
    const request = await requests.create({ requestedCount: 1 });
    const message = generationMessage(request.id, 0, { focus: "conjugation" });
    await template().process(envelopeOf(message));
    const after = await requests.get(request.id);
    expect(after).toMatchObject({ status: "completed", generatedCount: 1, failedCount: 0 });
    expect(after?.startedAt).toBeInstanceOf(Date);
    expect(after?.completedAt).toBeInstanceOf(Date);
    expect(await problemCount(t.database, request.id)).toBe(1);
  });

  test("a redelivered message (crash between insert and offset commit) yields one problem and counts once", async () => {
    const request = await requests.create({ requestedCount: 2 });
    const message = generationMessage(request.id, 0);
    const { process } = template();
    await process(envelopeOf(message));
    await process(envelopeOf(message)); // the same message again, as Kafka redelivers it
    expect(await problemCount(t.database, request.id)).toBe(1);
    expect(await requests.get(request.id)).toMatchObject({ status: "processing", generatedCount: 1, failedCount: 0 });
  });

  test("10 messages then the same 10 replayed: processed equals stored, skipped equals replays", async () => {
    const request = await requests.create({ requestedCount: 10 });
    const messages = Array.from({ length: 10 }, (_, i) => generationMessage(request.id, i));
    const { process, reader } = template();
    for (const m of messages) await process(envelopeOf(m));
    for (const m of messages) await process(envelopeOf(m));
    const topic = envelopeOf(messages[0]).topic;
    expect(await problemCount(t.database, request.id)).toBe(10);
    expect(await reader.value("worker.messages.processed", { topic })).toBe(10);
    expect(await reader.value("worker.messages.skipped", { topic })).toBe(10);
    expect(await reader.value("worker.messages.failed", { topic })).toBeUndefined();
  }, 60_000);

  test("the same message handled twice at once still yields one problem (the unique message id decides)", async () => {
    const request = await requests.create({ requestedCount: 1 });
    const message = generationMessage(request.id, 0);
    const { handler } = template();
    const context = { envelope: envelopeOf(message), signal: new AbortController().signal, logger: silentLogger };
    // Skip the already-handled shortcut: both copies generate, only one insert may win.
    const outcomes = await Promise.all([handler.handle(message, context), handler.handle(message, context)]);
    expect(await problemCount(t.database, request.id)).toBe(1);
    // The copy that lost is a skip, so the processed counter stays equal to what is stored.
    expect(outcomes.filter((o) => o === "skipped")).toHaveLength(1);
    expect(await requests.get(request.id)).toMatchObject({ status: "completed", generatedCount: 1 });
  });

  test("a request moves pending -> processing -> completed as its items land", async () => {
    const request = await requests.create({ requestedCount: 3 });
    expect(request.status).toBe("pending");
    const { process } = template();
    await process(envelopeOf(generationMessage(request.id, 0)));
    expect((await requests.get(request.id))?.status).toBe("processing");
    await process(envelopeOf(generationMessage(request.id, 1)));
    await process(envelopeOf(generationMessage(request.id, 2)));
    expect(await requests.get(request.id)).toMatchObject({ status: "completed", generatedCount: 3, failedCount: 0 });
  });

  test("a generator that fails for some items leaves the request partial with correct counts", async () => {
    const request = await requests.create({ requestedCount: 3 });
    const { process, reader } = llm();
    await process(envelopeOf(generationMessage(request.id, 0, { constraints: { verb_infinitives: ["manger"] } })));
    await process(envelopeOf(generationMessage(request.id, 1, { constraints: { verb_infinitives: ["parler"] } })));
    await process(envelopeOf(generationMessage(request.id, 2, { constraints: { verb_infinitives: ["finir"] } })));
    expect(await requests.get(request.id)).toMatchObject({ status: "partial", generatedCount: 2, failedCount: 1 });
    expect(await problemCount(t.database, request.id)).toBe(2);
    expect(await reader.value("worker.messages.failed", { error_type: "llm_invalid_output" })).toBe(1);
  });

  test("when every item fails the request is failed, and a redelivered failure is counted once", async () => {
    const request = await requests.create({ requestedCount: 2 });
    const { process } = llm();
    const first = generationMessage(request.id, 0, { constraints: { verb_infinitives: ["parler"] } });
    await process(envelopeOf(first));
    await process(envelopeOf(first));
    expect(await requests.get(request.id)).toMatchObject({ status: "processing", failedCount: 1 });
    await process(envelopeOf(generationMessage(request.id, 1, { constraints: { verb_infinitives: ["parler"] } })));
    const failed = await requests.get(request.id);
    expect(failed).toMatchObject({ status: "failed", generatedCount: 0, failedCount: 2 });
    expect(failed?.errorMessage).toStartWith("llm_invalid_output: ");
  });

  test("a message recorded as generated is never also counted as failed, nor the reverse (one ledger row per message)", async () => {
    const request = await requests.create({ requestedCount: 2 });
    const [first, second] = [crypto.randomUUID(), crypto.randomUUID()];
    const problem = (await createTemplateGenerator().generate({}, { signal: new AbortController().signal, seed: 1 }))
      .problem;
    const trace = { generator: "template", duration_ms: 1 };
    expect((await requests.recordGenerated({ requestId: request.id, messageId: first, problem, trace })).counted).toBe(
      true,
    );
    expect(
      (
        await requests.recordFailed({
          requestId: request.id,
          messageId: first,
          errorCode: "x",
          errorMessage: "late failure",
        })
      ).counted,
    ).toBe(false);
    expect(
      (
        await requests.recordFailed({
          requestId: request.id,
          messageId: second,
          errorCode: "llm_auth",
          errorMessage: "denied",
        })
      ).counted,
    ).toBe(true);
    expect((await requests.recordGenerated({ requestId: request.id, messageId: second, problem, trace })).counted).toBe(
      false,
    );
    expect(await requests.get(request.id)).toMatchObject({
      status: "partial",
      generatedCount: 1,
      failedCount: 1,
      errorMessage: "llm_auth: denied",
    });
    expect(await problemCount(t.database, request.id)).toBe(1);
  });

  test("a message for an unknown request is skipped without counting anything", async () => {
    const before = await problemCount(t.database);
    await template().process(envelopeOf(generationMessage(crypto.randomUUID(), 0)));
    expect(await problemCount(t.database)).toBe(before);
  });

  test("a message for an unknown request is logged at warn with its code, without a stack", async () => {
    const logs = capturingLogger();
    const { process } = processorWith(createTemplateGenerator(), logs.logger);
    await process(envelopeOf(generationMessage(crypto.randomUUID(), 0)));
    const failed = logs.lines.filter((l) => l.msg === "message failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 40, error_type: "generation_request_not_found" });
    expect(failed[0]).not.toHaveProperty("err");
  });

  test("a message that breaks the contract (bad statement_count) is malformed, not a failure", async () => {
    const request = await requests.create({ requestedCount: 1 });
    const { process, reader } = template();
    await process(envelopeOf({ ...generationMessage(request.id, 0), statement_count: 9 }));
    expect(await reader.value("worker.messages.malformed", { reason: "schema_invalid" })).toBe(1);
    expect(await requests.get(request.id)).toMatchObject({ status: "pending", generatedCount: 0, failedCount: 0 });
  });

  test("a replayed failed item that now succeeds counts once: failed to generated, partial to completed; a second copy changes nothing", async () => {
    const request = await requests.create({ requestedCount: 2 });
    await template().process(envelopeOf(generationMessage(request.id, 0), 7000));
    const failing = generationMessage(request.id, 1, { constraints: { verb_infinitives: ["parler"] } });
    await llm().process(envelopeOf(failing, 7001));
    expect(await requests.get(request.id)).toMatchObject({ status: "partial", generatedCount: 1, failedCount: 1 });
    // Redelivered as it was: still counted failed, nothing generated.
    await template().process(envelopeOf(failing, 7001));
    expect(await problemCount(t.database, request.id)).toBe(1);
    // Replayed (the operator fixed the cause): generated now, and only once however many copies arrive.
    const replay = { ...envelopeOf(failing, 9000), headers: { replayed_at: new Date().toISOString(), attempt: "1" } };
    const { process } = template();
    await Promise.all([process(replay), process({ ...replay, offset: "9001" })]);
    await process({ ...replay, offset: "9002" });
    expect(await requests.get(request.id)).toMatchObject({
      status: "completed",
      generatedCount: 2,
      failedCount: 0,
      errorMessage: null,
    });
    expect(await problemCount(t.database, request.id)).toBe(2);
  });
});
