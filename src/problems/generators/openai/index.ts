/** The `openai` generator: any OpenAI-compatible Chat Completions endpoint with JSON-schema output. */
export {
  createOpenAIGenerator,
  OPENAI_GENERATOR_DEFAULT_MAX_CONCURRENCY,
  type OpenAIGeneratorOptions,
} from "./generator";
export {
  buildStatementRequest,
  CORRECT_STATEMENT_JSON_SCHEMA,
  WRONG_STATEMENT_JSON_SCHEMA,
} from "./statement-prompt";
export { checkProblemWording, checkStatementWording, containsVerbPhrase } from "./wording-check";
