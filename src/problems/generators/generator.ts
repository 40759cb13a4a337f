import type { GenerationRequest, GenerationTrace, NewProblem } from "../types";

export interface GenerateOptions {
  /** Aborts the generation (shutdown, deadline). Generators must stop promptly. */
  signal: AbortSignal;
  /** Makes deterministic generators reproducible; LLM generators may ignore it. */
  seed?: number;
}

export interface GeneratedProblem {
  problem: NewProblem;
  trace: GenerationTrace;
}

/** One way of making problems. Implementations must return problems that pass `validateProblem`. */
export interface ProblemGenerator {
  readonly name: string;
  generate(request: GenerationRequest, options: GenerateOptions): Promise<GeneratedProblem>;
}
