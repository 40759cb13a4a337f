import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client";
import { GRAMMATICAL_FOCUSES, TENSES } from "../../src/problems/types";

/** Every `RARE_TAG_EVERY`-th generated problem carries this tag: 100 of a million. */
export const RARE_TAG = "rare:generated";
const RARE_TAG_EVERY = 10_000;

const arrayLiteral = (values: readonly string[]) => sql.raw(`ARRAY[${values.map((v) => `'${v}'`).join(", ")}]`);

/**
 * Inserts `count` valid, never-served problems in one SQL statement (generate_series), fast enough for a million:
 * focus and tense rotate through their lists, every RARE_TAG_EVERY-th row gets RARE_TAG, and created_at rises by
 * one second per row (row 1 oldest). The `servedOldest` oldest rows count as served a day after their creation.
 * Analyzes the table afterwards so plans reflect the new size.
 */
export async function insertGeneratedProblems(
  database: Database,
  count: number,
  options: { servedOldest?: number } = {},
): Promise<void> {
  // In chunks: each statement stays well inside the client's statement timeout on a loaded machine.
  for (let from = 1; from <= count; from += CHUNK) {
    await insertRange(database, from, Math.min(count, from + CHUNK - 1), count, options.servedOldest ?? 0);
  }
  await database.rows(sql`ANALYZE problems`);
}

const CHUNK = 10_000;

async function insertRange(database: Database, from: number, to: number, count: number, served: number) {
  await database.rows(sql`
    INSERT INTO problems (problem_type, title, instructions, correct_answer_index, statements, topic_tags, created_at,
                          last_served_at)
    SELECT 'grammar', 'Generated #' || g, 'Choose the grammatically correct sentence.', 0,
      jsonb_build_array(
        jsonb_build_object('content', 'Je mange une pomme (' || g || ').', 'is_correct', true,
                           'translation', 'I eat an apple.'),
        jsonb_build_object('content', 'Nous mange une pomme (' || g || ').', 'is_correct', false,
                           'explanation', 'nous takes "mangeons".')),
      ARRAY['focus:' || (${arrayLiteral(GRAMMATICAL_FOCUSES)})[1 + g % ${GRAMMATICAL_FOCUSES.length}],
            'tense:' || (${arrayLiteral(TENSES)})[1 + g % ${TENSES.length}]]
        || CASE WHEN g % ${RARE_TAG_EVERY} = 0 THEN ARRAY[${RARE_TAG}] ELSE ARRAY[]::text[] END,
      now() - make_interval(secs => ${count} - g),
      CASE WHEN g <= ${served} THEN now() - make_interval(secs => ${count} - g) + interval '1 day' END
    FROM generate_series(${from}::int, ${to}::int) AS g`);
}
