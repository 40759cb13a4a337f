import type { PlanProblem, StatementPlan } from "../../planner/plan";
import { problemFromPlan } from "../../planner/problem-from-plan";
import { seededRandom } from "../../planner/random";
import type { GenerationRequest, NewProblem, Statement } from "../../types";
import { InvalidProblemError, validateProblem } from "../../validation";
import type { GeneratedProblem, GenerateOptions, ProblemGenerator } from "../generator";
import { LlmError, LlmInvalidOutputError } from "../llm-errors";
import { createCallLimit } from "./call-limit";
import { type ChatCompletionsEndpoint, createChatCompletion, type TokenUsage } from "./chat-completions";
import type { LlmMetrics } from "./metrics";
import { buildStatementRequest, parseStatementOutput } from "./statement-prompt";

export interface OpenAIGeneratorOptions {
  /** Base URL of an OpenAI-compatible API, e.g. "https://api.openai.com/v1" (OPENAI_BASE_URL). */
  baseUrl: string;
  /** Sent as a bearer token; never logged nor put in an error message (OPENAI_API_KEY). */
  apiKey: string;
  /** OPENAI_MODEL, e.g. "gpt-4o-mini". The model must support `response_format: json_schema`. */
  model: string;
  /** Deadline of each HTTP request (OPENAI_TIMEOUT_MS). */
  timeoutMs: number;
  /** Decides the problem (verb, tense, persons, exact forms) before any text is written. */
  planProblem: PlanProblem;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /**
   * LLM requests in flight at once across every problem this generator writes, statements included
   * (LLM_MAX_CONCURRENCY; the service builds one generator per process). Default 4.
   */
  maxConcurrency?: number;
  /** llm.* instruments; omitted in tests that do not look at metrics. */
  metrics?: LlmMetrics;
}

export const OPENAI_GENERATOR_DEFAULT_MAX_CONCURRENCY = 4;

/**
 * The `openai` generator: plans the problem in code, then asks the model, one request per statement and several at
 * once, only for the sentence around each planned verb phrase and its explanation or translation.
 *
 * Rejects with an LlmError subclass (see llm-errors.ts) on upstream failure, and with the caller's abort reason when
 * `options.signal` aborts.
 */
export function createOpenAIGenerator(options: OpenAIGeneratorOptions): ProblemGenerator {
  const maxConcurrency = options.maxConcurrency ?? OPENAI_GENERATOR_DEFAULT_MAX_CONCURRENCY;
  if (!options.apiKey) throw new TypeError("createOpenAIGenerator: apiKey is empty");
  // A malformed URL would otherwise surface per request as llm_unavailable and be retried forever.
  if (!URL.canParse(options.baseUrl) || !/^https?:$/.test(new URL(options.baseUrl).protocol)) {
    throw new TypeError(
      `createOpenAIGenerator: baseUrl must be an http(s) URL, got ${JSON.stringify(options.baseUrl)}`,
    );
  }
  if (!Number.isInteger(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new TypeError(`createOpenAIGenerator: timeoutMs must be a positive integer, got ${options.timeoutMs}`);
  }
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) {
    throw new TypeError(`createOpenAIGenerator: maxConcurrency must be a positive integer, got ${maxConcurrency}`);
  }
  const endpoint: ChatCompletionsEndpoint = {
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch ?? fetch,
  };
  const calls = createCallLimit(maxConcurrency);

  return {
    name: "openai",
    async generate(request: GenerationRequest, { signal, seed }: GenerateOptions): Promise<GeneratedProblem> {
      signal.throwIfAborted();
      const startedMs = performance.now();
      const plan = options.planProblem(request, seed === undefined ? Math.random : seededRandom(seed));

      // Aborted when the caller aborts, or as soon as one statement fails: the others are wasted tokens by then.
      const batch = new AbortController();
      const onCallerAbort = () => batch.abort(signal.reason);
      signal.addEventListener("abort", onCallerAbort, { once: true });
      let written: WrittenStatement[];
      try {
        written = await Promise.all(
          plan.statements.map(async (statement) => {
            try {
              return await calls.run(batch.signal, () => writeStatement(statement));
            } catch (error) {
              batch.abort(error);
              throw error;
            }
          }),
        );
      } catch (error) {
        // Whatever a sibling rejected with after the abort, the caller's own reason is what it expects back.
        if (signal.aborted) throw signal.reason;
        throw error;
      } finally {
        signal.removeEventListener("abort", onCallerAbort);
      }

      const candidate = problemFromPlan(
        plan,
        written.map((w) => w.statement),
      );
      let problem: NewProblem;
      try {
        problem = validateProblem(candidate);
      } catch (error) {
        // Each sentence passed its own checks, so what is left (two identical sentences, say) is still the model's doing.
        if (error instanceof InvalidProblemError) {
          throw new LlmInvalidOutputError(
            `the model's statements do not form a valid problem: ${error.issues.join("; ")}`,
            "invalid_problem",
            {
              cause: error,
            },
          );
        }
        throw error;
      }

      const usage = written.reduce<TokenUsage>(
        (sum, w) => ({
          inputTokens: sum.inputTokens + w.usage.inputTokens,
          outputTokens: sum.outputTokens + w.usage.outputTokens,
          reasoningTokens: sum.reasoningTokens + w.usage.reasoningTokens,
        }),
        { inputTokens: 0, outputTokens: 0, reasoningTokens: 0 },
      );
      return {
        problem,
        trace: {
          generator: "openai",
          duration_ms: Math.round(performance.now() - startedMs),
          // The model that answered (e.g. a dated snapshot) is better provenance than the alias we asked for.
          model: written.find((w) => w.model)?.model ?? options.model,
          input_tokens: usage.inputTokens,
          output_tokens: usage.outputTokens,
          reasoning_tokens: usage.reasoningTokens,
        },
      };

      async function writeStatement(statement: StatementPlan): Promise<WrittenStatement> {
        const startedAt = performance.now();
        const seconds = () => (performance.now() - startedAt) / 1000;
        let completion: Awaited<ReturnType<typeof createChatCompletion>>;
        let output: ReturnType<typeof parseStatementOutput>;
        try {
          completion = await createChatCompletion(
            endpoint,
            buildStatementRequest(options.model, plan, statement),
            batch.signal,
          );
          output = parseStatementOutput(completion.content, statement);
        } catch (error) {
          // Only the endpoint's own failure counts as an error. A call ended by the batch's abort rejects with the
          // abort's reason, which is the failing sibling's LlmError: counting it too would count one failure once
          // per statement in flight.
          if (batch.signal.aborted && error === batch.signal.reason)
            options.metrics?.record({ model: options.model, durationS: seconds(), outcome: "cancelled" });
          else if (error instanceof LlmError)
            options.metrics?.record({
              model: options.model,
              durationS: seconds(),
              outcome: "error",
              errorType: error.code,
            });
          throw error;
        }
        options.metrics?.record({
          model: options.model,
          durationS: seconds(),
          outcome: "success",
          usage: completion.usage,
        });
        const written: Statement =
          "translation" in output
            ? { content: output.sentence, is_correct: true, translation: output.translation }
            : { content: output.sentence, is_correct: false, explanation: output.explanation };
        return { statement: written, usage: completion.usage, model: completion.model };
      }
    },
  };
}

interface WrittenStatement {
  statement: Statement;
  usage: TokenUsage;
  model: string | undefined;
}
