/**
 * The `studio` program end to end: a real studio (the server as a child process on the local
 * voice, behind a token) driven by the real binary, as a script would.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { startPrivateStudio, type PrivateStudio } from '../src/private-studio.js';

const bin = fileURLToPath(new URL('../bin/studio.js', import.meta.url));
const script = fileURLToPath(new URL('./fixtures/two-beats.els', import.meta.url));
const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TTS_PROVIDER: 'local' };

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function studio(
  args: string[],
  env: Record<string, string | undefined>,
  input = '',
): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...baseEnv, ...env } });
    child.stdin.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const json = <T>(result: Result): T => JSON.parse(result.stdout) as T;

describe('studio CLI against a running studio', () => {
  let server: PrivateStudio;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startPrivateStudio(baseEnv);
    env = { STUDIO_URL: server.connection.url, STUDIO_TOKEN: server.connection.token ?? '' };
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('creates a session with the dialogue mode asked for', async () => {
    const created = await studio(['new', script, '--dialogue-mode', 'per_segment', '--json'], env);
    expect(created.code).toBe(0);
    expect(json<{ dialogueMode: string }>(created).dialogueMode).toBe('per_segment');
  }, 60_000);

  it('refuses to work without the studio token', async () => {
    const result = await studio(['sessions', '--json'], { STUDIO_URL: server.connection.url });
    expect(result.code).toBe(1);
    expect(json<{ error: { code: string } }>(result).error.code).toBe('UNAUTHORIZED');
    // One process start: several seconds on a busy machine, like every case here.
  }, 60_000);

  it('creates, waits, regenerates, selects and exports', async () => {
    const created = await studio(['new', script, '--wait', '--json'], env);
    expect(created.code).toBe(0);
    const session = json<{ id: string; beats: { status: string; takes: unknown[] }[] }>(created);
    expect(session.beats.map((beat) => beat.status)).toEqual(['ready', 'ready']);
    // Progress went to stderr, leaving stdout pure JSON.
    expect(created.stderr).toContain('2/2 beats');

    const prefix = session.id.slice(0, 8);
    const regenerated = await studio(
      ['regenerate', prefix, '01_hook', '--pace', 'slow', '--stability', '0.2', '--wait', '--json'],
      env,
    );
    expect(regenerated.code).toBe(0);
    const newTake = json<{ id: string; settings: { stability: number }[] }>(regenerated);
    expect(newTake.settings[0]?.stability).toBe(0.2);

    expect((await studio(['select', prefix, '01_hook', '2'], env)).code).toBe(0);
    const shown = json<{ beats: { selectedTakeId: string }[] }>(
      await studio(['show', prefix, '--json'], env),
    );
    expect(shown.beats[0]?.selectedTakeId).toBe(newTake.id);

    const out = await mkdtemp(path.join(os.tmpdir(), 'studio-export-'));
    const exported = await studio(['export', prefix, '--out', out, '--json'], env);
    expect(exported.code).toBe(0);
    const files = await readdir(out);
    expect(files).toEqual(
      expect.arrayContaining(['01_hook.mp3', '02_boomer.mp3', 'master.mp3', 'manifest.json']),
    );
    expect(files.some((name) => name.endsWith('.part'))).toBe(false);
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as {
      beats: { takeId: string }[];
    };
    expect(manifest.beats[0]?.takeId).toBe(newTake.id);
  }, 120_000);

  it('rejects with a reason and a timed note, notes, approves, shows and exports approved beats', async () => {
    const created = json<{ id: string }>(await studio(['new', script, '--wait', '--json'], env));
    const prefix = created.id.slice(0, 8);
    const error = (result: Result) => json<{ error: { code: string } }>(result).error.code;

    const rejected = await studio(
      ['reject', prefix, '01_hook', '1', '--reason', 'wrong_emphasis', '--note', 'Stress it.'],
      { ...env, STUDIO_AUTHOR: 'Ana' },
    );
    expect(rejected.code).toBe(0);
    const timed = await studio(
      ['note', prefix, '1', '1', 'At the dip.', '--at', '1.5', '--author', 'Ben', '--json'],
      env,
    );
    expect(json<{ atMs: number; author: string }>(timed)).toMatchObject({
      atMs: 1500,
      author: 'Ben',
    });
    // Without a take: the beat's selected one.
    const approved = await studio(['approve', prefix, '02_boomer', '--json'], env);
    expect(json<{ decision: { decision: string } }>(approved).decision.decision).toBe('approved');

    const shown = await studio(['show', prefix], env);
    expect(shown.stdout).toContain('DECISION');
    expect(shown.stdout).toContain('rejected (wrong_emphasis)');
    expect(shown.stdout).toContain('1 approved');

    const out = await mkdtemp(path.join(os.tmpdir(), 'studio-approved-'));
    const exported = await studio(['export', prefix, '--out', out, '--approved-only'], env);
    expect(exported.code).toBe(0);
    const files = await readdir(out);
    expect(files).toEqual(expect.arrayContaining(['02_boomer.mp3', 'notes.md']));
    expect(files).not.toContain('01_hook.mp3');
    const notes = (await readFile(path.join(out, 'notes.md'), 'utf8')).split('\n');
    expect(notes.filter((line) => line.startsWith('| 01_hook'))).toEqual([
      '| 01_hook | 1 |  | rejected | wrong_emphasis | Stress it. | Ana |',
      '| 01_hook | 1 | 0:01.5 | rejected | wrong_emphasis | At the dip. | Ben |',
    ]);

    expect((await studio(['approve', prefix, '01_hook', '1'], env)).code).toBe(0);
    const status = json<{ status: string }>(await studio(['show', prefix, '--json'], env));
    expect(status.status).toBe('approved');

    const badReason = await studio(['reject', prefix, '1', '1', '--reason', 'loud', '--json'], env);
    expect([badReason.code, error(badReason)]).toEqual([2, 'USAGE']);
    const badAt = await studio(['note', prefix, '1', '1', 'x', '--at', '-2', '--json'], env);
    expect([badAt.code, error(badAt)]).toEqual([2, 'USAGE']);
    const missing = await studio(['approve', prefix, '1', '7', '--json'], env);
    expect([missing.code, error(missing)]).toEqual([1, 'NOT_FOUND']);
  }, 180_000);

  it('names what is wrong: a bad value, an unknown beat, an invalid script', async () => {
    const sessions = json<{ id: string }[]>(await studio(['sessions', '--json'], env));
    const id = sessions[0]!.id;
    const bad = await studio(['regenerate', id, '01_hook', '--stability', '7', '--json'], env);
    expect(bad.code).toBe(1);
    expect(json<{ error: { code: string } }>(bad).error.code).toBe('INVALID_INPUT');

    const unknown = await studio(['select', id, '09_nope', '1', '--json'], env);
    expect(json<{ error: { code: string } }>(unknown).error.code).toBe('NOT_FOUND');

    const invalid = await studio(
      ['new', '-', '--json'],
      env,
      '[META]\n[BEAT: x y]\nname: A\n---\n[PACE: warp]\nHello.\n[END_BEAT]\n',
    );
    expect(invalid.code).toBe(1);
    const failure = json<{ error: { code: string; details: { code: string; line: number }[] } }>(
      invalid,
    );
    expect(failure.error.code).toBe('INVALID_SCRIPT');
    expect(failure.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'beat/invalid-id', line: 2 }),
        expect.objectContaining({ code: 'pace/unknown', line: 5 }),
      ]),
    );
    // Nothing was created.
    const after = json<unknown[]>(await studio(['sessions', '--json'], env));
    expect(after).toHaveLength(sessions.length);
  }, 60_000);

  it('edits a project lexicon: add marks the voiced beats with the word stale, list, remove', async () => {
    // Two earlier tests voiced trash-panda's script, a session each; only 01_hook says
    // "Corporation": one stale beat in each session.
    const added = await studio(
      ['lexicon', 'add', 'trash-panda', 'Corporation', '--alias', 'Corp', '--json'],
      env,
    );
    expect(added.code).toBe(0);
    expect(json<{ staleBeats: number; dictionary: null }>(added)).toEqual(
      expect.objectContaining({ staleBeats: 2, dictionary: null }),
    );
    const phoneme = await studio(
      ['lexicon', 'add', 'trash-panda', 'Boomer', '--cmu', 'B UW1 M ER0', '--case-sensitive'],
      env,
    );
    expect(phoneme.code).toBe(0);
    const listed = json<{ word: string; alias: string | null; alphabet: string | null }[]>(
      await studio(['lexicon', 'list', 'trash-panda', '--json'], env),
    );
    expect(listed.map((e) => [e.word, e.alias, e.alphabet])).toEqual([
      ['Boomer', null, 'cmu'],
      ['Corporation', 'Corp', null],
    ]);
    const removed = await studio(['lexicon', 'remove', 'trash-panda', 'Boomer', '--json'], env);
    expect(removed.code).toBe(0);
    const missing = await studio(['lexicon', 'remove', 'trash-panda', 'Boomer', '--json'], env);
    expect(json<{ error: { code: string } }>(missing).error.code).toBe('NOT_FOUND');
    const both = await studio(
      ['lexicon', 'add', 'trash-panda', 'GIF', '--alias', 'jif', '--ipa', 'dʒɪf'],
      env,
    );
    expect(both.code).toBe(2);
  }, 60_000);
});

describe('studio take QC through the ElevenLabs stand-in', () => {
  let standIn: ElevenLabsStandIn;
  let server: PrivateStudio;
  let env: Record<string, string>;

  beforeAll(async () => {
    standIn = await startElevenLabsStandIn();
    server = await startPrivateStudio({
      ...baseEnv,
      TTS_PROVIDER: 'elevenlabs',
      ELEVENLABS_API_KEY: standIn.apiKey,
      ELEVENLABS_BASE_URL: standIn.baseUrl,
      // The flagged take stays selected: what export must refuse.
      QC_AUTO_REGENERATE: 'false',
    });
    env = { STUDIO_URL: server.connection.url, STUDIO_TOKEN: server.connection.token ?? '' };
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await standIn?.close();
  });

  it('shows QC, lists the flagged takes, and exports a flagged take only when allowed', async () => {
    standIn.injectVoiceFault({ kind: 'skip', word: 'day' });
    const created = await studio(['new', script, '--wait', '--json'], env);
    expect(created.code).toBe(0);
    const prefix = json<{ id: string }>(created).id.slice(0, 8);

    const shown = json<{ beats: { takes: { qc: { status: string } }[] }[] }>(
      await studio(['show', prefix, '--json'], env),
    );
    expect(shown.beats.map((beat) => beat.takes[0]?.qc.status)).toEqual(['pass', 'fail']);
    const human = await studio(['show', prefix], env);
    expect(human.stdout.split('\n')[3]).toMatch(/QC$/);
    expect(human.stdout).toContain('fail: missing_words');

    const flagged = json<
      {
        beatKey: string;
        takeNumber: number;
        selected: boolean;
        qc: { flags: { code: string; words: { text: string }[] }[] };
      }[]
    >(await studio(['qc', prefix, '--json'], env));
    expect(flagged.map((take) => [take.beatKey, take.takeNumber, take.selected])).toEqual([
      ['02_boomer', 1, true],
    ]);
    expect(flagged[0]?.qc.flags.map((flag) => [flag.code, flag.words.map((w) => w.text)])).toEqual([
      ['missing_words', ['day']],
    ]);

    const out = await mkdtemp(path.join(os.tmpdir(), 'studio-export-'));
    const refused = await studio(['export', prefix, '--out', out, '--json'], env);
    expect(refused.code).toBe(1);
    expect(
      json<{ error: { code: string; details: { domainCode: string } } }>(refused).error,
    ).toMatchObject({
      code: 'API_ERROR',
      details: { domainCode: 'FLAGGED_TAKES' },
    });
    expect(await readdir(out)).toEqual([]);
    const allowed = await studio(
      ['export', prefix, '--out', out, '--allow-flagged', '--json'],
      env,
    );
    expect(allowed.code).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as {
      beats: { qc: { status: string } }[];
    };
    expect(manifest.beats.map((beat) => beat.qc.status)).toEqual(['pass', 'fail']);
  }, 180_000);
});

describe('studio render with no server', () => {
  it('starts a private studio and delivers every file', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'studio-render-out-'));
    const result = await studio(['render', script, '--out', out, '--json'], {});
    expect(result.code).toBe(0);
    const files = await readdir(out);
    for (const name of [
      '01_hook.mp3',
      '02_boomer.mp3',
      'master.mp3',
      'manifest.json',
      'captions.srt',
      'captions.vtt',
      'labels.txt',
    ]) {
      expect(files).toContain(name);
      expect((await stat(path.join(out, name))).size).toBeGreaterThan(0);
    }
    expect(files.some((name) => name.endsWith('.zip'))).toBe(true);
  }, 180_000);
});
