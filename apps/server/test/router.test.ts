/**
 * Every procedure through `createCaller`, with the ElevenLabs stand-in, on a fresh PGlite — and
 * on Postgres too where one is available (`TEST_DATABASE_URL`).
 */
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { availableTestEngines, createTestDatabase } from '@studio/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { StudioError } from '../src/errors.js';
import type { StudioEvent } from '../src/events/types.js';
import { appRouter } from '../src/router/index.js';
import { MAX_SCRIPT_BYTES } from '../src/sessions/script.js';
import { createCallerFactory } from '../src/trpc.js';
import { expectError } from './support/errors.js';
import { numberedScript, script } from './support/scripts.js';
import { createTestStudio, type TestStudio } from './support/studio.js';

const createCaller = createCallerFactory(appRouter);
const unknownId = '00000000-0000-4000-8000-000000000000';

describe.each(availableTestEngines())('on %s', (engine) => {
  let standIn: ElevenLabsStandIn;
  let test: TestStudio;
  let caller: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    standIn = await startElevenLabsStandIn();
    test = await createTestStudio({ standIn, database: await createTestDatabase({ engine }) });
    test.studio.worker.start();
    caller = createCaller({ ...test.studio.services, requestId: 'router-test' });
  });

  afterAll(async () => {
    await test.close();
    await standIn.close();
  });

  /** Queues a session's pending beats and waits until the worker has voiced them. */
  async function generate(sessionId: string) {
    const { queued } = await caller.generation.start({ sessionId });
    await test.studio.worker.idle();
    return queued;
  }

  describe('els', () => {
    it('validates against the voice profiles’ characters', async () => {
      const ok = await caller.els.validate({ source: numberedScript(2) });
      expect(ok).toMatchObject({ ok: true, beatCount: 2, characterLines: { 'every-coon': 2 } });
      const bad = await caller.els.validate({
        source: script([{ id: 'a', body: '[CHARACTER: nobody]\nHi.' }]),
      });
      expect(bad.ok).toBe(false);
      expect(bad.diagnostics.map((d) => d.code)).toContain('character/unknown');
    });

    it('parses into beats', async () => {
      const result = await caller.els.parse({ source: numberedScript(3) });
      expect(result.ok && result.script.beats.map((b) => b.id)).toEqual(['b01', 'b02', 'b03']);
    });

    it('refuses a script over 2 MB', async () => {
      const huge = 'x'.repeat(MAX_SCRIPT_BYTES + 1);
      await expectError(
        caller.els.validate({ source: huge }),
        'PAYLOAD_TOO_LARGE',
        'PAYLOAD_TOO_LARGE',
      );
      await expectError(caller.sessions.create({ source: huge }), 'PAYLOAD_TOO_LARGE');
    });
  });

  describe('sessions', () => {
    it('creates a session from a script, beats in order and pending', async () => {
      const session = await caller.sessions.create({ source: numberedScript(3, 'Create me') });
      expect(session).toMatchObject({
        videoTitle: 'Create me',
        status: 'draft',
        charactersSpent: 0,
      });
      expect(session.beats.map((b) => [b.beatKey, b.status, b.takes.length])).toEqual([
        ['b01', 'pending', 0],
        ['b02', 'pending', 0],
        ['b03', 'pending', 0],
      ]);
      expect(session.progress).toMatchObject({ total: 3, pending: 3, ready: 0, fraction: 0 });
      const listed = await caller.sessions.list();
      expect(listed.map((s) => s.id)).toContain(session.id);
      // A summary: the script (megabytes for a long one) stays on sessions.get.
      expect(listed.find((s) => s.id === session.id)).not.toHaveProperty('sourceEls');
      expect((await caller.sessions.get({ sessionId: session.id })).beats).toHaveLength(3);
    });

    it('refuses an invalid script with its diagnostics', async () => {
      const error = await expectError(
        caller.sessions.create({ source: '[BEAT: 01]\nname: x\n---\nHello.\n' }),
        'BAD_REQUEST',
        'INVALID_SCRIPT',
      );
      const codes = (error.cause as StudioError).diagnostics!.map((d) => d.code);
      expect(codes).toEqual(expect.arrayContaining(['meta/missing', 'beat/unclosed']));
    });

    it('answers unknown and malformed ids with NOT_FOUND and BAD_REQUEST', async () => {
      await expectError(
        caller.sessions.get({ sessionId: unknownId }),
        'NOT_FOUND',
        'SESSION_NOT_FOUND',
      );
      const error = await expectError(caller.sessions.get({ sessionId: 'nope' }), 'BAD_REQUEST');
      expect(error.cause).toBeInstanceOf(z.ZodError);
      expect(z.flattenError(error.cause as z.ZodError).fieldErrors).toHaveProperty('sessionId');
    });

    it('renames, sets the status, and refuses bad values', async () => {
      const { id } = await caller.sessions.create({ source: numberedScript(1) });
      expect(
        (await caller.sessions.rename({ sessionId: id, videoTitle: 'Renamed' })).videoTitle,
      ).toBe('Renamed');
      await expectError(caller.sessions.rename({ sessionId: id, videoTitle: '  ' }), 'BAD_REQUEST');
      expect((await caller.sessions.setStatus({ sessionId: id, status: 'completed' })).status).toBe(
        'completed',
      );
      await expectError(
        caller.sessions.setStatus({ sessionId: id, status: 'done' as 'completed' }),
        'BAD_REQUEST',
      );
      await expectError(
        caller.sessions.rename({ sessionId: unknownId, videoTitle: 'x' }),
        'NOT_FOUND',
        'SESSION_NOT_FOUND',
      );
    });

    it('estimates characters and credits, cache hits excluded', async () => {
      const source = numberedScript(3, 'Estimate');
      const first = await caller.sessions.create({ source });
      const before = await caller.sessions.estimate({ sessionId: first.id });
      const characters = first.beats.reduce((n, b) => n + b.text.length, 0);
      expect(before).toMatchObject({
        provider: 'elevenlabs',
        beats: 3,
        segments: 3,
        characters,
        credits: characters,
      });

      await generate(first.id);
      expect(await caller.sessions.estimate({ sessionId: first.id })).toMatchObject({
        beats: 0,
        characters: 0,
      });

      // The same script again: every segment is in the cache, nothing would be billed.
      const second = await caller.sessions.create({ source });
      expect(await caller.sessions.estimate({ sessionId: second.id })).toMatchObject({
        beats: 3,
        segments: 3,
        cachedSegments: 3,
        characters: 0,
        credits: 0,
      });
    });

    it('deletes a session with its files', async () => {
      const session = await caller.sessions.create({ source: numberedScript(2) });
      await generate(session.id);
      const { storage } = test.studio.services;
      const files = await storage.list(`takes/${session.id}/`);
      expect(files).toHaveLength(2);
      expect(await caller.sessions.delete({ sessionId: session.id })).toEqual({ deletedFiles: 2 });
      expect(await storage.list(`takes/${session.id}/`)).toEqual([]);
      await expectError(caller.sessions.get({ sessionId: session.id }), 'NOT_FOUND');
      await expectError(
        caller.sessions.delete({ sessionId: session.id }),
        'NOT_FOUND',
        'SESSION_NOT_FOUND',
      );
    });
  });

  describe('resolving what a person types', () => {
    it('finds a session by its id or a unique prefix, in any case', async () => {
      const session = await caller.sessions.create({ source: numberedScript(1) });
      const ids = (await caller.sessions.list()).map((s) => s.id);
      // The shortest prefix of this id that no other session shares.
      const unique = [...Array(36).keys()]
        .map((n) => session.id.slice(0, n + 1))
        .find((prefix) => ids.filter((id) => id.startsWith(prefix)).length === 1)!;
      expect(await caller.sessions.resolve({ session: session.id })).toEqual({
        sessionId: session.id,
      });
      expect(await caller.sessions.resolve({ session: ` ${unique.toUpperCase()} ` })).toEqual({
        sessionId: session.id,
      });
    });

    it('refuses a prefix that several sessions share, and one that none has', async () => {
      // Two of any 17 ids share their first hex digit.
      let shared: string | undefined;
      while (shared === undefined) {
        await caller.sessions.create({ source: numberedScript(1) });
        const firsts = (await caller.sessions.list()).map((s) => s.id[0]!);
        shared = firsts.find((first, i) => firsts.indexOf(first) !== i);
      }
      await expectError(
        caller.sessions.resolve({ session: shared }),
        'BAD_REQUEST',
        'AMBIGUOUS_SESSION',
      );
      await expectError(
        caller.sessions.resolve({ session: unknownId }),
        'NOT_FOUND',
        'SESSION_NOT_FOUND',
      );
      await expectError(caller.sessions.resolve({ session: '' }), 'BAD_REQUEST');
    });

    it('finds a beat by script id (any case), number or id, and a take by number or id', async () => {
      const { id: sessionId, beats } = await caller.sessions.create({ source: numberedScript(2) });
      const beatId = beats[1]!.id;
      await generate(sessionId);
      await caller.generation.regenerateBeat({ sessionId, beatId, overrides: {} });
      await test.studio.worker.idle();
      const { takes } = (await caller.sessions.get({ sessionId })).beats[1]!;
      expect(takes).toHaveLength(2);

      for (const beat of ['B02', 2, '2', beatId]) {
        expect(await caller.sessions.resolve({ session: sessionId, beat })).toEqual({
          sessionId,
          beatId,
        });
      }
      for (const [take, takeId] of [
        [1, takes[0]!.id],
        ['2', takes[1]!.id],
        [takes[0]!.id, takes[0]!.id],
      ] as const) {
        expect(await caller.sessions.resolve({ session: sessionId, beat: 'b02', take })).toEqual({
          sessionId,
          beatId,
          takeId,
        });
      }
    });

    it('refuses a beat or take it cannot find, naming the beats there are', async () => {
      const { id: sessionId } = await caller.sessions.create({ source: numberedScript(2) });
      await generate(sessionId);
      const unknownBeat = await expectError(
        caller.sessions.resolve({ session: sessionId, beat: '09_nope' }),
        'NOT_FOUND',
        'BEAT_NOT_FOUND',
      );
      expect(unknownBeat.message).toContain('b01, b02');
      await expectError(
        caller.sessions.resolve({ session: sessionId, beat: 3 }),
        'NOT_FOUND',
        'BEAT_NOT_FOUND',
      );
      for (const take of [0, 2, unknownId]) {
        await expectError(
          caller.sessions.resolve({ session: sessionId, beat: 'b01', take }),
          take === 0 ? 'BAD_REQUEST' : 'NOT_FOUND',
          take === 0 ? undefined : 'TAKE_NOT_FOUND',
        );
      }
      await expectError(
        caller.sessions.resolve({ session: sessionId, beat: 'b01', take: '0' }),
        'NOT_FOUND',
        'TAKE_NOT_FOUND',
      );
      await expectError(
        caller.sessions.resolve({ session: sessionId, take: 1 }),
        'BAD_REQUEST',
        'INVALID_INPUT',
      );
    });
  });

  describe('re-import', () => {
    const original = script([
      { id: '01_hook', body: 'Corporation stole your chips.' },
      { id: '02_middle', body: 'Bag look same.' },
      { id: '03_end', body: 'You got scammed.' },
    ]);
    const edited = script([
      { id: '01_HOOK', body: 'Corporation stole your chips.' },
      { id: '02_middle', body: 'Bag look smaller.' },
      { id: '02b_new', body: 'A new beat.' },
    ]);

    it('previews, refuses unconfirmed removals, then applies the plan', async () => {
      const session = await caller.sessions.create({ source: original });
      await generate(session.id);

      const preview = await caller.sessions.previewReimport({
        sessionId: session.id,
        source: edited,
      });
      expect(preview).toEqual({
        unchanged: [{ beatKey: '01_HOOK' }],
        changed: [{ beatKey: '02_middle', changes: ['text'] }],
        added: [{ beatKey: '02b_new', position: 2 }],
        removed: [{ beatKey: '03_end', name: '03_end', takeCount: 1 }],
      });
      // Nothing changed by the preview.
      expect((await caller.sessions.get({ sessionId: session.id })).beats).toHaveLength(3);

      await expectError(
        caller.sessions.reimport({ sessionId: session.id, source: edited }),
        'CONFLICT',
        'REMOVALS_NOT_CONFIRMED',
      );
      await caller.sessions.reimport({
        sessionId: session.id,
        source: edited,
        removeBeatKeys: ['03_END'],
      });

      const after = await caller.sessions.get({ sessionId: session.id });
      expect(after.beats.map((b) => [b.beatKey, b.status, b.takes.length])).toEqual([
        ['01_HOOK', 'ready', 1],
        ['02_middle', 'stale', 1],
        ['02b_new', 'pending', 0],
      ]);
      const changed = after.beats[1]!;
      expect(changed.text).toBe('Bag look smaller.');
      expect(changed.staleReason).toContain('text');
      expect(changed.takes[0]).toMatchObject({
        voicedText: 'Bag look same.',
        voicesPreviousText: true,
      });
      expect(after.sourceEls).toBe(edited);
      expect(await test.studio.services.storage.list(`takes/${session.id}/03_end`)).toEqual([]);

      // Generating again voices the stale and the new beat only.
      expect(await generate(session.id)).toBe(2);
      const regenerated = await caller.sessions.get({ sessionId: session.id });
      expect(regenerated.beats.map((b) => [b.status, b.takes.length])).toEqual([
        ['ready', 1],
        ['ready', 2],
        ['ready', 1],
      ]);
    });

    it('refuses an invalid edited script', async () => {
      const session = await caller.sessions.create({ source: original });
      await expectError(
        caller.sessions.previewReimport({ sessionId: session.id, source: 'nonsense' }),
        'BAD_REQUEST',
        'INVALID_SCRIPT',
      );
    });
  });

  describe('generation and takes', () => {
    it('voices every beat once, selects the first take, and keeps earlier takes on regenerate', async () => {
      // Lines no other test voices: nothing comes from the cache, every character is billed.
      const source = script(
        ['Alpha one.', 'Bravo two.', 'Charlie three.'].map((body, i) => ({ id: `g${i}`, body })),
      );
      const session = await caller.sessions.create({ source });
      expect(await generate(session.id)).toBe(3);
      let view = await caller.sessions.get({ sessionId: session.id });
      expect(view.status).toBe('in_progress');
      expect(view.progress).toMatchObject({ ready: 3, fraction: 1 });
      expect(view.charactersSpent).toBe(view.beats.reduce((n, b) => n + b.text.length, 0));
      for (const beat of view.beats) {
        expect(beat.takes).toHaveLength(1);
        expect(beat.selectedTakeId).toBe(beat.takes[0]!.id);
        expect(beat.takes[0]).toMatchObject({
          selected: true,
          provider: 'elevenlabs',
          voicesPreviousText: false,
        });
      }
      // Starting again queues nothing: every beat has its take.
      expect(await generate(session.id)).toBe(0);

      const beat = view.beats[0]!;
      await caller.generation.regenerateBeat({
        sessionId: session.id,
        beatId: beat.id,
        overrides: { stability: 0.9, pace: 'slow', direction: 'whisper' },
      });
      await test.studio.worker.idle();
      view = await caller.sessions.get({ sessionId: session.id });
      const takes = view.beats[0]!.takes;
      expect(takes).toHaveLength(2);
      expect(takes[1]).toMatchObject({ direction: 'whisper', selected: false });
      expect(takes[1]!.settings[0]!.stability).toBe(0.9);
      expect(view.beats[0]!.selectedTakeId).toBe(takes[0]!.id);

      const selected = await caller.takes.select({ beatId: beat.id, takeId: takes[1]!.id });
      expect(selected).toEqual({ beatId: beat.id, selectedTakeId: takes[1]!.id });
      await expectError(
        caller.takes.select({ beatId: view.beats[1]!.id, takeId: takes[1]!.id }),
        'BAD_REQUEST',
        'TAKE_NOT_IN_BEAT',
      );
      await expectError(
        caller.takes.select({ beatId: beat.id, takeId: unknownId }),
        'NOT_FOUND',
        'TAKE_NOT_FOUND',
      );
    });

    it('outlines a session for the review page and gives beats in full on demand, as get shows them', async () => {
      const source = script(
        ['Outline one.', 'Outline two.', 'Outline three.'].map((body, i) => ({
          id: `o${i}`,
          body,
        })),
      );
      const session = await caller.sessions.create({ source });
      await generate(session.id);
      const first = session.beats[0]!;
      await caller.generation.regenerateBeat({
        sessionId: session.id,
        beatId: first.id,
        overrides: { stability: 0.2 },
      });
      await test.studio.worker.idle();
      const view = await caller.sessions.get({ sessionId: session.id });
      const second = view.beats[0]!.takes[1]!;
      await caller.takes.select({ beatId: first.id, takeId: second.id });
      const full = await caller.sessions.get({ sessionId: session.id });

      const outline = await caller.sessions.summary({ sessionId: session.id });
      expect(outline).not.toHaveProperty('sourceEls');
      expect(outline.progress).toEqual(full.progress);
      expect(outline.beats).toEqual({
        ids: full.beats.map((b) => b.id),
        beatKeys: ['o0', 'o1', 'o2'],
        numbers: [1, 2, 3],
        names: full.beats.map((b) => b.name),
        statuses: ['ready', 'ready', 'ready'],
        selectedTakeIds: full.beats.map((b) => b.selectedTakeId),
        takeCounts: [2, 1, 1],
        selectedDurationsMs: full.beats.map((b) => b.takes.find((t) => t.selected)!.durationMs),
        reviews: full.beats.map((b) => b.review),
        problems: {},
      });
      expect(outline.beats.selectedTakeIds[0]).toBe(second.id);

      // Any subset, answered in script order; another session's beats are left out.
      const other = await caller.sessions.create({ source: numberedScript(1) });
      const some = await caller.takes.forBeats({
        sessionId: session.id,
        beatIds: [full.beats[2]!.id, other.beats[0]!.id, full.beats[0]!.id],
      });
      expect(some).toEqual([full.beats[0], full.beats[2]]);
      await expectError(
        caller.takes.forBeats({ sessionId: unknownId, beatIds: [first.id] }),
        'NOT_FOUND',
        'SESSION_NOT_FOUND',
      );
      await expectError(
        caller.takes.forBeats({ sessionId: session.id, beatIds: [] }),
        'BAD_REQUEST',
      );
      await expectError(
        caller.sessions.summary({ sessionId: unknownId }),
        'NOT_FOUND',
        'SESSION_NOT_FOUND',
      );
    });

    it('voices lines without a speaker as the default character, every-coon', async () => {
      // No default_character in META and no [CHARACTER:] line: the parser alone would refuse it.
      const source =
        '[META]\nvideo_title: Nobody named\n\n[BEAT: d1]\nname: d1\n---\nDelta four.\n[END_BEAT]\n';
      expect((await caller.els.validate({ source })).ok).toBe(true);
      const session = await caller.sessions.create({ source });
      expect(session.beats[0]!.parsed.lines.map((line) => line.character)).toEqual(['every-coon']);
      expect(await generate(session.id)).toBe(1);
      const [beat] = (await caller.sessions.get({ sessionId: session.id })).beats;
      expect(beat!.takes[0]!.settings.map((s) => s.character)).toEqual(['every-coon']);
      expect(await caller.els.options()).toMatchObject({ defaultCharacter: 'every-coon' });
    });

    it('refuses out-of-range overrides and unknown beats', async () => {
      const session = await caller.sessions.create({ source: numberedScript(1) });
      const beatId = session.beats[0]!.id;
      await expectError(
        caller.generation.regenerateBeat({
          sessionId: session.id,
          beatId,
          overrides: { stability: 2 },
        }),
        'BAD_REQUEST',
      );
      await expectError(
        caller.generation.regenerateBeat({
          sessionId: session.id,
          beatId: unknownId,
          overrides: {},
        }),
        'NOT_FOUND',
        'BEAT_NOT_FOUND',
      );
      await expectError(
        caller.generation.start({ sessionId: unknownId }),
        'NOT_FOUND',
        'SESSION_NOT_FOUND',
      );
    });

    it('cancels queued work and retries nothing when nothing failed', async () => {
      await test.studio.worker.stop();
      try {
        const session = await caller.sessions.create({ source: numberedScript(4) });
        expect((await caller.generation.start({ sessionId: session.id })).queued).toBe(4);
        expect((await caller.sessions.get({ sessionId: session.id })).progress.queued).toBe(4);
        expect(await caller.generation.cancel({ sessionId: session.id })).toEqual({ cancelled: 4 });
        const view = await caller.sessions.get({ sessionId: session.id });
        expect(view.progress.pending).toBe(4);
        expect(view.status).toBe('in_progress');
        expect(await caller.generation.retryFailed({ sessionId: session.id })).toEqual({
          queued: 0,
        });
      } finally {
        test.studio.worker.start();
      }
    });
  });

  describe('exports', () => {
    it('refuses missing takes unless partial, then exports every deliverable', async () => {
      const session = await caller.sessions.create({ source: numberedScript(2, 'Export me') });
      await expectError(
        caller.exports.create({ sessionId: session.id, loudness: null, partial: false }),
        'PRECONDITION_FAILED',
        'MISSING_TAKES',
      );
      await expectError(
        caller.exports.create({ sessionId: session.id, loudness: null, partial: true }),
        'PRECONDITION_FAILED',
        'NO_TAKES',
      );
      await generate(session.id);
      const done = await caller.exports.create({
        sessionId: session.id,
        loudness: -16,
        partial: false,
      });
      expect(done.status).toBe('ready');
      expect(done.files.map((f) => f.name)).toEqual(
        expect.arrayContaining([
          'b01.mp3',
          'b02.mp3',
          'master.mp3',
          'manifest.json',
          'captions.srt',
          'export-me-export.zip',
        ]),
      );
      expect(done.files[0]!.url).toBe(`/exports/${done.id}/b01.mp3`);
      expect((await caller.exports.get({ exportId: done.id })).status).toBe('ready');
      const listed = await caller.exports.list({ sessionId: session.id });
      expect(listed.map((e) => e.status)).toEqual(['ready', 'failed', 'failed']);
      expect((await caller.sessions.get({ sessionId: session.id })).status).toBe('exported');
      await expectError(
        caller.exports.create({ sessionId: session.id, loudness: -20 as -16, partial: false }),
        'BAD_REQUEST',
      );
      await expectError(
        caller.exports.get({ exportId: unknownId }),
        'NOT_FOUND',
        'EXPORT_NOT_FOUND',
      );
    });
  });

  describe('voices', () => {
    it('lists, updates and validates voice profiles', async () => {
      const voices = await caller.voices.list();
      expect(voices.map((v) => v.character)).toEqual(
        expect.arrayContaining(['every-coon', 'boomer']),
      );
      const updated = await caller.voices.update({
        character: 'boomer',
        patch: { stability: 0.9 },
      });
      expect(updated.stability).toBe(0.9);
      await expectError(
        caller.voices.update({ character: 'boomer', patch: { stability: 3 } }),
        'BAD_REQUEST',
      );
      await expectError(
        caller.voices.update({ character: 'nobody', patch: { stability: 0.5 } }),
        'NOT_FOUND',
        'VOICE_NOT_FOUND',
      );
    });

    it('previews a voice once per distinct line and settings', async () => {
      const first = await caller.voices.preview({ character: 'fed', text: 'Rates are up.' });
      expect(first.audioUrl).toBe(`/audio/preview/${first.id}`);
      expect(first.durationMs).toBeGreaterThan(0);
      const again = await caller.voices.preview({ character: 'fed', text: 'Rates are up.' });
      expect(again).toEqual({ ...first, durationMs: null });
      const other = await caller.voices.preview({
        character: 'fed',
        text: 'Rates are up.',
        settings: { style: 1 },
      });
      expect(other.id).not.toBe(first.id);
      await expectError(
        caller.voices.preview({ character: 'nobody' }),
        'NOT_FOUND',
        'VOICE_NOT_FOUND',
      );
    });
  });

  describe('events', () => {
    it('streams beat changes and progress of one session', async () => {
      const session = await caller.sessions.create({ source: numberedScript(2) });
      const stream = await caller.events.session({ sessionId: session.id });
      const received: string[] = [];
      const reading = (async () => {
        for await (const envelope of stream) {
          // Through a caller, tracked events arrive as the raw `[id, data]` envelopes.
          const [, event] = envelope as unknown as [string, StudioEvent];
          received.push(event.type);
          if (event.type === 'progress' && event.progress.ready === 2) break;
        }
      })();
      await generate(session.id);
      await reading;
      expect(received).toEqual(expect.arrayContaining(['session', 'beat', 'take', 'progress']));

      // A selection reaches every open browser as the beat's new state.
      const view = await caller.sessions.get({ sessionId: session.id });
      const beat = view.beats[0]!;
      await caller.generation.regenerateBeat({ sessionId: session.id, beatId: beat.id });
      await test.studio.worker.idle();
      const second = (await caller.sessions.get({ sessionId: session.id })).beats[0]!.takes[1]!;
      const watching = (await caller.events.session({ sessionId: session.id }))[
        Symbol.asyncIterator
      ]();
      const firstEvent = watching.next(); // subscribes before the selection is made
      await caller.takes.select({ beatId: beat.id, takeId: second.id });
      const [, event] = (await firstEvent).value as unknown as [string, StudioEvent];
      expect(event).toMatchObject({
        type: 'beat',
        beat: { id: beat.id, selectedTakeId: second.id },
      });
      await watching.return?.(undefined);
      await expectError(
        (async () => {
          const missing = await caller.events.session({ sessionId: unknownId });
          for await (const _ of missing) break;
        })(),
        'NOT_FOUND',
      );
    });
  });
});
