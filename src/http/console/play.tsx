import { GRAMMATICAL_FOCUSES, TENSES } from "../../problems/types";
import type { ProblemBody } from "../schemas";
import { Layout, Select } from "./layout";

export interface PlayFilters {
  focus?: string;
  tense?: string;
}

/** One problem to answer. The feedback for every sentence is in the page but hidden until an answer is picked. */
export function PlayPage(props: { problem?: ProblemBody; filters: PlayFilters; nextHref: string; notice?: string }) {
  const { problem, filters } = props;
  return (
    <Layout title="Play" current="/console/play" script="play.js">
      <form class="filters" method="get" action="/console/play">
        <Select id="focus" name="focus" label="Focus" options={GRAMMATICAL_FOCUSES} value={filters.focus} any="any" />
        <Select id="tense" name="tense" label="Tense" options={TENSES} value={filters.tense} any="any" />
        <button type="submit">Apply filters</button>
      </form>
      {problem ? (
        <section
          id="problem"
          class="problem"
          aria-labelledby="problem-title"
          data-problem-id={problem.id}
          data-correct={problem.correct_answer_index}
        >
          <h2 id="problem-title">{problem.title}</h2>
          <p>{problem.instructions}</p>
          <ol class="choices">
            {problem.statements.map((s, i) => (
              <li>
                <button
                  type="button"
                  class="choice"
                  id={`choice-${i + 1}`}
                  data-index={i}
                  aria-describedby={`feedback-${i + 1}`}
                >
                  <span class="key" aria-hidden="true">
                    {i + 1}
                  </span>
                  <span lang="fr">{s.content}</span>
                </button>
                <p class="feedback" id={`feedback-${i + 1}`} hidden>
                  {s.is_correct ? `Translation: ${s.translation ?? ""}` : `Why it is wrong: ${s.explanation ?? ""}`}
                </p>
              </li>
            ))}
          </ol>
          <p id="verdict" class="verdict" role="status" aria-live="polite" />
        </section>
      ) : (
        <p class="notice" role="status">
          {props.notice ?? "No problem to show."}
        </p>
      )}
      <p class="actions">
        <a id="next" class="button" href={props.nextHref}>
          Next problem
        </a>
        <span class="hint">Keys: 1–6 to answer, n for the next problem.</span>
      </p>
    </Layout>
  );
}
