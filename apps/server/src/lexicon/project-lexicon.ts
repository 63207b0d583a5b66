/** A project's lexicon as the renderer takes it: its entries and its compiled dictionary. */
import { getPronunciationDictionary, listLexicon, type LexiconEntryRow } from '@studio/db';
import type { Lexicon, LexiconEntry } from '@studio/audio';
import type { Services } from '../context.js';

export function toLexiconEntry(row: LexiconEntryRow): LexiconEntry {
  const { word, caseSensitive } = row;
  if (row.alias !== null) return { word, caseSensitive, alias: row.alias };
  // The row's CHECK holds phoneme and alphabet together whenever alias is NULL.
  return { word, caseSensitive, phoneme: row.phoneme ?? '', alphabet: row.alphabet ?? 'ipa' };
}

/** `undefined` for a session without a project, or a project without entries. */
export async function projectLexicon(
  services: Pick<Services, 'db'>,
  project: string | null,
): Promise<Lexicon | undefined> {
  if (!project) return undefined;
  const rows = await listLexicon(services.db, project);
  if (rows.length === 0) return undefined;
  const dictionary = await getPronunciationDictionary(services.db, project);
  return {
    entries: rows.map(toLexiconEntry),
    dictionary: dictionary && {
      dictionaryId: dictionary.dictionaryId,
      versionId: dictionary.versionId,
    },
  };
}
