import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { StudioDb } from '../client.js';
import { checkRow } from '../errors.js';
import { takeLineRates, takeSpeechLevels } from '../schema/index.js';

/** A session-wide figure: how many values it is taken over, and their median. */
export interface QcNorm {
  count: number;
  median: number | null;
}

export interface SessionQcNorms {
  /** The speech level of the session's takes other than `takeId`. */
  speechDb: QcNorm;
  /** Per character of `lines`: the ms per character of its lines in the session's other takes and in `lines`. */
  msPerChar: Record<string, QcNorm>;
}

const normRow = z.object({
  character: z.string().nullable(),
  count: z.number().int().nonnegative(),
  median: z.number().nullable(),
});

/**
 * The medians the session-wide QC checks compare a take with, computed in the database over
 * `take_speech_levels` and `take_line_rates` in one statement. `takeId` is the take being checked
 * when it is already stored (a QC re-run): its own values are left out and `lines` stand in.
 */
export async function sessionQcNorms(
  db: StudioDb,
  input: {
    sessionId: string;
    takeId?: string;
    lines: readonly { character: string; msPerChar: number }[];
  },
): Promise<SessionQcNorms> {
  const levels = takeSpeechLevels;
  const rates = takeLineRates;
  const notTake = (column: typeof levels.takeId | typeof rates.takeId) =>
    input.takeId === undefined ? sql`` : sql`and ${column} <> ${input.takeId}`;
  const characters = [...new Set(input.lines.map((line) => line.character))];
  const lineNorms =
    characters.length === 0
      ? sql``
      : sql`union all
        select "character", count(*)::int, percentile_cont(0.5) within group (order by ms_per_char)
        from (
          select ${rates.character} as "character", ${rates.msPerChar} as ms_per_char from ${rates}
          where ${rates.sessionId} = ${input.sessionId}
            and ${rates.character} in (${sql.join(characters, sql`, `)}) ${notTake(rates.takeId)}
          union all
          values ${sql.join(
            input.lines.map(
              (line) => sql`(${line.character}::text, ${line.msPerChar}::double precision)`,
            ),
            sql`, `,
          )}
        ) as line_rates
        group by "character"`;
  const rows = await db
    .select({
      character: sql<string | null>`norms."character"`,
      count: sql<number>`norms.count`,
      median: sql<number | null>`norms.median`,
    })
    .from(
      sql`(
        select null::text as "character", count(*)::int as count,
          percentile_cont(0.5) within group (order by ${levels.speechDb}) as median
        from ${levels}
        where ${levels.sessionId} = ${input.sessionId} ${notTake(levels.takeId)}
        ${lineNorms}
      ) as norms`,
    );
  const norms: SessionQcNorms = { speechDb: { count: 0, median: null }, msPerChar: {} };
  for (const row of rows) {
    const { character, count, median } = checkRow(normRow, row);
    if (character === null) norms.speechDb = { count, median };
    else norms.msPerChar[character] = { count, median };
  }
  return norms;
}
