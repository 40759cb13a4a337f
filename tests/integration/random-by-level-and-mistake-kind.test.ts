import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { problemsRepository } from "../../src/db/repositories/problems";
import type { createApp } from "../../src/http/app";
import { templateGenerator } from "../../src/problems/generators/template";
import type { GenerationRequest, Level, MistakeKind, Statement } from "../../src/problems/types";
import { testApp } from "../support/app";
import { createTestDatabase, type TestDatabase } from "../support/postgres";

let t: TestDatabase;
let app: ReturnType<typeof createApp>;

// Real template problems: one batch per level, plus pronoun problems whose only mistakes are agreement mistakes.
const BATCHES: GenerationRequest[] = [
  ...(["A1", "A2", "B1", "B2", "C1"] as const).map((level) => ({ constraints: { level } })),
  { focus: "pronouns", constraints: { level: "B2", mistake_kinds: ["wrong_agreement"] } },
];

beforeAll(async () => {
  t = await createTestDatabase("random_by_level");
  const problems = problemsRepository(t.database);
  app = testApp(t.database).app;
  const signal = new AbortController().signal;
  let seed = 1;
  for (const request of BATCHES) {
    for (let i = 0; i < 3; i++) {
      const { problem } = await templateGenerator.generate(request, { signal, seed: seed++ });
      await problems.insert(problem);
    }
  }
}, 60_000);
afterAll(() => t?.drop());

interface Served {
  statements: Statement[];
  metadata: { level: Level; mistake_kinds: MistakeKind[] };
}

async function random(query: string): Promise<{ status: number; body: Served & { error?: { code: string } } }> {
  const res = await app.request(`/api/v1/problems/random?include_metadata=true&${query}`);
  return { status: res.status, body: (await res.json()) as Served & { error?: { code: string } } };
}

describe("GET /problems/random filters by level and mistake kind", () => {
  test.each(["A1", "A2", "B1", "B2", "C1"] as const)("level=%s serves only problems of that level", async (level) => {
    for (let i = 0; i < 4; i++) {
      const { status, body } = await random(`level=${level}`);
      expect(status).toBe(200);
      expect(body.metadata.level).toBe(level);
    }
  });

  test("mistake_kind serves a problem with a wrong statement of that kind, stored per statement", async () => {
    for (let i = 0; i < 4; i++) {
      const { status, body } = await random("level=B2&mistake_kind=wrong_agreement");
      expect(status).toBe(200);
      expect(body.metadata.mistake_kinds).toContain("wrong_agreement");
      expect(body.statements.map((s) => s.mistake_kind)).toContain("wrong_agreement");
      // The correct statement carries null, every statement its subject's person and the verb group it tests.
      const correct = body.statements.filter((s) => s.is_correct);
      expect(correct.map((s) => s.mistake_kind)).toEqual([null]);
      for (const s of body.statements) {
        expect(s.subject_person).toMatch(/^[123][sp]$/);
        expect(s.content.toLowerCase()).toContain((s.tested_form ?? "?").toLowerCase());
      }
    }
  });

  test("repeated mistake_kind asks for every listed kind", async () => {
    const { status, body } = await random("mistake_kind=wrong_person&mistake_kind=pronoun_order&level=A1");
    expect(status).toBe(404);
    expect(body.error?.code).toBe("no_problems_available");
  });

  test.each([
    ["level=D4", "query.level"],
    ["mistake_kind=typo", "query.mistake_kind"],
  ])("bad query %s is a 400 naming %s", async (query, field) => {
    const res = await app.request(`/api/v1/problems/random?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(field);
  });
});

describe("POST /problems/generate takes level and mistake_kinds constraints", () => {
  async function generate(body: unknown) {
    const res = await app.request("/api/v1/problems/generate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
  }

  test("a level and mistake kinds that fit are accepted", async () => {
    const { status } = await generate({ constraints: { level: "B1", mistake_kinds: ["pronoun_order"] } });
    expect(status).toBe(202);
  });

  test("an unknown level is a 400 naming the field", async () => {
    const { status, body } = await generate({ constraints: { level: "C3" } });
    expect(status).toBe(400);
    expect(body.error?.message).toContain("constraints.level");
  });

  test("mistake kinds the focus cannot carry are a 400 that says why", async () => {
    const { status, body } = await generate({
      focus: "conjugation",
      constraints: { mistake_kinds: ["pronoun_order"] },
    });
    expect(status).toBe(400);
    expect(body.error?.message).toContain("not drilled by the conjugation focus");
  });

  test("a level the other constraints cannot reach is a 400", async () => {
    const { status, body } = await generate({ constraints: { level: "C1", tenses_used: ["present"] } });
    expect(status).toBe(400);
    expect(body.error?.message).toContain("level C1");
  });
});
