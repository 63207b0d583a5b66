/**
 * `reviews.*` through `createCaller` on a real studio (stand-in voice, real ffmpeg), on PGlite and
 * on Postgres where one is available: decisions, notes, the session status rule, live events.
 */
import { availableTestEngines } from '@studio/db/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../src/events/types.js';
import { expectError } from './support/errors.js';
import { script } from './support/scripts.js';
import { storeTakes } from './support/takes.js';
import { useCallerStudio, type CallerStudio, type TestStudio } from './support/studio.js';

const unknownId = '00000000-0000-4000-8000-000000000000';
let scriptCounter = 0;

/** Lines no other session says, so each test's takes are voiced, not reused from the cache. */
function uniqueScript(beats: number): string {
  scriptCounter++;
  return script(
    Array.from({ length: beats }, (_, i) => ({
      id: `r${i + 1}`,
      body: `Review ${scriptCounter} line ${i + 1} here.`,
    })),
  );
}

describe.each(availableTestEngines())('reviews on %s', (engine) => {
  const parts = useCallerStudio('reviews-test', { engine, worker: true });
  let test: TestStudio;
  let caller: CallerStudio['caller'];
  beforeEach(() => ({ test, caller } = parts()));

  /** A voiced session, each beat with `takes` takes (the first one selected). */
  async function voicedSession(beats: number, takes = 1) {
    const session = await caller.sessions.create({ source: uniqueScript(beats) });
    await caller.generation.start({ sessionId: session.id });
    await test.studio.worker.idle();
    for (let i = 1; i < takes; i++) {
      for (const beat of session.beats) {
        await caller.generation.regenerateBeat({
          sessionId: session.id,
          beatId: beat.id,
          overrides: { direction: `attempt ${i}` },
        });
      }
      await test.studio.worker.idle();
    }
    return caller.sessions.get({ sessionId: session.id });
  }

  it('approves atomically: 50 concurrent approvals of one beat leave one selected, approved take', async () => {
    const session = await caller.sessions.create({ source: uniqueScript(1) });
    const beat = session.beats[0]!;
    // Fifty takes of one beat, stored directly: voicing fifty would test the voice, not review.
    const takeIds = await storeTakes(
      test.studio.services.db,
      { sessionId: session.id, beatId: beat.id, text: beat.text },
      50,
    );
    const results = await Promise.all(
      takeIds.map((takeId) => caller.reviews.approve({ takeId, author: 'ana' })),
    );
    expect(results.map((r) => r.beatId)).toEqual(takeIds.map(() => beat.id));
    const view = (await caller.sessions.get({ sessionId: session.id })).beats[0]!;
    const approved = view.takes.filter((t) => t.decision?.decision === 'approved');
    expect(approved).toHaveLength(1);
    expect(approved[0]!.selected).toBe(true);
    expect(view.selectedTakeId).toBe(approved[0]!.id);
    expect(view.review).toBe('approved');
  });

  it('rejects with a reason and a note at a time; decisions and notes are in sessions.get', async () => {
    const session = await voicedSession(1, 2);
    const [first, second] = session.beats[0]!.takes;
    const rejected = await caller.reviews.reject({
      takeId: first!.id,
      reason: 'wrong_emphasis',
      author: 'Ana',
      note: { text: 'Stress "rates".', atMs: 400 },
    });
    expect(rejected.decision).toMatchObject({ decision: 'rejected', reason: 'wrong_emphasis' });
    const note = await caller.reviews.addNote({
      takeId: second!.id,
      text: 'Breath at the start.',
      author: 'Ben',
    });
    await caller.reviews.resolveNote({ noteId: note.id });

    const view = await caller.sessions.get({ sessionId: session.id });
    const beat = view.beats[0]!;
    expect(beat.review).toBe('needs_fix');
    expect(beat.takes[0]!.decision).toMatchObject({
      decision: 'rejected',
      reason: 'wrong_emphasis',
      noteId: rejected.note!.id,
      author: 'Ana',
    });
    expect(beat.takes[0]!.notes.map((n) => [n.text, n.atMs, n.author])).toEqual([
      ['Stress "rates".', 400, 'Ana'],
    ]);
    expect(beat.takes[1]!.notes.map((n) => [n.text, n.atMs, n.resolved])).toEqual([
      ['Breath at the start.', null, true],
    ]);
    expect(view.progress).toMatchObject({ reviewed: 1, approved: 0 });

    await caller.reviews.deleteNote({ noteId: note.id });
    await caller.reviews.clear({ takeId: first!.id });
    const cleared = (await caller.sessions.get({ sessionId: session.id })).beats[0]!;
    expect([cleared.review, cleared.takes[0]!.decision, cleared.takes[1]!.notes]).toEqual([
      'unreviewed',
      null,
      [],
    ]);
  });

  it('refuses an unknown reason, unknown takes and notes, and a blank author, by code', async () => {
    const session = await voicedSession(1);
    const takeId = session.beats[0]!.takes[0]!.id;
    await expectError(
      caller.reviews.reject({ takeId, reason: 'too_loud' as 'level', author: 'a' }),
      'BAD_REQUEST',
    );
    await expectError(caller.reviews.approve({ takeId, author: '  ' }), 'BAD_REQUEST');
    await expectError(
      caller.reviews.approve({ takeId: unknownId, author: 'a' }),
      'NOT_FOUND',
      'TAKE_NOT_FOUND',
    );
    await expectError(
      caller.reviews.addNote({ takeId: unknownId, text: 'x', author: 'a' }),
      'NOT_FOUND',
      'TAKE_NOT_FOUND',
    );
    await expectError(
      caller.reviews.resolveNote({ noteId: unknownId }),
      'NOT_FOUND',
      'NOTE_NOT_FOUND',
    );
    await expectError(
      caller.reviews.deleteNote({ noteId: unknownId }),
      'NOT_FOUND',
      'NOTE_NOT_FOUND',
    );
  });

  it('moves the session to approved when every beat is, and back to in_review', async () => {
    const session = await voicedSession(2, 2);
    const [a, b] = session.beats as [(typeof session.beats)[0], (typeof session.beats)[0]];
    expect(session.status).toBe('in_progress');
    await caller.reviews.addNote({ takeId: a.takes[0]!.id, text: 'Fine.', author: 'ana' });
    expect((await caller.sessions.get({ sessionId: session.id })).status).toBe('in_progress');
    // A first decision starts the review.
    await caller.reviews.approve({ takeId: a.takes[0]!.id, author: 'ana' });
    expect((await caller.sessions.get({ sessionId: session.id })).status).toBe('in_review');
    await caller.reviews.approve({ takeId: b.takes[1]!.id, author: 'ana' });
    let view = await caller.sessions.get({ sessionId: session.id });
    expect(view.status).toBe('approved');
    expect(view.progress).toMatchObject({ reviewed: 2, approved: 2, total: 2 });
    expect((await caller.sessions.list()).find((s) => s.id === session.id)).toMatchObject({
      status: 'approved',
      reviewedCount: 2,
      approvedCount: 2,
    });

    // A new selection: beat b's selected take is no longer the approved one.
    await caller.takes.select({ beatId: b.id, takeId: b.takes[0]!.id });
    view = await caller.sessions.get({ sessionId: session.id });
    expect([view.status, view.beats[1]!.review]).toEqual(['in_review', 'unreviewed']);

    await caller.reviews.approve({ takeId: b.takes[0]!.id, author: 'ana' });
    expect((await caller.sessions.get({ sessionId: session.id })).status).toBe('approved');

    // Rejecting an approved selected take.
    await caller.reviews.reject({ takeId: a.takes[0]!.id, reason: 'glitch', author: 'ben' });
    expect((await caller.sessions.get({ sessionId: session.id })).status).toBe('in_review');
    await caller.reviews.approve({ takeId: a.takes[0]!.id, author: 'ben' });
    expect((await caller.sessions.get({ sessionId: session.id })).status).toBe('approved');

    // A re-import adding a beat: that beat is not approved.
    const source = `${view.sourceEls.trimEnd()}\n\n[BEAT: r3]\nname: r3\n---\nA brand new line ${scriptCounter}.\n[END_BEAT]\n`;
    await caller.sessions.reimport({ sessionId: session.id, source });
    view = await caller.sessions.get({ sessionId: session.id });
    expect(view.status).toBe('in_review');
    expect(view.progress).toMatchObject({ total: 3, approved: 2 });
  });

  it('keeps notes and decisions when a re-import leaves the beat unchanged', async () => {
    const session = await voicedSession(2);
    const [a, b] = session.beats as [(typeof session.beats)[0], (typeof session.beats)[0]];
    await caller.reviews.addNote({ takeId: a.takes[0]!.id, text: 'Good.', atMs: 250, author: 'x' });
    await caller.reviews.approve({ takeId: a.takes[0]!.id, author: 'x' });
    await caller.reviews.reject({
      takeId: b.takes[0]!.id,
      reason: 'pacing',
      author: 'x',
      note: { text: 'Too fast.' },
    });
    // Beat b's text changes; beat a's does not.
    const source = session.sourceEls.replace(b.text, `Changed words ${scriptCounter}.`);
    await caller.sessions.reimport({ sessionId: session.id, source });
    const view = await caller.sessions.get({ sessionId: session.id });
    const [afterA, afterB] = view.beats;
    expect(afterA!.takes[0]!.notes.map((n) => [n.text, n.atMs])).toEqual([['Good.', 250]]);
    expect([afterA!.review, afterA!.takes[0]!.decision?.decision]).toEqual([
      'approved',
      'approved',
    ]);
    expect([afterB!.status, afterB!.review]).toEqual(['stale', 'needs_fix']);
  });

  it('leaves exported alone until the next decision', async () => {
    const session = await voicedSession(1);
    await caller.exports.create({ sessionId: session.id });
    const takeId = session.beats[0]!.takes[0]!.id;
    await caller.reviews.addNote({ takeId, text: 'After the export.', author: 'x' });
    expect((await caller.sessions.get({ sessionId: session.id })).status).toBe('exported');
    await caller.reviews.reject({ takeId, reason: 'level', author: 'x' });
    expect((await caller.sessions.get({ sessionId: session.id })).status).toBe('in_review');
    await caller.reviews.approve({ takeId, author: 'x' });
    expect((await caller.sessions.get({ sessionId: session.id })).status).toBe('approved');
  });

  it('exports decisions and notes, and only approved beats when asked', async () => {
    const session = await voicedSession(2);
    const [a, b] = session.beats as [(typeof session.beats)[0], (typeof session.beats)[0]];
    await caller.reviews.addNote({
      takeId: a.takes[0]!.id,
      text: 'Keep.',
      atMs: 1500,
      author: 'x',
    });
    await caller.reviews.approve({ takeId: a.takes[0]!.id, author: 'x' });
    await caller.reviews.reject({
      takeId: b.takes[0]!.id,
      reason: 'mispronounced',
      author: 'y',
      note: { text: 'It is "GIF", hard G.', atMs: 800 },
    });
    const done = await caller.exports.create({ sessionId: session.id, approvedOnly: true });
    expect(done.options).toMatchObject({ approvedOnly: true, partial: false });
    const read = async (name: string) =>
      (await test.studio.services.storage.get(`exports/${done.id}/${name}`)).toString();
    const manifest = JSON.parse(await read('manifest.json')) as {
      beats: { beatKey: string; decision: string; notes: { text: string; atMs: number }[] }[];
      skipped: string[];
    };
    expect(manifest.skipped).toEqual(['r2']);
    expect(manifest.beats.map((m) => [m.beatKey, m.decision, m.notes])).toEqual([
      ['r1', 'approved', [{ text: 'Keep.', atMs: 1500, author: 'x', resolved: false }]],
    ]);
    expect(done.files.map((f) => f.name)).toContain('notes.md');
    const rows = (await read('notes.md')).split('\n').filter((line) => line.startsWith('| r'));
    expect(rows).toEqual([
      '| r1 | 1 | 0:01.5 | approved |  | Keep. | x |',
      '| r2 | 1 | 0:00.8 | rejected | mispronounced | It is "GIF", hard G. | y |',
    ]);
  });

  it('publishes decisions live to every open browser of the session', async () => {
    const session = await voicedSession(1);
    const take = session.beats[0]!.takes[0]!;
    const watching = (await caller.events.session({ sessionId: session.id }))[
      Symbol.asyncIterator
    ]();
    const received: StudioEvent[] = [];
    const reading = (async () => {
      for (;;) {
        const next = await watching.next();
        if (next.done) return;
        const [, event] = next.value as unknown as [string, StudioEvent];
        received.push(event);
        if (event.type === 'progress' && event.progress.approved === 1) return;
      }
    })();
    await caller.reviews.approve({ takeId: take.id, author: 'ana' });
    await reading;
    await watching.return?.(undefined);
    const review = received.find((e) => e.type === 'review');
    expect(review).toMatchObject({
      type: 'review',
      beatId: take.beatId,
      review: 'approved',
      takes: { [take.id]: { decision: { decision: 'approved', author: 'ana' }, notes: [] } },
    });
    expect(received).toContainEqual({
      type: 'session',
      status: 'approved',
      lastError: null,
      budgetCredits: null,
    });
    expect(received).toContainEqual(
      expect.objectContaining({
        type: 'beat',
        beat: expect.objectContaining({ selectedTakeId: take.id }),
      }),
    );
  });
});
