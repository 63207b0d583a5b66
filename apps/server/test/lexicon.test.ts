/**
 * The pronunciation lexicon end to end against the stand-in: compiled into a dictionary through
 * the API, sent as locators only with text that contains a word (and only to models that take
 * phoneme rules), aliases substituted for the others, and a change re-voicing only the beats
 * that contain its word.
 */
import { describe, expect, it } from 'vitest';
import { expectError } from './support/errors.js';
import { script } from './support/scripts.js';
import { useCallerStudio } from './support/studio.js';

interface SentBody {
  text: string;
  model_id: string;
  pronunciation_dictionary_locators?: { pronunciation_dictionary_id: string; version_id: string }[];
}

describe('pronunciation lexicon', () => {
  const studio = useCallerStudio('lexicon-test');

  function synthesisSince(from: number): SentBody[] {
    return studio()
      .standIn.requests.slice(from)
      .filter((r) => r.path.endsWith('/with-timestamps') && r.status === 200)
      .map((r) => r.body as SentBody);
  }

  async function voice(sessionId: string) {
    const { caller, test } = studio();
    test.studio.worker.start();
    await caller.generation.start({ sessionId });
    await test.studio.worker.idle();
    return caller.sessions.get({ sessionId });
  }

  it('marks stale only the voiced beats that contain a changed word, and re-voices only them', async () => {
    const { caller, standIn } = studio();
    const session = await caller.sessions.create({
      source: script([
        { id: 'gif', body: 'Send the GIF now.' },
        { id: 'plain', body: 'Nothing unusual in this line.' },
        { id: 'again', body: 'One more gif, friends.' },
      ]),
    });
    await voice(session.id);

    const change = await caller.lexicon.add({ project: 'tests', word: 'GIF', alias: 'jif' });
    expect(change.staleBeats).toBe(2);
    expect(change.dictionary).not.toBeNull();
    expect(standIn.dictionaries.get(change.dictionary!.dictionaryId)?.rules).toEqual([
      {
        type: 'alias',
        string_to_replace: 'GIF',
        case_sensitive: false,
        word_boundaries: true,
        alias: 'jif',
      },
    ]);
    const stale = await caller.sessions.get({ sessionId: session.id });
    expect(stale.beats.map((b) => [b.beatKey, b.status])).toEqual([
      ['gif', 'stale'],
      ['plain', 'ready'],
      ['again', 'stale'],
    ]);
    expect(stale.beats[0]?.staleReason).toBeTruthy();

    const from = standIn.requests.length;
    const voiced = await voice(session.id);
    expect(voiced.beats.every((b) => b.status === 'ready')).toBe(true);
    // multilingual v2 takes no phoneme rules: the alias is in the text, no dictionary is sent.
    // The two beats are voiced at once: in either order.
    expect(
      synthesisSince(from)
        .map((b) => b.text)
        .sort(),
    ).toEqual(['One more jif, friends.', 'Send the jif now.']);
    expect(synthesisSince(from).some((b) => b.pronunciation_dictionary_locators)).toBe(false);
    // The take keeps the line as written.
    expect(voiced.beats[0]?.takes.at(-1)?.timings[0]?.text).toBe('Send the GIF now.');
  });

  it('sends the dictionary to a phoneme model only with text that contains an entry', async () => {
    const { caller, standIn } = studio();
    await caller.voices.update({ character: 'every-coon', patch: { modelId: 'eleven_flash_v2' } });
    const change = await caller.lexicon.add({
      project: 'tests',
      word: 'Nginx',
      phoneme: 'EH1 N JH IH0 N EH2 K S',
      alphabet: 'cmu',
      caseSensitive: true,
    });
    const session = await caller.sessions.create({
      source: script([
        { id: 'web', body: 'Nginx serves the page.' },
        { id: 'plain', body: 'A line without any entry.' },
        { id: 'lower', body: 'But nginx in lower case is not it.' },
      ]),
    });
    const from = standIn.requests.length;
    await voice(session.id);
    const sent = synthesisSince(from);
    const locators = [
      {
        pronunciation_dictionary_id: change.dictionary!.dictionaryId,
        version_id: change.dictionary!.versionId,
      },
    ];
    // The three beats are voiced at once: their requests arrive in any order.
    const sentFor = (text: string) => sent.find((body) => body.text === text);
    expect(sent).toHaveLength(3);
    expect(sentFor('Nginx serves the page.')).toMatchObject({
      pronunciation_dictionary_locators: locators,
    });
    for (const text of ['A line without any entry.', 'But nginx in lower case is not it.']) {
      expect(sentFor(text)).toBeDefined();
      expect(sentFor(text)).not.toHaveProperty('pronunciation_dictionary_locators');
    }
    expect(sent.map((b) => b.model_id)).toEqual(Array(3).fill('eleven_flash_v2'));
    await caller.voices.update({
      character: 'every-coon',
      patch: { modelId: 'eleven_multilingual_v2' },
    });
  });

  it('lists, replaces and removes entries; removing marks the beats that had the word', async () => {
    const { caller } = studio();
    const list = await caller.lexicon.list({ project: 'tests' });
    expect(list.map((e) => e.word)).toEqual(['GIF', 'Nginx']);
    const replaced = await caller.lexicon.add({ project: 'tests', word: 'GIF', alias: 'gif' });
    expect(replaced.entry.alias).toBe('gif');
    const removed = await caller.lexicon.remove({ project: 'tests', word: 'GIF' });
    expect(removed.entry.word).toBe('GIF');
    expect((await caller.lexicon.list({ project: 'tests' })).map((e) => e.word)).toEqual(['Nginx']);
    await expectError(
      caller.lexicon.remove({ project: 'tests', word: 'GIF' }),
      'NOT_FOUND',
      'LEXICON_ENTRY_NOT_FOUND',
    );
    await expectError(
      // An entry is an alias or phonemes, never both.
      caller.lexicon.add({ project: 'tests', word: 'x', alias: 'y', phoneme: 'z' } as never),
      'BAD_REQUEST',
    );
  });

  it('checks a script for words no dictionary knows and the lexicon does not cover', async () => {
    const { caller } = studio();
    const { project, words } = await caller.lexicon.checkWords({
      source: script([
        { id: 'one', body: 'Kubernetes and Nginx run the snack-time Zorblax service.' },
        { id: 'two', body: 'The zorblax is fine.' },
      ]),
    });
    expect(project).toBe('tests');
    expect(words).toEqual([
      { word: 'Kubernetes', occurrences: 1 },
      { word: 'Zorblax', occurrences: 2 },
    ]);
  });
});
