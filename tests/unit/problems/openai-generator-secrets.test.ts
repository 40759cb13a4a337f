import { afterEach, describe, expect, test } from "bun:test";
import { createOpenAIGenerator } from "../../../src/problems/generators/openai";
import type { ProblemPlan } from "../../../src/problems/planner/plan";
import { type FakeOpenAI, type FakeReply, startFakeOpenAI } from "../../support/fake-openai";
import plannedManger from "../../support/fixtures/openai/plan-manger-passe-compose.json";

const plan = plannedManger as ProblemPlan;
const SERVER_KEY = "sk-proj-ServerSideKey9f8e7d6c5b4a";
const CLIENT_KEY = "sk-proj-ClientKeyThatMustNeverLeak1234";

const fakes: FakeOpenAI[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
}, 5000);

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
  const fake = startFakeOpenAI({ apiKey: serverKey, respond: () => reply });
  fakes.push(fake);
  if (options.stopped) await fake.stop();
  const generator = createOpenAIGenerator({
    baseUrl: fake.url,
    apiKey,
    model: "gpt-4o-mini",
    timeoutMs: 300,
    planProblem: () => structuredClone(plan),
  });
  try {
    await generator.generate({}, { signal: new AbortController().signal });
  } catch (error) {
    return error;
  }
  throw new Error("expected the generation to fail");
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
