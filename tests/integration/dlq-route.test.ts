import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { deadLettersRepository, type NewDeadLetter } from "../../src/db/repositories/dead-letters";
import { testApp } from "../support/app";
import { createKey } from "../support/auth";
import { createTestDatabase, type TestDatabase } from "../support/postgres";

let t: TestDatabase;
let app: ReturnType<typeof testApp>["app"];
let admin: Record<string, string>;
const requestId = crypto.randomUUID();

const letter = (offset: number, errorCode: string, request?: string): NewDeadLetter => ({
  originalTopic: "problem-generation-requests",
  originalPartition: 0,
  originalOffset: offset,
  consumerGroup: "g",
  messageKey: null,
  valueBase64: Buffer.from("{}").toString("base64"),
  headers: {},
  generationRequestId: request,
  errorCode,
  errorClass: "permanent",
  errorMessage: "m",
  attempts: 1,
});

beforeAll(async () => {
  t = await createTestDatabase("dlq_route");
  ({ app } = testApp(t.database, { env: { REQUIRE_AUTH: "true" } }));
  admin = (await createKey(t.database, ["admin"])).headers;
  const repo = deadLettersRepository(t.database);
  expect(await repo.record(letter(1, "llm_invalid_output", requestId))).toBe(true);
  expect(await repo.record(letter(1, "llm_invalid_output", requestId))).toBe(false); // the same position once
  await repo.record(letter(2, "llm_invalid_output", requestId));
  await repo.record(letter(3, "not_json"));
  const [replayed] = await repo.pending({ requestId });
  await repo.markReplayed([replayed?.id as string]);
}, 60_000);
afterAll(() => t?.drop());

describe("GET /api/v1/dlq", () => {
  test("counts pending dead letters by reason, most frequent first, and the replayed ones", async () => {
    await deadLettersRepository(t.database).record(letter(4, "not_json"));
    const res = await app.request("/api/v1/dlq", { headers: admin });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      pending: 3,
      replayed: 1,
      by_reason: [
        { reason: "not_json", count: 2 },
        { reason: "llm_invalid_output", count: 1 },
      ],
    });
  });

  test("request_id narrows to one generation request", async () => {
    const res = await app.request(`/api/v1/dlq?request_id=${requestId}`, { headers: admin });
    expect(await res.json()).toEqual({
      pending: 1,
      replayed: 1,
      by_reason: [{ reason: "llm_invalid_output", count: 1 }],
    });
  });

  test("a request_id that is not a UUID is a 400 naming the parameter", async () => {
    const res = await app.request("/api/v1/dlq?request_id=x", { headers: admin });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("request_id");
  });

  test("without a key 401, with a non-admin key 403", async () => {
    expect((await app.request("/api/v1/dlq")).status).toBe(401);
    const reader = (await createKey(t.database, ["read", "generate"])).headers;
    expect((await app.request("/api/v1/dlq", { headers: reader })).status).toBe(403);
  });
});
