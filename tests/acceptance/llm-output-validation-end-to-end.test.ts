import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import type { GenerationRequest } from "../../src/cli/commands/requests";
import type { Service } from "../../src/service";
import { buildSentence, type FakeOpenAI, startFakeOpenAI } from "../support/fake-openai";
import { problemCount } from "../support/generation";
import { kafkaBroker } from "../support/kafka";
import { eventually } from "../support/logs";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { startKafkaService, stopWithin } from "../support/service";

const API_KEY = "sk-test-output-validation-9c0d";

let t: TestDatabase;
let fake: FakeOpenAI;
let service: Service;
/** Statement tasks the fake has answered once already. */
const seen = new Set<string>();

beforeAll(async () => {
  const broker = await kafkaBroker();
  t = await createTestDatabase("llm_validation");
  fake = startFakeOpenAI({
    apiKey: API_KEY,
    respond: ({ task }) => {
      const subject = String(task?.subject ?? "");
      const phrase = String(task?.verb_phrase ?? "");
      // manger: every wrong statement moves the planned (wrong) form to another subject, where it may be right.
      if (task?.verb === "manger" && task.statement === "wrong")
        return { kind: "success", sentence: `Quelqu'un ${phrase} une pomme ce matin.` };
      // parler: the first answer to each statement comes wrapped in markdown; asked again, the model behaves.
      const key = JSON.stringify(task);
      if (task?.verb === "parler" && !seen.has(key)) {
        seen.add(key);
        return { kind: "success", sentence: `**${buildSentence(subject, phrase)}**` };
      }
      return { kind: "success" };
    },
  });
  service = await startKafkaService("validation", {
    DATABASE_URL: t.url,
    KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap,
    ...fake.env,
    METRICS_PROMETHEUS: "true",
    LLM_OUTPUT_MAX_REGENERATIONS: "1",
  });
}, 120_000);

afterAll(async () => {
  await stopWithin(service, 30_000);
  await fake?.stop();
  await t?.drop();
}, 60_000);

async function generate(verb: string, count: number) {
  const res = await fetch(new URL("/api/v1/problems/generate", service.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ count, constraints: { verb_infinitives: [verb] } }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { request_id: string }).request_id;
}

async function finished(id: string) {
  return eventually(
    async () => {
      const row = (await (
        await fetch(new URL(`/api/v1/generation-requests/${id}`, service.url))
      ).json()) as GenerationRequest;
      return ["completed", "partial", "failed"].includes(row.status) ? row : undefined;
    },
    60_000,
    `request ${id} finished`,
  );
}

/** The value of `llm_validation_rejected_total` for one reason on /metrics (0 when absent). */
async function rejected(reason: string): Promise<number> {
  const text = await (await fetch(new URL("/metrics", service.url))).text();
  const line = text
    .split("\n")
    .find((l) => l.startsWith("llm_validation_rejected_total{") && l.includes(`reason="${reason}"`));
  return line === undefined ? 0 : Number(line.split(" ").at(-1));
}

describe("LLM output validation through the whole service (real broker, real Postgres, fake LLM)", () => {
  test("output that stays invalid fails each item for good with the checker's reason; nothing enters the pool", async () => {
    const id = await generate("manger", 2);
    expect(await finished(id)).toMatchObject({ status: "failed", generated_count: 0, failed_count: 2 });
    expect(await problemCount(service.database, id)).toBe(0);
    const items = await t.database.rows<{ error_code: string; error_message: string }>(
      sql`SELECT error_code, error_message FROM generation_items WHERE generation_request_id = ${id}`,
    );
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item.error_code).toBe("llm_invalid_output");
      expect(item.error_message).toContain(
        "subject_changed: the planned verb phrase does not follow the planned subject",
      );
      expect(item.error_message).toContain("still invalid after 2 attempts");
    }
    // Two items, each written twice (LLM_OUTPUT_MAX_REGENERATIONS=1), each attempt rejected once.
    expect(await rejected("subject_changed")).toBe(4);
  });

  test("output invalid at first is written again inside the handler and the problems complete", async () => {
    const id = await generate("parler", 2);
    expect(await finished(id)).toMatchObject({ status: "completed", generated_count: 2, failed_count: 0 });
    expect(await problemCount(service.database, id)).toBe(2);
    const stored = await t.database.rows<{ content: string }>(
      sql`SELECT s->>'content' AS content FROM problems, jsonb_array_elements(statements) s WHERE generation_request_id = ${id}`,
    );
    expect(stored.length).toBeGreaterThanOrEqual(4);
    expect(stored.every((s) => !s.content.includes("*"))).toBe(true);
    expect(await rejected("bad_characters")).toBeGreaterThanOrEqual(1);
  });
});
