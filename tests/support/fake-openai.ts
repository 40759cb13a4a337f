import { afterEach } from "bun:test";
/**
 * A local OpenAI-compatible Chat Completions server for tests: the one allowed double, at the LLM boundary.
 *
 * It speaks the real wire format (bearer auth, POST /v1/chat/completions, OpenAI error bodies, Retry-After) and
 * answers with recorded response bodies from fixtures/openai/, with the message content written for the verb phrase
 * the request asked about. Each test scripts the replies it needs and can inspect what was sent.
 */
import gpt4oMini from "./fixtures/openai/chat-completion-gpt-4o-mini.json";
import o4MiniReasoning from "./fixtures/openai/chat-completion-o4-mini-reasoning.json";
import refusal from "./fixtures/openai/chat-completion-refusal.json";
import truncated from "./fixtures/openai/chat-completion-truncated.json";
import invalidRequest from "./fixtures/openai/error-400-invalid-request.json";
import invalidApiKey from "./fixtures/openai/error-401-invalid-api-key.json";
import modelNotFound from "./fixtures/openai/error-404-model-not-found.json";
import rateLimit from "./fixtures/openai/error-429-rate-limit.json";
import serverError from "./fixtures/openai/error-500-server.json";

/** What the server does with one request; with `heldUntil`, only once that promise settles. */
export type FakeReply = FakeReplyKind & {
  /** Lets a test hold a request open until something else happened (say, until its siblings all arrived). */
  heldUntil?: Promise<unknown>;
};

type FakeReplyKind =
  /** 200 with a recorded completion whose content is a valid answer for the requested statement. */
  | { kind: "success"; delayMs?: number; fixture?: "gpt-4o-mini" | "o4-mini-reasoning"; sentence?: string }
  | { kind: "rate_limited"; retryAfter?: string; retryAfterMs?: string }
  | { kind: "server_error"; status?: number; retryAfter?: string }
  | { kind: "forbidden" }
  | { kind: "model_not_found" }
  /** Never answers: no headers, no body, until the client gives up or the server stops. */
  | { kind: "hang" }
  /** Sends 200 and the start of the body, then stalls forever. */
  | { kind: "stall_body" }
  /** 200 with a body that is not JSON (a proxy's HTML page cut short). */
  | { kind: "malformed_body" }
  /** 200, a proper completion, but the content is prose instead of JSON. */
  | { kind: "non_json_content" }
  /** 200, the content is JSON but with the wrong keys. */
  | { kind: "schema_mismatch" }
  /** 200, a well-formed answer whose sentence "corrects" the verb phrase instead of using it. */
  | { kind: "verb_phrase_missing"; sentence?: string }
  | { kind: "refusal" }
  | { kind: "truncated" }
  /** 200, the judge's verdict (LLM_JUDGE); a "success" reply to a judge request accepts. */
  | { kind: "verdict"; accept: boolean; reason?: string };

/** A Chat Completions request body as received: untrusted, so every field is optional. */
export interface ReceivedBody {
  model?: unknown;
  messages?: { role?: unknown; content?: unknown }[];
  response_format?: { type?: unknown; json_schema?: { name?: unknown; strict?: unknown; schema?: unknown } };
  [field: string]: unknown;
}

/** The JSON task the generator puts in its user message, as far as the fake reads it. */
export interface StatementTask {
  subject?: string;
  verb_phrase?: string;
  statement?: "correct" | "wrong";
  verb_meaning?: string;
  mistake?: string;
  mistake_hint?: string;
  [field: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | null;
  /** The parsed JSON body (undefined when it was not a JSON object). */
  body: ReceivedBody | undefined;
  /** The JSON task of the user message (undefined when there was none). */
  task: StatementTask | undefined;
  receivedAtMs: number;
  /** When the server sent its answer, or saw the client go away. */
  settledAtMs?: number;
  /** The client dropped the request before an answer. */
  aborted: boolean;
}

export interface FakeOpenAIOptions {
  /** The bearer token the server accepts. */
  apiKey: string;
  /** Decides each reply; `n` counts requests from 0. Defaults to success. */
  respond?: (request: RecordedRequest, n: number) => FakeReply;
}

export interface FakeOpenAI {
  /** Base URL to configure as OPENAI_BASE_URL, ending in /v1. */
  url: string;
  /** The service's environment for the openai generator pointed at this server with its key. */
  env: { GENERATOR: "openai"; OPENAI_API_KEY: string; OPENAI_BASE_URL: string };
  requests: RecordedRequest[];
  /** Largest number of requests the server held at the same time. */
  maxInFlight(): number;
  /** Closes every connection; resolves within `timeoutMs` even if Bun does not. */
  stop(timeoutMs?: number): Promise<void>;
}

const FIXTURES = { "gpt-4o-mini": gpt4oMini, "o4-mini-reasoning": o4MiniReasoning } as const;

/**
 * For a test file whose tests each start their own fake servers: returns the function that starts one, and stops
 * every server it started after each test.
 */
export function fakesStoppedAfterEach(): (options: FakeOpenAIOptions) => FakeOpenAI {
  const fakes: FakeOpenAI[] = [];
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((f) => f.stop()));
  }, 5000);
  return (options) => {
    const fake = startFakeOpenAI(options);
    fakes.push(fake);
    return fake;
  };
}

export function startFakeOpenAI(options: FakeOpenAIOptions): FakeOpenAI {
  const respond: NonNullable<FakeOpenAIOptions["respond"]> = options.respond ?? (() => ({ kind: "success" }));
  const requests: RecordedRequest[] = [];
  // Releases requests held open by "hang", so stop() never waits on them.
  const held = new Set<() => void>();
  let inFlight = 0;
  let maxInFlight = 0;
  let completionCount = 0;

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const raw = await req.text();
      const body = parseJson(raw) as ReceivedBody | undefined;
      const userMessage = Array.isArray(body?.messages) ? body.messages.find((m) => m?.role === "user") : undefined;
      const recorded: RecordedRequest = {
        method: req.method,
        path: url.pathname,
        authorization: req.headers.get("authorization"),
        body,
        task: parseJson(userMessage?.content) as StatementTask | undefined,
        receivedAtMs: performance.now(),
        aborted: false,
      };
      requests.push(recorded);
      req.signal.addEventListener("abort", () => {
        recorded.aborted = true;
        recorded.settledAtMs ??= performance.now();
      });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        const response = await answer(req, recorded, requests.length - 1);
        recorded.settledAtMs ??= performance.now();
        return response;
      } finally {
        inFlight--;
      }
    },
  });

  async function answer(req: Request, recorded: RecordedRequest, n: number): Promise<Response> {
    if (req.method !== "POST" || recorded.path !== "/v1/chat/completions") {
      return Response.json(
        {
          error: {
            message: `Invalid URL (${req.method} ${recorded.path})`,
            type: "invalid_request_error",
            param: null,
            code: null,
          },
        },
        { status: 404 },
      );
    }
    if (recorded.authorization !== `Bearer ${options.apiKey}`) return unauthorized(recorded.authorization);
    const problem = requestProblem(recorded.body);
    if (problem) return badRequest(problem.message, problem.param);

    const reply = respond(recorded, n);
    if (reply.heldUntil) await reply.heldUntil;
    switch (reply.kind) {
      case "success":
        if (reply.delayMs) await Bun.sleep(reply.delayMs);
        if (isJudgeRequest(recorded)) return completion(gpt4oMini, JSON.stringify({ accept: true, reason: "natural" }));
        return completion(
          FIXTURES[reply.fixture ?? "gpt-4o-mini"],
          JSON.stringify(goodOutput(recorded.task, reply.sentence)),
        );
      case "rate_limited": {
        const headers: Record<string, string> = {};
        if (reply.retryAfter !== undefined) headers["retry-after"] = reply.retryAfter;
        if (reply.retryAfterMs !== undefined) headers["retry-after-ms"] = reply.retryAfterMs;
        return Response.json(rateLimit, { status: 429, headers });
      }
      case "server_error":
        return Response.json(serverError, {
          status: reply.status ?? 500,
          headers: reply.retryAfter ? { "retry-after": reply.retryAfter } : {},
        });
      case "forbidden":
        return Response.json(
          {
            error: {
              message: "You are not allowed to sample from this model",
              type: "invalid_request_error",
              param: null,
              code: null,
            },
          },
          { status: 403 },
        );
      case "model_not_found":
        return Response.json(fill(modelNotFound, { model: String(recorded.body?.model) }), { status: 404 });
      case "hang":
        return new Promise<Response>((resolve) => {
          const release = () => {
            held.delete(release);
            resolve(new Response(null, { status: 499 }));
          };
          held.add(release);
          req.signal.addEventListener("abort", release);
        });
      case "stall_body": {
        const stream = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"id":"chatcmpl-stalled","object":"chat.completion",'));
            // never closed: the client must give up on its own
          },
        });
        return new Response(stream, { status: 200, headers: { "content-type": "application/json" } });
      }
      case "malformed_body":
        return new Response("<html><body><h1>502 Bad Gateway</h1><p>upstream closed the connection", {
          status: 200,
          headers: { "content-type": "application/json" },
        });
      case "non_json_content":
        return completion(
          gpt4oMini,
          `Sure! Here is a sentence using "${recorded.task?.verb_phrase}": ${goodOutput(recorded.task).sentence}`,
        );
      case "schema_mismatch":
        return completion(
          gpt4oMini,
          JSON.stringify({ french: goodOutput(recorded.task).sentence, note: "Here you go." }),
        );
      case "verb_phrase_missing": {
        const output = goodOutput(recorded.task, reply.sentence ?? "Nous avons mangé une tarte aux pommes ce matin.");
        return completion(gpt4oMini, JSON.stringify(output));
      }
      case "verdict":
        return completion(gpt4oMini, JSON.stringify({ accept: reply.accept, reason: reply.reason ?? "natural" }));
      case "refusal":
        return Response.json(stamp(refusal));
      case "truncated":
        return Response.json(stamp(truncated));
    }
  }

  function completion(fixture: typeof gpt4oMini | typeof o4MiniReasoning, content: string): Response {
    const body = stamp(fixture);
    const [choice] = body.choices;
    if (choice) choice.message.content = content;
    return Response.json(body);
  }

  /** A copy of a recorded body with a fresh id and timestamp, as a real endpoint would send. */
  function stamp<T extends { id: string; created: number }>(fixture: T): T {
    const body = structuredClone(fixture);
    body.id = `chatcmpl-local${String(++completionCount).padStart(6, "0")}`;
    body.created = Math.floor(Date.now() / 1000);
    return body;
  }

  const url = `http://127.0.0.1:${server.port}/v1`;
  return {
    url,
    env: { GENERATOR: "openai", OPENAI_API_KEY: options.apiKey, OPENAI_BASE_URL: url },
    requests,
    maxInFlight: () => maxInFlight,
    async stop(timeoutMs = 2000) {
      for (const release of [...held]) release();
      await Promise.race([server.stop(true), Bun.sleep(timeoutMs)]);
    },
  };
}

/** The generator's naturalness review (LLM_JUDGE), told apart from statement requests by its schema name. */
export function isJudgeRequest(request: RecordedRequest): boolean {
  return request.body?.response_format?.json_schema?.name === "quiz_question_review";
}

/** Checks what the real API would refuse with a 400; returns undefined when the request is acceptable. */
function requestProblem(body: ReceivedBody | undefined): { message: string; param: string } | undefined {
  if (body === undefined) return { message: "We could not parse the JSON body of your request.", param: "body" };
  if (typeof body.model !== "string" || body.model === "")
    return { message: "you must provide a model parameter", param: "model" };
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    return { message: "'messages' must contain at least one message", param: "messages" };
  const format = body.response_format;
  if (
    format?.type !== "json_schema" ||
    typeof format.json_schema?.name !== "string" ||
    typeof format.json_schema?.schema !== "object"
  ) {
    return { message: "Missing required parameter: 'response_format.json_schema'.", param: "response_format" };
  }
  return undefined;
}

/** The answer a well-behaved model gives: a sentence built around the requested verb phrase. */
function goodOutput(
  task: StatementTask | undefined,
  sentence?: string,
): { sentence: string; explanation?: string; translation?: string } {
  const written =
    sentence ??
    buildSentence(
      String(task?.subject ?? "nous"),
      String(task?.verb_phrase ?? ""),
      typeof task?.lead === "string" ? task.lead : undefined,
    );
  return task?.statement === "correct"
    ? {
        sentence: written,
        translation: `(${task.verb_meaning ?? "verb"}) ${written.replace(/\.$/, "")} — said this morning.`,
      }
    : {
        sentence: written,
        explanation: String(task?.mistake_hint ?? `"${task?.verb_phrase}" is not the right form here.`),
      };
}

/**
 * The sentence the fake writes for a subject and verb phrase when a test does not script one, after the task's lead
 * («Il faut que», «Si») when it has one.
 */
export function buildSentence(subject: string, verbPhrase: string, lead?: string): string {
  const elided = subject.toLowerCase() === "je" && /^[aeéèêiouyh]/i.test(verbPhrase);
  const clause = elided ? `j'${verbPhrase}` : `${subject} ${verbPhrase}`;
  const opening = lead ? `${lead}${lead.endsWith("'") ? "" : " "}${clause}` : clause;
  return `${opening.charAt(0).toUpperCase()}${opening.slice(1)} ce matin.`;
}

function unauthorized(authorization: string | null): Response {
  // The real API echoes a masked key; this one echoes it whole, the worst case the client must not leak.
  const presented = authorization?.replace(/^Bearer\s+/i, "") ?? "";
  const body = authorization
    ? fill(invalidApiKey, { api_key: presented })
    : { error: { message: "You didn't provide an API key.", type: "invalid_request_error", param: null, code: null } };
  return Response.json(body, { status: 401 });
}

function badRequest(message: string, param: string): Response {
  return Response.json(fill(invalidRequest, { problem: message, param }), { status: 400 });
}

/** Replaces {{name}} placeholders in a fixture's strings. */
function fill<T>(fixture: T, values: Record<string, string>): T {
  return JSON.parse(JSON.stringify(fixture), (_key, value) =>
    typeof value === "string" ? value.replace(/\{\{(\w+)\}\}/g, (m, name: string) => values[name] ?? m) : value,
  );
}

/** Parses a JSON object; anything else (not a string, not JSON, a bare value) gives undefined. */
function parseJson(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== "string") return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
