import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { oneOf } from './checks.js';

export const LEXICON_ALPHABETS = ['ipa', 'cmu'] as const;
export type LexiconAlphabet = (typeof LEXICON_ALPHABETS)[number];

/**
 * How a project says a word: an alias spoken instead (`GIF` → "jif") or phonemes in IPA or CMU.
 * One entry per word and project; a script's `project` meta picks the lexicon.
 */
export const lexiconEntries = pgTable(
  'lexicon_entries',
  {
    project: text('project').notNull(),
    word: text('word').notNull(),
    alias: text('alias'),
    phoneme: text('phoneme'),
    alphabet: text('alphabet', { enum: LEXICON_ALPHABETS }),
    /** Off: `gif`, `Gif` and `GIF` are the same word. */
    caseSensitive: boolean('case_sensitive').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set by the upsert that changes the entry. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'lexicon_entries_pk', columns: [t.project, t.word] }),
    check('lexicon_entries_alphabet_valid', oneOf(t.alphabet, LEXICON_ALPHABETS)),
    // Exactly one way to say it: an alias, or phonemes with their alphabet.
    check(
      'lexicon_entries_one_pronunciation',
      sql`(${t.alias} is not null and ${t.phoneme} is null and ${t.alphabet} is null) or (${t.alias} is null and ${t.phoneme} is not null and ${t.alphabet} is not null)`,
    ),
  ],
);

export type LexiconEntryRow = typeof lexiconEntries.$inferSelect;

/**
 * The ElevenLabs pronunciation dictionary a project's lexicon is compiled into: requests name it
 * by id and version (`pronunciation_dictionary_locators`). Rewritten on every lexicon change.
 */
export const pronunciationDictionaries = pgTable('pronunciation_dictionaries', {
  project: text('project').primaryKey(),
  dictionaryId: text('dictionary_id').notNull(),
  versionId: text('version_id').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type PronunciationDictionaryRow = typeof pronunciationDictionaries.$inferSelect;
