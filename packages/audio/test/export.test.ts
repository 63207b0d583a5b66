import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createElevenLabsProvider,
  createLocalStorage,
  ExportError,
  exportTakes,
  MP3_SAMPLE_RATE,
  renderTake,
  type ExportBeat,
  type ExportProgress,
  type Manifest,
  type Storage,
} from '../src/index.js';
import {
  decodeToPcm,
  measureEbur128,
  startElevenLabsStandIn,
  type ElevenLabsStandIn,
} from '../src/testing/index.js';
import { beatsOf, PROFILES, tempDir } from './helpers.js';

const script = beatsOf(`[BEAT: 01_hook]
name: Hook
---
[CHARACTER: every-coon]
Corporation stole your chips.
[PAUSE: 200ms]
Bag look same. [PAUSE: 300ms] Bag not same.
[END_BEAT]

[BEAT: 02_boomer]
name: Boomer Rant
---
[CHARACTER: boomer]
Back in my day a bag was full.
[PAUSE: 600ms]
[CHARACTER: every-coon]
Okay boomer.
[END_BEAT]

[BEAT: 03_outro]
name: Outro
---
[CHARACTER: chad]
We are all gonna make it.
[PAUSE: 500ms]
[END_BEAT]`);

let standIn: ElevenLabsStandIn;
let dir: Awaited<ReturnType<typeof tempDir>>;
let storage: Storage;
let beats: ExportBeat[];

beforeAll(async () => {
  standIn = await startElevenLabsStandIn();
  dir = await tempDir();
  storage = createLocalStorage(dir.path);
  const provider = createElevenLabsProvider({ apiKey: standIn.apiKey, baseUrl: standIn.baseUrl });
  beats = [];
  for (const beat of script) {
    const { take } = await renderTake({
      beat,
      profiles: PROFILES,
      provider,
      storage,
      sessionId: 's1',
      takeId: 't1',
    });
    beats.push({
      beatKey: beat.id,
      number: beat.number,
      name: beat.name,
      take: { id: 't1', ...take },
    });
  }
});
afterAll(async () => {
  await standIn.close();
  await dir.cleanup();
});

function zipNames(zip: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error) return reject(error);
      const names: string[] = [];
      file.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        file.readEntry();
      });
      file.on('end', () => resolve(names));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

const timeOf = (stamp: string) => {
  const [h, m, s] = stamp.replace(',', '.').split(':').map(Number);
  return Math.round(((h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0)) * 1000);
};

describe('exportTakes', () => {
  it('writes beats by id, a master, manifest, captions, labels and a zip of them all', async () => {
    const progress: ExportProgress[] = [];
    const result = await exportTakes({
      sessionTitle: 'Shrinkflation 2.0!',
      beats,
      storage,
      exportId: 'e1',
      onProgress: (p) => progress.push(p),
    });
    const names = ['01_hook.mp3', '02_boomer.mp3', '03_outro.mp3', 'master.mp3'];
    const texts = ['manifest.json', 'captions.srt', 'captions.vtt', 'labels.txt', 'notes.md'];
    expect(result.files.map((f) => f.name)).toEqual([...names, ...texts]);
    expect(result.zip.name).toBe('shrinkflation-2-0-export.zip');
    expect(await storage.list('exports/e1/')).toEqual(
      [...names, ...texts, result.zip.name].map((n) => `exports/e1/${n}`).sort(),
    );
    expect((await zipNames(await storage.get(result.zip.storageKey))).sort()).toEqual(
      [...names, ...texts].sort(),
    );
    expect(progress.at(-1)).toMatchObject({ step: 'files', completed: 5, total: 5 });

    // Without loudness the beat files are the takes themselves.
    expect(await storage.get('exports/e1/01_hook.mp3')).toEqual(
      await storage.get(beats[0]!.take!.storageKey),
    );

    const manifest = JSON.parse(
      (await storage.get('exports/e1/manifest.json')).toString(),
    ) as Manifest;
    expect(manifest).toEqual(result.manifest);
    expect(manifest.beats.map((b) => [b.beatKey, b.file, b.takeId])).toEqual([
      ['01_hook', '01_hook.mp3', 't1'],
      ['02_boomer', '02_boomer.mp3', 't1'],
      ['03_outro', '03_outro.mp3', 't1'],
    ]);
    manifest.beats.forEach((beat, i) => {
      expect(beat.startMs).toBe(i === 0 ? 0 : manifest.beats[i - 1]!.endMs);
      expect(beat.endMs - beat.startMs).toBe(beat.durationMs);
      expect(Math.abs(beat.durationMs - beats[i]!.take!.durationMs)).toBeLessThanOrEqual(1);
      expect(beat.settings).toEqual(beats[i]!.take!.settings);
    });
    const takesTotal = beats.reduce((n, b) => n + b.take!.durationMs, 0);
    expect(manifest.totals).toEqual({
      beats: 3,
      durationMs: manifest.beats[2]!.endMs,
      charactersBilled: beats.reduce((n, b) => n + b.take!.charactersBilled, 0),
    });

    const master = await decodeToPcm(
      { encoded: await storage.get('exports/e1/master.mp3') },
      { sampleRate: MP3_SAMPLE_RATE },
    );
    expect(Math.abs((master.length * 1000) / MP3_SAMPLE_RATE - takesTotal)).toBeLessThanOrEqual(20);

    // Captions: one cue per line, in order, inside their beat's slot of the master.
    const srt = (await storage.get('exports/e1/captions.srt')).toString();
    const cues = [...srt.matchAll(/(\S+) --> (\S+)\n(.*)\n/g)].map((m) => ({
      start: timeOf(m[1]!),
      end: timeOf(m[2]!),
      text: m[3]!,
    }));
    const lines = beats.flatMap((b) => b.take!.timings.map((t) => ({ beat: b.beatKey, ...t })));
    expect(cues).toHaveLength(lines.length);
    expect(cues[0]?.text).toBe('EVERY-COON: Corporation stole your chips.');
    cues.forEach((cue, k) => {
      const slot = manifest.beats.find((b) => b.beatKey === lines[k]!.beat)!;
      expect(cue.end).toBeGreaterThan(cue.start);
      if (k > 0) expect(cue.start).toBeGreaterThanOrEqual(cues[k - 1]!.end);
      expect(cue.start).toBe(slot.startMs + lines[k]!.startMs);
      expect(cue.end).toBeLessThanOrEqual(slot.endMs);
    });
    const vtt = (await storage.get('exports/e1/captions.vtt')).toString();
    expect(vtt.startsWith('WEBVTT\n')).toBe(true);
    expect(vtt).toContain('<v boomer>Back in my day a bag was full.');

    const labels = (await storage.get('exports/e1/labels.txt')).toString().trim().split('\n');
    expect(labels.map((l) => l.split('\t'))).toEqual(
      manifest.beats.map((b) => [
        (b.startMs / 1000).toFixed(6),
        (b.endMs / 1000).toFixed(6),
        `${b.beatKey} ${b.name}`,
      ]),
    );
  });

  it.each([-16, -23] as const)('normalizes the master and the beats to %i LUFS', async (target) => {
    const exportId = `loud${-target}`;
    const result = await exportTakes({
      sessionTitle: 'Loud',
      beats,
      storage,
      exportId,
      options: { loudness: target },
    });
    expect(result.manifest.loudness).toEqual({ targetLufs: target, truePeakDbtp: -1.5 });
    const master = await storage.get(`exports/${exportId}/master.mp3`);
    const measured = await measureEbur128({ encoded: master });
    expect(Math.abs(measured.integratedLufs - target)).toBeLessThanOrEqual(1);
    expect(measured.truePeakDbtp).toBeLessThanOrEqual(-1);
    const beat = await measureEbur128({
      encoded: await storage.get(`exports/${exportId}/02_boomer.mp3`),
    });
    expect(Math.abs(beat.integratedLufs - target)).toBeLessThanOrEqual(1);
    const decoded = await decodeToPcm({ encoded: master }, { sampleRate: MP3_SAMPLE_RATE });
    const takesTotal = beats.reduce((n, b) => n + b.take!.durationMs, 0);
    expect(Math.abs((decoded.length * 1000) / MP3_SAMPLE_RATE - takesTotal)).toBeLessThanOrEqual(
      20,
    );
  });

  it('stops with MISSING_TAKES naming the beats without a take', async () => {
    const incomplete = beats.map((b, i) => (i === 1 ? { ...b, take: null } : b));
    const error = await exportTakes({
      sessionTitle: 'x',
      beats: incomplete,
      storage,
      exportId: 'e2',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect(error).toMatchObject({
      code: 'MISSING_TAKES',
      beats: [{ beatKey: '02_boomer', number: 2, name: 'Boomer Rant' }],
    });
    expect(await storage.list('exports/e2/')).toEqual([]);
  });

  it('carries the exported take’s decision and notes, and every take’s in notes.md', async () => {
    const reviewed = beats.map((b, i) =>
      i === 0
        ? {
            ...b,
            reviews: [
              {
                takeId: 'older',
                takeNumber: 1,
                decision: 'rejected' as const,
                reason: 'wrong_emphasis',
                notes: [{ text: 'Stress | "rates"', atMs: 2400, author: 'Ana', resolved: false }],
              },
              {
                takeId: 't1',
                takeNumber: 2,
                decision: 'approved' as const,
                reason: null,
                notes: [],
              },
            ],
          }
        : b,
    );
    const result = await exportTakes({
      sessionTitle: 'Reviewed',
      beats: reviewed,
      storage,
      exportId: 'e5',
    });
    expect(
      result.manifest.beats.map((b) => [b.beatKey, b.decision, b.reason, b.notes.length]),
    ).toEqual([
      ['01_hook', 'approved', null, 0],
      ['02_boomer', null, null, 0],
      ['03_outro', null, null, 0],
    ]);
    const report = (await storage.get('exports/e5/notes.md')).toString();
    expect(report.split('\n').filter((line) => line.startsWith('| 01_hook'))).toEqual([
      '| 01_hook | 1 | 0:02.4 | rejected | wrong_emphasis | Stress \\| "rates" | Ana |',
      '| 01_hook | 2 |  | approved |  |  |  |',
    ]);
  });

  it('exports what there is when asked for a partial export', async () => {
    const incomplete = beats.map((b, i) => (i === 1 ? { ...b, take: null } : b));
    const result = await exportTakes({
      sessionTitle: 'x',
      beats: incomplete,
      storage,
      exportId: 'e3',
      options: { partial: true },
    });
    expect(result.manifest.skipped).toEqual(['02_boomer']);
    expect(result.manifest.beats.map((b) => b.beatKey)).toEqual(['01_hook', '03_outro']);
    expect(result.files.map((f) => f.name)).not.toContain('02_boomer.mp3');
    const none = beats.map((b) => ({ ...b, take: null }));
    const error = await exportTakes({
      sessionTitle: 'x',
      beats: none,
      storage,
      exportId: 'e4',
      options: { partial: true },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NO_TAKES' });
  });
});
