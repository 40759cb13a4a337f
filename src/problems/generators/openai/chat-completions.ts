import { z } from "zod";
import {
  type InvalidOutputReason,
  LlmAuthError,
  LlmInvalidOutputError,
  LlmRateLimitedError,
  LlmRequestRejectedError,
  LlmTimeoutError,
  LlmUnavailableError,
  parseRetryAfterMs,
} from "../llm-errors";

/** Where and how to reach one OpenAI-compatible endpoint. */
export interface ChatCompletionsEndpoint {
  /** e.g. "https://api.openai.com/v1"; "/chat/completions" is appended. */
  baseUrl: string;
  apiKey: string;
  /** Deadline of one request, headers and body included. */
  timeoutMs: number;
  fetch: typeof fetch;
}

export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

/** The subset of the Chat Completions request we send. */
export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  response_format: {
    type: "json_schema";
    json_schema: { name: string; strict: true; schema: Record<string, unknown> };
  };
}

/**
 * A request whose user message is the task as JSON and whose answer must match a strict JSON schema: JSON in,
 * JSON out, so the task stays unambiguous however its French is spelled.
 */
export function jsonTaskRequest(
  model: string,
  systemPrompt: string,
  task: unknown,
  answer: { name: string; schema: Record<string, unknown> },
): ChatCompletionRequest {
  return {
    model,
    messages: [
      { role: "system", content: systemPrompt },
      { role: "user", content: JSON.stringify(task) },
    ],
    response_format: { type: "json_schema", json_schema: { name: answer.name, strict: true, schema: answer.schema } },
  };
}

/** Parses text the endpoint or a model returned; text that is not JSON is invalid output with the given message. */
export function parseJsonOrThrow(text: string, message: string, reason: InvalidOutputReason): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new LlmInvalidOutputError(message, reason);
  }
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

export interface ChatCompletionResult {
  /** The assistant message text (still to be parsed as JSON by the caller). */
  content: string;
  /** The model that answered, as the endpoint names it (often a dated snapshot of the one asked for). */
  model: string | undefined;
  usage: TokenUsage;
}

// Lenient on purpose: compatible servers (vLLM, Ollama, LiteLLM, ...) add or omit fields freely. Only what we read is
// checked; usage is optional because several of them leave it out.
const completionBodySchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          refusal: z.string().nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z
    .object({
      prompt_tokens: z.number().int().nonnegative().nullish(),
      completion_tokens: z.number().int().nonnegative().nullish(),
      completion_tokens_details: z.object({ reasoning_tokens: z.number().int().nonnegative().nullish() }).nullish(),
    })
    .nullish(),
});

const errorBodySchema = z.object({ error: z.object({ message: z.string().optional(), code: z.unknown().optional() }) });

const UPSTREAM_MESSAGE_MAX_CHARS = 300;

/**
 * POSTs one Chat Completions request and returns the assistant text and token usage, or throws an LlmError.
 * When `signal` aborts, rejects with `signal.reason` unchanged: cancellation belongs to the caller, it is not a timeout.
 */
export async function createChatCompletion(
  endpoint: ChatCompletionsEndpoint,
  request: ChatCompletionRequest,
  signal: AbortSignal,
): Promise<ChatCompletionResult> {
  signal.throwIfAborted();
  const url = `${endpoint.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  // One controller for both causes of abort, so the timer also covers reading the body, not just the headers.
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(signal.reason);
  signal.addEventListener("abort", onCallerAbort, { once: true });
  const timer = setTimeout(
    () =>
      controller.abort(
        new LlmTimeoutError(`the LLM endpoint did not answer within ${endpoint.timeoutMs} ms`, endpoint.timeoutMs),
      ),
    endpoint.timeoutMs,
  );

  let status: number;
  let headers: Headers;
  let text: string;
  try {
    const response = await endpoint.fetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${endpoint.apiKey}`,
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify(request),
      signal: controller.signal,
    });
    status = response.status;
    headers = response.headers;
    text = await response.text();
  } catch (error) {
    if (controller.signal.aborted) throw controller.signal.reason;
    throw new LlmUnavailableError(
      redact(`could not reach the LLM endpoint at ${hostOf(url)}: ${messageOf(error)}`, endpoint.apiKey),
      undefined,
      undefined,
      { cause: error instanceof Error ? new Error(redact(error.message, endpoint.apiKey)) : undefined },
    );
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onCallerAbort);
  }

  if (status < 200 || status >= 300) throw errorForStatus(status, headers, text, endpoint.apiKey);
  return readCompletion(text);
}

function readCompletion(text: string): ChatCompletionResult {
  const json = parseJsonOrThrow(text, "the LLM endpoint answered 2xx with a body that is not JSON", "malformed_body");
  const parsed = completionBodySchema.safeParse(json);
  if (!parsed.success) {
    throw new LlmInvalidOutputError(
      `the LLM endpoint answered 2xx with a body that is not a chat completion: ${parsed.error.issues[0]?.message ?? "unknown shape"}`,
      "malformed_body",
    );
  }
  const body = parsed.data;
  // min(1) above guarantees a first choice.
  const choice = body.choices[0] as (typeof body.choices)[number];
  if (choice.message.refusal) {
    throw new LlmInvalidOutputError(`the model refused: ${clip(choice.message.refusal)}`, "refusal");
  }
  if (choice.finish_reason === "length" || choice.finish_reason === "content_filter") {
    throw new LlmInvalidOutputError(
      `the model's answer was cut off (finish_reason "${choice.finish_reason}")`,
      "truncated",
    );
  }
  if (choice.message.content == null || choice.message.content.trim() === "") {
    throw new LlmInvalidOutputError("the model answered with no content", "non_json_content");
  }
  const usage = body.usage;
  return {
    content: choice.message.content,
    model: body.model,
    usage: {
      inputTokens: usage?.prompt_tokens ?? 0,
      outputTokens: usage?.completion_tokens ?? 0,
      reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
    },
  };
}

function errorForStatus(status: number, headers: Headers, text: string, apiKey: string) {
  const detail = upstreamMessage(text, apiKey);
  const message = `the LLM endpoint answered HTTP ${status}${detail ? `: ${detail}` : ""}`;
  // retry-after-ms is OpenAI's finer-grained variant; prefer it when both are present.
  const retryAfterMsHeader = Number(headers.get("retry-after-ms") ?? Number.NaN);
  const retryAfterMs =
    Number.isFinite(retryAfterMsHeader) && retryAfterMsHeader >= 0
      ? Math.round(retryAfterMsHeader)
      : parseRetryAfterMs(headers.get("retry-after"));
  if (status === 429) return new LlmRateLimitedError(message, retryAfterMs);
  if (status === 401 || status === 403) return new LlmAuthError(message, status);
  if (status === 408) return new LlmTimeoutError(message);
  // 409 is what OpenAI sends for transient lock conflicts; its own client retries it.
  if (status === 409 || status >= 500) return new LlmUnavailableError(message, status, retryAfterMs);
  return new LlmRequestRejectedError(message, status);
}

/** The `error.message` of an OpenAI-style error body, else the start of the raw text; secrets removed. */
function upstreamMessage(text: string, apiKey: string): string {
  let message = text;
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success && parsed.data.error.message) message = parsed.data.error.message;
  } catch {
    // not JSON (an HTML page from a proxy, say): keep the raw text
  }
  return clip(redact(message.replace(/\s+/g, " ").trim(), apiKey));
}

/**
 * Upstream messages may quote the key (OpenAI's 401 echoes a masked form of it; some proxies echo it whole), so the
 * key itself and anything shaped like a key or bearer token is blanked before a message can reach a log.
 */
function redact(text: string, apiKey: string): string {
  let out = apiKey ? text.split(apiKey).join("[redacted]") : text;
  out = out.replace(/\bsk-[\w*.-]{4,}/g, "sk-[redacted]");
  out = out.replace(/\bBearer\s+\S+/gi, "Bearer [redacted]");
  return out;
}

function clip(text: string): string {
  return text.length > UPSTREAM_MESSAGE_MAX_CHARS ? `${text.slice(0, UPSTREAM_MESSAGE_MAX_CHARS)}…` : text;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(invalid URL)";
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
