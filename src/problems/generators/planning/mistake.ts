import type { ErrorKind } from "../plan";
import type { FrenchClause, RenderedClause } from "../template/french-clause";

/** One way to make a statement wrong: the clause to write, and how to explain it once written. */
export interface MistakeCandidate {
  kind: ErrorKind;
  clause: FrenchClause;
  explain(wrong: RenderedClause, correct: RenderedClause): string;
}
