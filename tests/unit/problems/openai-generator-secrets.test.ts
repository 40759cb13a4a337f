import { describe, expect, test } from "bun:test";
import type { ProblemPlan } from "../../../src/problems/planner/plan";
import { type FakeReply, fakesStoppedAfterEach } from "../../support/fake-openai";
import plannedManger from "../../support/fixtures/openai/plan-manger-passe-compose.json";
import { generationFailure, openAIGeneratorFor } from "../../support/openai-generator";

const plan = plannedManger as ProblemPlan;
const SERVER_KEY = "sk-proj-ServerSideKey9f8e7d6c5b4a";
const CLIENT_KEY = "sk-proj-ClientKeyThatMustNeverLeak1234";

const startFake = fakesStoppedAfterEach();

/** Everything about an error that could end up in a log line or a DLQ header. */
function everythingSaidBy(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current != null && depth < 5; depth++) {
    const e = current as { message?: unknown; stack?: unknown; cause?: unknown };
    parts.push(String(e), String(e.message), String(e.stack), JSON.stringify(e), JSON.stringify(Object.entries(e)));
    current = e.cause;
  }
  return parts.join("\n");
}

async function failureFor(
  apiKey: string,
  serverKey: string,
  reply: FakeReply,
  options: { stopped?: boolean } = {},
): Promise<unknown> {
  const fake = startFake({ apiKey: serverKey, respond: () => reply });
  if (options.stopped) await fake.stop();
  return generationFailure(openAIGeneratorFor(fake, apiKey, plan, { timeoutMs: 300 }));
}

describe("the API key never appears in an error", () => {
  test("not even when a 401 body echoes the rejected key back in full", async () => {
    const error = await failureFor(CLIENT_KEY, SERVER_KEY, { kind: "success" });
    const said = everythingSaidBy(error);

    expect(said).toContain("llm_auth");
    expect(said).toContain("Incorrect API key provided");
    expect(said).not.toContain(CLIENT_KEY);
    expect(said).not.toContain("ClientKeyThatMustNeverLeak");
  });

  const cases: [string, FakeReply, { stopped?: boolean }?][] = [
    ["rate limited", { kind: "rate_limited", retryAfter: "1" }],
    ["server error", { kind: "server_error" }],
    ["timeout", { kind: "hang" }],
    ["connection refused", { kind: "success" }, { stopped: true }],
    ["malformed body", { kind: "malformed_body" }],
    ["schema mismatch", { kind: "schema_mismatch" }],
    ["verb phrase missing", { kind: "verb_phrase_missing" }],
    ["refusal", { kind: "refusal" }],
  ];
  for (const [name, reply, options] of cases) {
    test(`nor in a ${name} error`, async () => {
      const error = await failureFor(SERVER_KEY, SERVER_KEY, reply, options);
      expect(everythingSaidBy(error)).toContain("llm_");
      expect(everythingSaidBy(error)).not.toContain(SERVER_KEY);
    });
  }
});
