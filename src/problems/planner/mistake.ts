import type { FrenchClause, RenderedClause } from "../french/french-clause";
import type { ErrorKind } from "./plan";

/** One way to make a statement wrong: the clause to write, and how to explain it once written. */
export interface MistakeCandidate {
  kind: ErrorKind;
  clause: FrenchClause;
  explain(wrong: RenderedClause, correct: RenderedClause): string;
}
