import type { PlanProblem, ProblemPlan } from "../../planner/plan";
import { problemFromPlan, type WrittenStatement } from "../../planner/problem-from-plan";
import { seededRandom } from "../../planner/random";
import type { GenerationRequest, NewProblem } from "../../types";
import { InvalidProblemError, validateProblem } from "../../validation";
import type { GeneratedProblem, GenerateOptions, ProblemGenerator } from "../generator";
import { LlmError, LlmInvalidOutputError } from "../llm-errors";
import { createCallLimit } from "./call-limit";
import {
  type ChatCompletionRequest,
  type ChatCompletionsEndpoint,
  createChatCompletion,
  type TokenUsage,
} from "./chat-completions";
import { buildJudgeRequest, checkJudgeVerdict } from "./judge";
import type { LlmMetrics } from "./metrics";
import { buildStatementRequest, parseStatementOutput } from "./statement-prompt";
import { checkProblemWording, type StatementOutput } from "./wording-check";

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
  /**
   * Times a problem whose wording fails the re-check (wording-check.ts, or the judge) is written again before the
   * generation fails with the last reason (LLM_OUTPUT_MAX_REGENERATIONS). Default 2.
   */
  maxRegenerations?: number;
  /** When set, this model grades every problem for naturalness before it is accepted (LLM_JUDGE, LLM_JUDGE_MODEL). */
  judgeModel?: string;
}

const OPENAI_GENERATOR_DEFAULT_MAX_REGENERATIONS = 2;

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
  const maxRegenerations = options.maxRegenerations ?? OPENAI_GENERATOR_DEFAULT_MAX_REGENERATIONS;
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
  if (!Number.isInteger(maxRegenerations) || maxRegenerations < 0) {
    throw new TypeError(`createOpenAIGenerator: maxRegenerations must be an integer >= 0, got ${maxRegenerations}`);
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
      // Sampling differs per call, so a rejected wording is worth asking again, a bounded number of times: the plan
      // (and so the grammar tested) stays the same.
      for (let attempt = 0; ; attempt++) {
        try {
          return await writeProblem(plan, signal, startedMs);
        } catch (error) {
          if (!(error instanceof LlmInvalidOutputError) || signal.aborted) throw error;
          options.metrics?.rejected(error.reason);
          if (attempt >= maxRegenerations) {
            throw new LlmInvalidOutputError(
              `${error.reason}: ${error.message} (still invalid after ${attempt + 1} attempts)`,
              error.reason,
              { cause: error },
            );
          }
        }
      }
    },
  };

  /** Writes every statement of `plan` at once, then re-checks the whole problem (and has it judged, if asked). */
  async function writeProblem(plan: ProblemPlan, signal: AbortSignal, startedMs: number): Promise<GeneratedProblem> {
    // Aborted when the caller aborts, or as soon as one statement fails: the others are wasted tokens by then.
    const batch = new AbortController();
    const onCallerAbort = () => batch.abort(signal.reason);
    signal.addEventListener("abort", onCallerAbort, { once: true });
    let written: Completed<StatementOutput>[];
    try {
      written = await Promise.all(
        plan.statements.map(async (statement) => {
          try {
            return await complete(
              options.model,
              buildStatementRequest(options.model, plan, statement),
              (content) => parseStatementOutput(content, plan, statement),
              batch.signal,
            );
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

    const outputs = written.map((w) => w.value);
    checkProblemWording(plan, outputs);
    const candidate = problemFromPlan(plan, outputs.map(toStatement));
    let problem: NewProblem;
    try {
      problem = validateProblem(candidate);
    } catch (error) {
      // Each sentence passed its own checks, so what is left (two identical sentences, say) is still the model's doing.
      if (error instanceof InvalidProblemError) {
        throw new LlmInvalidOutputError(
          `the model's statements do not form a valid problem: ${error.issues.join("; ")}`,
          "invalid_problem",
          { cause: error },
        );
      }
      throw error;
    }
    const usages = written.map((w) => w.usage);
    if (options.judgeModel) {
      const judgeModel = options.judgeModel;
      const judged = await complete(
        judgeModel,
        buildJudgeRequest(judgeModel, plan, outputs),
        checkJudgeVerdict,
        signal,
      );
      usages.push(judged.usage);
    }

    const usage = usages.reduce<TokenUsage>(
      (sum, u) => ({
        inputTokens: sum.inputTokens + u.inputTokens,
        outputTokens: sum.outputTokens + u.outputTokens,
        reasoningTokens: sum.reasoningTokens + u.reasoningTokens,
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
  }

  /** One call within the concurrency limit, read by `read`, and recorded in the llm.* metrics. */
  async function complete<T>(
    model: string,
    request: ChatCompletionRequest,
    read: (content: string) => T,
    signal: AbortSignal,
  ): Promise<Completed<T>> {
    return calls.run(signal, async () => {
      const startedAt = performance.now();
      const seconds = () => (performance.now() - startedAt) / 1000;
      let completion: Awaited<ReturnType<typeof createChatCompletion>>;
      let value: T;
      try {
        completion = await createChatCompletion(endpoint, request, signal);
        value = read(completion.content);
      } catch (error) {
        // Only the endpoint's own failure counts as an error. A call ended by the batch's abort rejects with the
        // abort's reason, which is the failing sibling's LlmError: counting it too would count one failure once
        // per statement in flight.
        if (signal.aborted && error === signal.reason)
          options.metrics?.record({ model, durationS: seconds(), outcome: "cancelled" });
        else if (error instanceof LlmError)
          options.metrics?.record({ model, durationS: seconds(), outcome: "error", errorType: error.code });
        throw error;
      }
      options.metrics?.record({ model, durationS: seconds(), outcome: "success", usage: completion.usage });
      return { value, usage: completion.usage, model: completion.model };
    });
  }
}

function toStatement(output: StatementOutput): WrittenStatement {
  return "translation" in output
    ? { content: output.sentence, is_correct: true, translation: output.translation }
    : { content: output.sentence, is_correct: false, explanation: output.explanation };
}

interface Completed<T> {
  value: T;
  usage: TokenUsage;
  model: string | undefined;
}
