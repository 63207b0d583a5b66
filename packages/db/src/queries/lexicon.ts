import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { StudioDb } from '../client.js';
import { DbError, parseOrThrow } from '../errors.js';
import {
  beats,
  LEXICON_ALPHABETS,
  lexiconEntries,
  pronunciationDictionaries,
  sessions,
  type LexiconEntryRow,
  type PronunciationDictionaryRow,
} from '../schema/index.js';

const word = z.string().trim().min(1).max(100);

/** One entry as written: an alias, or phonemes in one alphabet. */
export const lexiconEntryInputSchema = z.union([
  z.strictObject({
    project: z.string().trim().min(1).max(200),
    word,
    alias: z.string().trim().min(1).max(200),
    caseSensitive: z.boolean().default(false),
  }),
  z.strictObject({
    project: z.string().trim().min(1).max(200),
    word,
    phoneme: z.string().trim().min(1).max(200),
    alphabet: z.enum(LEXICON_ALPHABETS),
    caseSensitive: z.boolean().default(false),
  }),
]);
export type LexiconEntryInput = z.input<typeof lexiconEntryInputSchema>;

export async function listLexicon(db: StudioDb, project: string): Promise<LexiconEntryRow[]> {
  return db
    .select()
    .from(lexiconEntries)
    .where(eq(lexiconEntries.project, project))
    .orderBy(asc(sql`lower(${lexiconEntries.word})`), asc(lexiconEntries.word));
}

/** Adds the entry or replaces the word's pronunciation. Returns the entry and the one replaced. */
export async function saveLexiconEntry(
  db: StudioDb,
  input: LexiconEntryInput,
): Promise<{ entry: LexiconEntryRow; previous: LexiconEntryRow | null }> {
  const parsed = parseOrThrow(lexiconEntryInputSchema, input, 'INVALID_INPUT');
  const values = {
    project: parsed.project,
    word: parsed.word,
    alias: 'alias' in parsed ? parsed.alias : null,
    phoneme: 'phoneme' in parsed ? parsed.phoneme : null,
    alphabet: 'alphabet' in parsed ? parsed.alphabet : null,
    caseSensitive: parsed.caseSensitive,
  };
  return db.transaction(async (tx) => {
    const [previous] = await tx
      .select()
      .from(lexiconEntries)
      .where(and(eq(lexiconEntries.project, values.project), eq(lexiconEntries.word, values.word)))
      .for('update');
    const [entry] = await tx
      .insert(lexiconEntries)
      .values(values)
      .onConflictDoUpdate({
        target: [lexiconEntries.project, lexiconEntries.word],
        set: { ...values, updatedAt: sql`now()` },
      })
      .returning();
    return { entry: entry as LexiconEntryRow, previous: previous ?? null };
  });
}

export async function removeLexiconEntry(
  db: StudioDb,
  project: string,
  word: string,
): Promise<LexiconEntryRow> {
  const [removed] = await db
    .delete(lexiconEntries)
    .where(and(eq(lexiconEntries.project, project), eq(lexiconEntries.word, word)))
    .returning();
  if (!removed) {
    throw new DbError(
      'LEXICON_ENTRY_NOT_FOUND',
      `no lexicon entry "${word}" in ${project}`,
      'word',
    );
  }
  return removed;
}

export async function getPronunciationDictionary(
  db: StudioDb,
  project: string,
): Promise<PronunciationDictionaryRow | null> {
  const [row] = await db
    .select()
    .from(pronunciationDictionaries)
    .where(eq(pronunciationDictionaries.project, project));
  return row ?? null;
}

export async function savePronunciationDictionary(
  db: StudioDb,
  row: { project: string; dictionaryId: string; versionId: string },
): Promise<void> {
  await db
    .insert(pronunciationDictionaries)
    .values(row)
    .onConflictDoUpdate({
      target: pronunciationDictionaries.project,
      set: { dictionaryId: row.dictionaryId, versionId: row.versionId, updatedAt: sql`now()` },
    });
}

/** A voiced beat of one of the project's sessions: whether the lexicon touches it is decided by the caller. */
export interface ProjectBeat {
  id: string;
  sessionId: string;
  text: string;
}

/** Beats with takes (ready or already stale) in the project's sessions. */
export async function listVoicedProjectBeats(
  db: StudioDb,
  project: string,
): Promise<ProjectBeat[]> {
  return db
    .select({ id: beats.id, sessionId: beats.sessionId, text: beats.text })
    .from(beats)
    .innerJoin(sessions, eq(sessions.id, beats.sessionId))
    .where(and(eq(sessions.project, project), inArray(beats.status, ['ready', 'stale'])))
    .orderBy(asc(beats.sessionId), asc(beats.position));
}

/**
 * Marks voiced beats `stale` with the reason: their takes no longer say what the lexicon says.
 * A beat a job is voicing right now is left to that job.
 */
export async function markBeatsStale(
  db: StudioDb,
  beatIds: readonly string[],
  reason: string,
): Promise<string[]> {
  if (beatIds.length === 0) return [];
  const rows = await db
    .update(beats)
    .set({ status: 'stale', staleReason: reason })
    .where(and(inArray(beats.id, [...beatIds]), inArray(beats.status, ['ready', 'stale'])))
    .returning({ id: beats.id });
  return rows.map((row) => row.id);
}
