import { z } from 'zod';
import { storableText, TEXT_LIMITS } from './text.schema.js';

export const project = storableText({ min: 1, max: TEXT_LIMITS.project, trim: true });
const word = storableText({ min: 1, max: TEXT_LIMITS.lexiconWord, trim: true });
const said = storableText({ min: 1, max: TEXT_LIMITS.pronunciation, trim: true });

export const projectInput = z.object({ project });

/** An alias, or phonemes in IPA or CMU (ARPAbet). */
export const addEntryInput = z.union([
  z.strictObject({ project, word, alias: said, caseSensitive: z.boolean().default(false) }),
  z.strictObject({
    project,
    word,
    phoneme: said,
    alphabet: z.enum(['ipa', 'cmu']),
    caseSensitive: z.boolean().default(false),
  }),
]);

export const removeEntryInput = z.object({ project, word });

export const checkWordsInput = z.object({ source: z.string() });
