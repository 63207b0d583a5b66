/**
 * A project's pronunciation lexicon applied to what one request sends. Pure: the rules each
 * text contains, the alias substitution for models that cannot take phoneme rules, and the
 * eSpeak NG phoneme input for the local voice. Browser-safe (the web app checks words with it).
 */

export const PHONETIC_ALPHABETS = ['ipa', 'cmu'] as const;
export type PhoneticAlphabet = (typeof PHONETIC_ALPHABETS)[number];

/** One entry: say `alias` instead of the word, or say it as these phonemes. */
export type LexiconEntry = {
  word: string;
  caseSensitive: boolean;
} & (
  | { alias: string; phoneme?: undefined; alphabet?: undefined }
  | { alias?: undefined; phoneme: string; alphabet: PhoneticAlphabet }
);

/** A compiled pronunciation dictionary (`pronunciation_dictionary_locators` entry). */
export interface DictionaryLocator {
  dictionaryId: string;
  versionId: string;
}

/** What a project's lexicon holds for rendering: its entries and, on ElevenLabs, its dictionary. */
export interface Lexicon {
  entries: readonly LexiconEntry[];
  dictionary: DictionaryLocator | null;
}

/** ElevenLabs takes at most this many dictionaries per request. */
export const MAX_DICTIONARY_LOCATORS = 3;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The entry's word as a whole word (letters, digits and `_` around it do not match). */
export function entryPattern(entry: Pick<LexiconEntry, 'word' | 'caseSensitive'>): RegExp {
  return new RegExp(
    `(?<![\\p{L}\\p{N}_])${escape(entry.word)}(?![\\p{L}\\p{N}_])`,
    entry.caseSensitive ? 'gu' : 'giu',
  );
}

/** Whether the text contains the entry's word. */
export function containsEntry(text: string, entry: LexiconEntry): boolean {
  return entryPattern(entry).test(text);
}

/** The entries whose word occurs in the text, in lexicon order. */
export function entriesIn(text: string, entries: readonly LexiconEntry[]): LexiconEntry[] {
  return entries.filter((entry) => containsEntry(text, entry));
}

/** Replaces each occurrence of the entries' words with what `replacement` gives (or keeps it). */
function substitute(
  text: string,
  entries: readonly LexiconEntry[],
  replacement: (entry: LexiconEntry) => string | null,
): string {
  let result = text;
  for (const entry of entries) {
    const value = replacement(entry);
    if (value !== null) result = result.replace(entryPattern(entry), () => value);
  }
  return result;
}

/** Aliases substituted in the text; phoneme entries are left as written. */
export function substituteAliases(text: string, entries: readonly LexiconEntry[]): string {
  return substitute(text, entries, (entry) => entry.alias ?? null);
}

/** ARPAbet (CMU) phonemes as eSpeak NG phoneme mnemonics. */
const CMU_TO_ESPEAK: Readonly<Record<string, string>> = {
  AA: 'A:',
  AE: 'a',
  AH: 'V',
  AO: 'O:',
  AW: 'aU',
  AY: 'aI',
  B: 'b',
  CH: 'tS',
  D: 'd',
  DH: 'D',
  EH: 'E',
  ER: '3:',
  EY: 'eI',
  F: 'f',
  G: 'g',
  HH: 'h',
  IH: 'I',
  IY: 'i:',
  JH: 'dZ',
  K: 'k',
  L: 'l',
  M: 'm',
  N: 'n',
  NG: 'N',
  OW: 'oU',
  OY: 'OI',
  P: 'p',
  R: 'r',
  S: 's',
  SH: 'S',
  T: 't',
  TH: 'T',
  UH: 'U',
  UW: 'u:',
  V: 'v',
  W: 'w',
  Y: 'j',
  Z: 'z',
  ZH: 'Z',
};

/** IPA symbols as eSpeak NG mnemonics, longest first (diphthongs before their parts). */
const IPA_TO_ESPEAK: readonly (readonly [string, string])[] = [
  ['tʃ', 'tS'],
  ['dʒ', 'dZ'],
  ['oʊ', 'oU'],
  ['eɪ', 'eI'],
  ['aɪ', 'aI'],
  ['aʊ', 'aU'],
  ['ɔɪ', 'OI'],
  ['ə', '@'],
  ['ɚ', '3'],
  ['æ', 'a'],
  ['ɑ', 'A'],
  ['ɒ', '0'],
  ['ɔ', 'O'],
  ['ɛ', 'E'],
  ['ɜ', '3'],
  ['ɪ', 'I'],
  ['ʊ', 'U'],
  ['ʌ', 'V'],
  ['ŋ', 'N'],
  ['θ', 'T'],
  ['ð', 'D'],
  ['ʃ', 'S'],
  ['ʒ', 'Z'],
  ['ɹ', 'r'],
  ['ɾ', 't'],
  ['ɡ', 'g'],
  ['ˈ', "'"],
  ['ˌ', ','],
  ['ː', ':'],
  ...[...'abdefhijklmnopstuvwz'].map((c) => [c, c] as const),
];

function cmuToEspeak(phoneme: string): string | null {
  let out = '';
  for (const symbol of phoneme.trim().split(/\s+/)) {
    const match = /^([A-Z]+)([012])?$/.exec(symbol.toUpperCase());
    const mnemonic = match && CMU_TO_ESPEAK[match[1] as string];
    if (!mnemonic) return null;
    // eSpeak marks stress before the stressed vowel.
    out += (match[2] === '1' ? "'" : match[2] === '2' ? ',' : '') + mnemonic;
  }
  return out;
}

function ipaToEspeak(phoneme: string): string | null {
  let out = '';
  let rest = phoneme.trim().replace(/^[/[]|[/\]]$/g, '');
  while (rest.length > 0) {
    const found = IPA_TO_ESPEAK.find(([ipa]) => rest.startsWith(ipa));
    if (!found) return null;
    out += found[1];
    rest = rest.slice(found[0].length);
  }
  return out;
}

/** The entry's phonemes as eSpeak NG phoneme input (`[[…]]`), or null when a symbol is unknown. */
export function espeakPhonemes(entry: LexiconEntry): string | null {
  if (entry.phoneme === undefined) return null;
  const mnemonics =
    entry.alphabet === 'cmu' ? cmuToEspeak(entry.phoneme) : ipaToEspeak(entry.phoneme);
  return mnemonics ? `[[${mnemonics}]]` : null;
}

/** The local voice's text: aliases substituted, phonemes as eSpeak input where they convert. */
export function espeakText(text: string, entries: readonly LexiconEntry[]): string {
  return substitute(text, entries, (entry) => entry.alias ?? espeakPhonemes(entry));
}
