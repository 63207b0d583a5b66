/**
 * "Check words": the words of a script a dictionary does not know and the project's lexicon does
 * not cover — names, brands, coinages the voice may say wrong. The dictionary is the `word-list`
 * package (~275,000 English words), read once per process.
 */
import { readFile } from 'node:fs/promises';
import { containsEntry, type LexiconEntry } from '@studio/audio';
import wordListPath from 'word-list';

let dictionary: Promise<ReadonlySet<string>> | undefined;
function knownWords(): Promise<ReadonlySet<string>> {
  dictionary ??= readFile(wordListPath, 'utf8').then((text) => new Set(text.split('\n')));
  return dictionary;
}

export interface UncommonWord {
  /** As first written in the script. */
  word: string;
  occurrences: number;
}

/** Letters with inner apostrophes or hyphens: `coon's`, `snack-time`. */
const WORD = /\p{L}+(?:['’-]\p{L}+)*/gu;

/** The forms a dictionary may know the word by: itself, without a possessive, its parts. */
function isKnown(word: string, known: ReadonlySet<string>): boolean {
  // `\u2019` (’) escaped: the bundle must stay ASCII (see `bundle.ts`).
  const lower = word.toLowerCase().replace(/['\u2019]s$/, '');
  if (known.has(lower)) return true;
  const parts = lower.split(/['\u2019-]/);
  return parts.length > 1 && parts.every((part) => part.length < 2 || known.has(part));
}

/** The uncommon words of these texts, in order of first appearance. */
export async function uncommonWords(
  texts: readonly string[],
  lexicon: readonly LexiconEntry[],
): Promise<UncommonWord[]> {
  const known = await knownWords();
  const found = new Map<string, UncommonWord>();
  for (const text of texts) {
    for (const [word] of text.matchAll(WORD)) {
      const key = word.toLowerCase();
      const seen = found.get(key);
      if (seen) {
        seen.occurrences++;
        continue;
      }
      if (isKnown(word, known)) continue;
      if (lexicon.some((entry) => containsEntry(word, entry))) continue;
      found.set(key, { word, occurrences: 1 });
    }
  }
  return [...found.values()];
}
