/**
 * Changing a project's lexicon: the ElevenLabs dictionary is compiled first (so a refusal leaves
 * nothing changed), then the entry is stored, then the voiced beats that contain the word become
 * `stale` with the reason. Their segments' cache keys change with the text or the rules sent;
 * every other beat keeps its takes and costs nothing.
 */
import {
  getPronunciationDictionary,
  listLexicon,
  listVoicedProjectBeats,
  markBeatsStale,
  removeLexiconEntry,
  saveLexiconEntry,
  savePronunciationDictionary,
  type LexiconEntryInput,
  type LexiconEntryRow,
} from '@studio/db';
import { containsEntry, type DictionaryLocator, type LexiconEntry } from '@studio/audio';
import type { Services } from '../context.js';
import { toLexiconEntry } from './project-lexicon.js';

type LexiconServices = Pick<Services, 'db' | 'account' | 'sessionState'>;

export interface LexiconChange {
  entry: LexiconEntryRow;
  /** Beats marked stale by the change. */
  staleBeats: number;
  /** The dictionary version requests now name (null without ElevenLabs). */
  dictionary: DictionaryLocator | null;
}

/** The dictionary ElevenLabs holds for the project, rewritten to these entries. */
async function compileDictionary(
  services: LexiconServices,
  project: string,
  entries: LexiconEntry[],
): Promise<DictionaryLocator | null> {
  const { elevenlabs } = services.account;
  if (!elevenlabs) return null;
  // An empty lexicon is never sent (no text contains a word of it): nothing to compile.
  if (entries.length === 0) return null;
  const stored = await getPronunciationDictionary(services.db, project);
  return elevenlabs.saveDictionary(
    `studio-${project}`.slice(0, 100),
    entries,
    stored && { dictionaryId: stored.dictionaryId, versionId: stored.versionId },
  );
}

async function markAffectedBeats(
  services: LexiconServices,
  project: string,
  words: LexiconEntry[],
  reason: string,
): Promise<number> {
  const beats = await listVoicedProjectBeats(services.db, project);
  const affected = beats.filter((beat) => words.some((word) => containsEntry(beat.text, word)));
  const marked = new Set(
    await markBeatsStale(
      services.db,
      affected.map((beat) => beat.id),
      reason,
    ),
  );
  const bySession = new Map<string, string[]>();
  for (const beat of affected) {
    if (!marked.has(beat.id)) continue;
    bySession.set(beat.sessionId, [...(bySession.get(beat.sessionId) ?? []), beat.id]);
  }
  for (const [sessionId, beatIds] of bySession) {
    await services.sessionState.beatsChanged(sessionId, beatIds);
  }
  return marked.size;
}

async function afterChange(
  services: LexiconServices,
  project: string,
  entries: LexiconEntry[],
): Promise<DictionaryLocator | null> {
  const dictionary = await compileDictionary(services, project, entries);
  if (dictionary) await savePronunciationDictionary(services.db, { project, ...dictionary });
  return dictionary;
}

export async function addLexiconEntry(
  services: LexiconServices,
  input: LexiconEntryInput,
): Promise<LexiconChange> {
  const current = await listLexicon(services.db, input.project.trim());
  const { entry, previous } = await saveLexiconEntry(services.db, input);
  const entries = [...current.filter((row) => row.word !== entry.word), entry].map(toLexiconEntry);
  const dictionary = await afterChange(services, entry.project, entries).catch(
    async (error: unknown) => {
      // The provider refused the dictionary: put the lexicon back as it was.
      if (previous) await saveLexiconEntry(services.db, rowInput(previous));
      else await removeLexiconEntry(services.db, entry.project, entry.word);
      throw error;
    },
  );
  const words = [toLexiconEntry(entry), ...(previous ? [toLexiconEntry(previous)] : [])];
  const staleBeats = await markAffectedBeats(
    services,
    entry.project,
    words,
    `The pronunciation of "${entry.word}" changed in the lexicon`,
  );
  return { entry, staleBeats, dictionary };
}

export async function deleteLexiconEntry(
  services: LexiconServices,
  project: string,
  word: string,
): Promise<LexiconChange> {
  const entry = await removeLexiconEntry(services.db, project, word);
  const rest = (await listLexicon(services.db, project)).map(toLexiconEntry);
  const dictionary = await afterChange(services, project, rest).catch(async (error: unknown) => {
    await saveLexiconEntry(services.db, rowInput(entry));
    throw error;
  });
  const staleBeats = await markAffectedBeats(
    services,
    project,
    [toLexiconEntry(entry)],
    `"${entry.word}" was removed from the lexicon`,
  );
  return { entry, staleBeats, dictionary };
}

function rowInput(row: LexiconEntryRow): LexiconEntryInput {
  const base = { project: row.project, word: row.word, caseSensitive: row.caseSensitive };
  return row.alias !== null
    ? { ...base, alias: row.alias }
    : { ...base, phoneme: row.phoneme ?? '', alphabet: row.alphabet ?? 'ipa' };
}
