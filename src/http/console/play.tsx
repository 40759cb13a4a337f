import { GRAMMATICAL_FOCUSES, LEVELS, TENSES } from "../../problems/types";
import { Layout, Select } from "./layout";

export interface PlayFilters {
  focus?: string;
  tense?: string;
  level?: string;
}

/**
 * The frame of the Play page. Its script asks the public API for the problem (random with these filters, or `?id=`),
 * with the API key when one is saved, so the console sees exactly what any API client would.
 */
export function PlayPage(props: { filters: PlayFilters; nextHref: string; notice?: string }) {
  const { filters } = props;
  return (
    <Layout title="Play" current="/console/play" script="play.js">
      <form class="filters" method="get" action="/console/play">
        <Select id="focus" name="focus" label="Focus" options={GRAMMATICAL_FOCUSES} value={filters.focus} any="any" />
        <Select id="tense" name="tense" label="Tense" options={TENSES} value={filters.tense} any="any" />
        <Select id="level" name="level" label="Level" options={LEVELS} value={filters.level} any="any" />
        <button type="submit">Apply filters</button>
      </form>
      <p id="notice" class="notice" role="status" data-invalid={props.notice ? "true" : undefined}>
        {props.notice ?? "Loading a problem…"}
      </p>
      <section id="problem" class="problem" aria-labelledby="problem-title" hidden>
        <h2 id="problem-title">Problem</h2>
        <p id="problem-instructions" />
        <ol id="choices" class="choices" />
        <p id="verdict" class="verdict" role="status" aria-live="polite" />
      </section>
      <p class="actions">
        <a id="next" class="button" href={props.nextHref}>
          Next problem
        </a>
        <span class="hint">Keys: 1–6 to answer, n for the next problem.</span>
      </p>
    </Layout>
  );
}
