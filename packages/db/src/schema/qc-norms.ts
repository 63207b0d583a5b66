import {
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { sessions } from './sessions.js';
import { takes } from './takes.js';

/*
 * What the session-wide QC checks compare, copied out of each take's `qc -> 'stats'` into plain
 * columns so that a session's medians are read from an index instead of decoding every take's
 * jsonb (52-59 ms per voiced beat at 2,000 beats x 3 takes). A trigger on `takes` keeps them in
 * step with `qc` whatever the write path (migration 0005); nothing else writes them.
 */

/** A take's speech level (`qc.stats.speechDb`), for the loudness outlier check. */
export const takeSpeechLevels = pgTable(
  'take_speech_levels',
  {
    takeId: uuid('take_id')
      .primaryKey()
      .references(() => takes.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    speechDb: doublePrecision('speech_db').notNull(),
  },
  (t) => [index('take_speech_levels_session_idx').on(t.sessionId, t.speechDb, t.takeId)],
);

/** Each line's speaking rate in a take (`qc.stats.lines`), for the rate outlier check. */
export const takeLineRates = pgTable(
  'take_line_rates',
  {
    takeId: uuid('take_id')
      .notNull()
      .references(() => takes.id, { onDelete: 'cascade' }),
    lineIndex: integer('line_index').notNull(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    character: text('character').notNull(),
    msPerChar: doublePrecision('ms_per_char').notNull(),
  },
  (t) => [
    primaryKey({ name: 'take_line_rates_pk', columns: [t.takeId, t.lineIndex] }),
    index('take_line_rates_session_idx').on(t.sessionId, t.character, t.msPerChar, t.takeId),
  ],
);
