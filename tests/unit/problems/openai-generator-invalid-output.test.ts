import { describe, expect, test } from "bun:test";
import { type InvalidOutputReason, LlmInvalidOutputError } from "../../../src/problems/generators/llm-errors";
import type { ProblemPlan } from "../../../src/problems/planner/plan";
import { type FakeOpenAIOptions, fakesStoppedAfterEach } from "../../support/fake-openai";
import plannedManger from "../../support/fixtures/openai/plan-manger-passe-compose.json";
import { generationFailure, openAIGeneratorFor } from "../../support/openai-generator";

const API_KEY = "sk-test-invalid-output-a0b1";
const plan = plannedManger as ProblemPlan;

const startFake = fakesStoppedAfterEach();

/** Runs one generation against a fake scripted by `respond` and returns what it rejected with. */
async function failureFor(respond: FakeOpenAIOptions["respond"], planned: ProblemPlan = plan): Promise<unknown> {
  const fake = startFake({ apiKey: API_KEY, respond });
  return generationFailure(openAIGeneratorFor(fake, API_KEY, planned));
}

function expectInvalidOutput(error: unknown, reason: InvalidOutputReason): LlmInvalidOutputError {
  expect(error).toBeInstanceOf(LlmInvalidOutputError);
  const invalid = error as LlmInvalidOutputError;
  expect(invalid.code).toBe("llm_invalid_output");
  expect(invalid.reason).toBe(reason);
  expect(invalid.retryable).toBe(false);
  return invalid;
}

describe("openai generator rejects unusable answers as llm_invalid_output (not retryable)", () => {
  test("a 200 whose body is not JSON (a proxy's HTML page)", async () => {
    expectInvalidOutput(await failureFor(() => ({ kind: "malformed_body" })), "malformed_body");
  });

  test("message content that is prose instead of JSON", async () => {
    expectInvalidOutput(await failureFor(() => ({ kind: "non_json_content" })), "non_json_content");
  });

  test("JSON content that does not match the requested schema", async () => {
    const error = expectInvalidOutput(await failureFor(() => ({ kind: "schema_mismatch" })), "schema_mismatch");
    expect(error.message).toContain("does not match the schema");
  });

  test("a model that 'corrects' the deliberately wrong verb phrase (sommes mangé -> avons mangé)", async () => {
    const error = expectInvalidOutput(
      await failureFor((req) =>
        req.task?.verb_phrase === "sommes mangé" ? { kind: "verb_phrase_missing" } : { kind: "success" },
      ),
      "verb_phrase_missing",
    );
    expect(error.message).toContain('"sommes mangé"');
  });

  test("a planned wrong form found only inside a longer word (mange inside mangeons) does not count", async () => {
    const presentPlan = structuredClone(plan);
    presentPlan.tense = "present";
    for (const statement of presentPlan.statements) {
      if (statement.verb_phrase === "sommes mangé") statement.verb_phrase = "mange";
    }
    const error = await failureFor(
      (req) =>
        req.task?.verb_phrase === "mange"
          ? { kind: "verb_phrase_missing", sentence: "Nous mangeons une pomme ce matin." }
          : { kind: "success" },
      presentPlan,
    );
    expectInvalidOutput(error, "verb_phrase_missing");
  });

  test("a refusal", async () => {
    const error = expectInvalidOutput(await failureFor(() => ({ kind: "refusal" })), "refusal");
    expect(error.message).toContain("I'm sorry, but I can't help with that request.");
  });

  test("an answer cut off by the token limit (finish_reason length)", async () => {
    expectInvalidOutput(await failureFor(() => ({ kind: "truncated" })), "truncated");
  });

  test("one sentence holding every planned form, sent for every statement: the other forms answer the question", async () => {
    const everyPhrase = "Nous sommes mangé, j'a mangé, elles ont mangé et tu avez mangé.";
    const error = expectInvalidOutput(
      await failureFor(() => ({ kind: "success", sentence: everyPhrase })),
      "extra_verb_form",
    );
    expect(error.message).toContain('adds "mangé"');
  });
});
