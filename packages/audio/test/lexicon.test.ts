import { describe, expect, it } from 'vitest';
import {
  createLocalEspeakProvider,
  entriesIn,
  espeakPhonemes,
  espeakText,
  pronounce,
  segmentHash,
  substituteAliases,
  type LexiconEntry,
  type SpeechRequest,
} from '../src/index.js';

const gif: LexiconEntry = { word: 'GIF', alias: 'jif', caseSensitive: false };
const nginx: LexiconEntry = {
  word: 'Nginx',
  phoneme: 'EH1 N JH IH0 N EH2 K S',
  alphabet: 'cmu',
  caseSensitive: true,
};
const tomato: LexiconEntry = {
  word: 'tomato',
  phoneme: 'təˈmɑːtoʊ',
  alphabet: 'ipa',
  caseSensitive: false,
};
const dictionary = { dictionaryId: 'dict1', versionId: 'v1' };
const lexicon = { entries: [gif, nginx, tomato], dictionary };

const request = (text: string, modelId = 'eleven_multilingual_v2'): SpeechRequest => ({
  text,
  lines: [text],
  voiceId: 'voice',
  modelId,
  settings: { stability: 0.5, similarityBoost: 0.75, style: 0, speed: 1 },
});

describe('lexicon', () => {
  it('finds whole words, in any case unless the entry is case-sensitive', () => {
    expect(entriesIn('A gif, a Nginx.', lexicon.entries)).toEqual([gif, nginx]);
    expect(entriesIn('GIFs and nginx', lexicon.entries)).toEqual([]);
    expect(substituteAliases('gif or GIF?', [gif])).toBe('jif or jif?');
  });

  it('writes phonemes as eSpeak NG input, or gives up on a symbol it does not know', () => {
    expect(espeakPhonemes(nginx)).toBe("[['EndZIn,Eks]]");
    expect(espeakPhonemes(tomato)).toBe("[[t@'mA:toU]]");
    expect(espeakPhonemes({ ...tomato, phoneme: 'tə☃' })).toBeNull();
    expect(espeakText('Nginx with a GIF', lexicon.entries)).toBe("[['EndZIn,Eks]] with a jif");
  });

  it('sends the dictionary to phoneme models only when the text has a word, aliases elsewhere', () => {
    const withWord = pronounce(request('Nginx is up.', 'eleven_flash_v2'), lexicon, 'elevenlabs');
    expect(withWord.text).toBe('Nginx is up.');
    expect(withWord.pronunciation).toEqual({ dictionaries: [dictionary], rules: [nginx] });
    const without = pronounce(request('Nothing here.', 'eleven_flash_v2'), lexicon, 'elevenlabs');
    expect(without.pronunciation).toBeUndefined();
    const other = pronounce(request('A GIF of Nginx.'), lexicon, 'elevenlabs');
    expect(other).toEqual(
      expect.objectContaining({ text: 'A jif of Nginx.', lines: ['A jif of Nginx.'] }),
    );
    expect(other.pronunciation).toBeUndefined();
  });

  it('changes the cache key with the rules a text contains, not with the dictionary version', () => {
    const provider = createLocalEspeakProvider();
    const hash = (entries: LexiconEntry[], versionId: string) =>
      segmentHash(
        provider,
        pronounce(
          request('Nginx is up.', 'eleven_flash_v2'),
          { entries, dictionary: { dictionaryId: 'dict1', versionId } },
          'elevenlabs',
        ),
      );
    expect(hash([nginx, gif], 'v1')).toBe(hash([nginx, { ...gif, alias: 'gif' }], 'v2'));
    expect(hash([nginx], 'v1')).not.toBe(hash([{ ...nginx, phoneme: 'EH1 N' }], 'v1'));
  });

  it('voices eSpeak phoneme input offline', async () => {
    const provider = createLocalEspeakProvider();
    const spoken = pronounce(request('tomato'), lexicon, 'local');
    expect(spoken.text).toBe("[[t@'mA:toU]]");
    const result = await provider.synthesize(spoken);
    // Spoken as phonemes, not spelled out bracket by bracket: about as long as the word itself.
    const plain = await provider.synthesize(request('tomato'));
    expect(result.pcm.length).toBeGreaterThan(plain.pcm.length / 2);
    expect(result.pcm.length).toBeLessThan(plain.pcm.length * 2);
  });
});
