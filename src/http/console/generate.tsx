import { GRAMMATICAL_FOCUSES, LEVELS, MAX_STATEMENTS, MIN_STATEMENTS, TENSES } from "../../problems/types";
import { Layout, Select } from "./layout";

const TRI_STATE = ["yes", "no"] as const;

/** The generation form; the script posts it as JSON and adds one live progress row per request. */
export function GeneratePage() {
  return (
    <Layout title="Generate" current="/console/generate" script="generate.js">
      <form id="generate-form" class="generate" method="post" action="/api/v1/problems/generate">
        <div class="field">
          <label for="count">Problems (1–100)</label>
          <input id="count" name="count" type="number" min="1" max="100" value="20" required />
        </div>
        <div class="field">
          <label for="statement_count">
            Sentences per problem ({MIN_STATEMENTS}–{MAX_STATEMENTS})
          </label>
          <input
            id="statement_count"
            name="statement_count"
            type="number"
            min={MIN_STATEMENTS}
            max={MAX_STATEMENTS}
            value="4"
            required
          />
        </div>
        <Select id="gen-focus" name="focus" label="Focus" options={GRAMMATICAL_FOCUSES} any="any" />
        <fieldset>
          <legend>Constraints (optional)</legend>
          <Select id="gen-level" name="level" label="Level" options={LEVELS} any="any" />
          <div class="field">
            <label for="tenses">Tenses</label>
            <select id="tenses" name="tenses" multiple size={4}>
              {TENSES.map((t) => (
                <option value={t}>{t.replaceAll("_", " ")}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="verbs">Verbs (infinitives, comma separated)</label>
            <input id="verbs" name="verbs" type="text" autocomplete="off" placeholder="aller, parler" />
          </div>
          <Select id="negation" name="includes_negation" label="Negation" options={TRI_STATE} any="either" />
          <Select id="cod" name="includes_cod" label="Direct object" options={TRI_STATE} any="either" />
          <Select id="coi" name="includes_coi" label="Indirect object" options={TRI_STATE} any="either" />
        </fieldset>
        <p class="actions">
          <button type="submit">Generate</button>
        </p>
        <p id="form-error" class="error" role="alert" />
      </form>
      <section aria-labelledby="requests-title">
        <h2 id="requests-title">Requests</h2>
        <p id="no-requests" class="hint">
          Submitted requests appear here with their progress.
        </p>
        <ol id="requests" class="requests" />
      </section>
    </Layout>
  );
}
