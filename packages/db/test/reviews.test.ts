import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  addTake,
  addTakeNote,
  approveTake,
  beats,
  createSessionFromScript,
  deleteTakeNote,
  getSession,
  listSessions,
  rejectTake,
  replaceBeatsFromScript,
  setNoteResolved,
  takeDecisions,
  type RejectionReason,
  type StudioDb,
} from '../src/index.js';
import {
  engines,
  expectDbError,
  expectPgError,
  parsedBeat,
  script,
  takeInput,
  useDatabase,
} from './helpers.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

async function beatWithTakes(db: StudioDb, count: number, beatIds = ['a', 'b']) {
  const session = await createSessionFromScript(db, { script: script(beatIds), sourceEls: 'v1' });
  const beat = session.beats[0]!;
  const takeIds: string[] = [];
  for (let i = 0; i < count; i++) takeIds.push((await addTake(db, takeInput(beat.id))).take.id);
  return { session, beat, takeIds };
}

describe.each(engines)('reviews on %s', (engine) => {
  const database = useDatabase(engine);

  it('approves atomically: 50 concurrent approvals leave one take selected and approved', async () => {
    const { db } = database();
    const { beat, takeIds } = await beatWithTakes(db, 50);
    const results = await Promise.all(
      takeIds.map((takeId) => approveTake(db, { takeId, author: 'ana' })),
    );
    expect(results.every((r) => r.beat.id === beat.id)).toBe(true);
    const approved = await db
      .select()
      .from(takeDecisions)
      .where(and(eq(takeDecisions.beatId, beat.id), eq(takeDecisions.decision, 'approved')));
    const [row] = await db.select().from(beats).where(eq(beats.id, beat.id));
    expect(approved).toHaveLength(1);
    expect(row!.selectedTakeId).toBe(approved[0]!.takeId);
  });

  it('moves the approval: approving another take un-approves the first and selects it', async () => {
    const { db } = database();
    const { beat, takeIds } = await beatWithTakes(db, 2);
    const [first, second] = takeIds as [string, string];
    await approveTake(db, { takeId: first, author: 'ana' });
    const moved = await approveTake(db, { takeId: second, author: 'ben' });
    expect(moved.unapprovedTakeId).toBe(first);
    expect(moved.beat.selectedTakeId).toBe(second);
    const loaded = (await getSession(db, beat.sessionId)).beats[0]!;
    expect(loaded.takes.map((t) => t.decision?.decision ?? null)).toEqual([null, 'approved']);
  });

  it('rejects with a reason and a pinned note; the selection stays', async () => {
    const { db } = database();
    const { beat, takeIds } = await beatWithTakes(db, 1);
    const { decision, note } = await rejectTake(db, {
      takeId: takeIds[0]!,
      reason: 'wrong_emphasis',
      author: 'ana',
      note: { text: 'Stress "rates", not "matter".', atMs: 2400 },
    });
    expect([decision.decision, decision.reason, decision.noteId]).toEqual([
      'rejected',
      'wrong_emphasis',
      note!.id,
    ]);
    const loaded = (await getSession(db, beat.sessionId)).beats[0]!;
    expect(loaded.selectedTakeId).toBe(takeIds[0]);
    expect(loaded.takes[0]!.notes.map((n) => [n.text, n.atMs, n.author, n.resolved])).toEqual([
      ['Stress "rates", not "matter".', 2400, 'ana', false],
    ]);
    // Approving a rejected take replaces the rejection; the note stays as history.
    const approved = await approveTake(db, { takeId: takeIds[0]!, author: 'ben' });
    expect([approved.decision.reason, approved.decision.noteId]).toEqual([null, null]);
  });

  it('enforces the reason list in the database', async () => {
    const { db } = database();
    const { beat, takeIds } = await beatWithTakes(db, 1);
    const takeId = takeIds[0]!;
    await expectPgError(
      db.insert(takeDecisions).values({
        takeId,
        beatId: beat.id,
        decision: 'rejected',
        reason: 'too_loud' as RejectionReason,
        author: 'ana',
      }),
      '23514',
      'take_decisions_reason_valid',
    );
    await expectPgError(
      db
        .insert(takeDecisions)
        .values({ takeId, beatId: beat.id, decision: 'rejected', author: 'a' }),
      '23514',
      'take_decisions_reason_iff_rejected',
    );
    await expectPgError(
      db
        .insert(takeDecisions)
        .values({ takeId, beatId: beat.id, decision: 'approved', reason: 'level', author: 'a' }),
      '23514',
      'take_decisions_reason_iff_rejected',
    );
    // The query path reaches the same constraint and reports a domain code.
    await expectDbError(
      rejectTake(db, { takeId, reason: 'too_loud' as RejectionReason, author: 'ana' }),
      'INVALID_INPUT',
    );
    expect(await db.select().from(takeDecisions).where(eq(takeDecisions.takeId, takeId))).toEqual(
      [],
    );
  });

  it('refuses a decision on a take of another beat (composite key)', async () => {
    const { db } = database();
    const { session, takeIds } = await beatWithTakes(db, 1);
    await expectPgError(
      db.insert(takeDecisions).values({
        takeId: takeIds[0]!,
        beatId: session.beats[1]!.id,
        decision: 'approved',
        author: 'a',
      }),
      '23503',
      'take_decisions_take_fk',
    );
  });

  it('reports missing takes and notes, and bad input, by code', async () => {
    const { db } = database();
    const { takeIds } = await beatWithTakes(db, 1);
    await expectDbError(approveTake(db, { takeId: MISSING, author: 'a' }), 'TAKE_NOT_FOUND');
    await expectDbError(
      rejectTake(db, { takeId: MISSING, reason: 'glitch', author: 'a' }),
      'TAKE_NOT_FOUND',
    );
    await expectDbError(
      addTakeNote(db, { takeId: MISSING, text: 'x', author: 'a' }),
      'TAKE_NOT_FOUND',
    );
    await expectDbError(
      addTakeNote(db, { takeId: takeIds[0]!, text: '  ', author: 'a' }),
      'INVALID_INPUT',
      'text',
    );
    await expectDbError(
      addTakeNote(db, { takeId: takeIds[0]!, text: 'x', atMs: -1, author: 'a' }),
      'INVALID_INPUT',
      'atMs',
    );
    await expectDbError(approveTake(db, { takeId: takeIds[0]!, author: ' ' }), 'INVALID_INPUT');
    await expectDbError(setNoteResolved(db, MISSING, true), 'NOTE_NOT_FOUND');
    await expectDbError(deleteTakeNote(db, MISSING), 'NOTE_NOT_FOUND');
  });

  it('resolves and deletes notes; deleting a rejection note keeps the reason', async () => {
    const { db } = database();
    const { beat, takeIds } = await beatWithTakes(db, 1);
    const takeId = takeIds[0]!;
    const { note } = await rejectTake(db, {
      takeId,
      reason: 'glitch',
      author: 'ana',
      note: { text: 'Click at the end.' },
    });
    const resolved = await setNoteResolved(db, note!.id, true);
    expect(resolved.resolved).toBe(true);
    await deleteTakeNote(db, note!.id);
    const take = (await getSession(db, beat.sessionId)).beats[0]!.takes[0]!;
    expect([take.decision?.reason, take.decision?.noteId, take.notes]).toEqual([
      'glitch',
      null,
      [],
    ]);
  });

  it('keeps notes and decisions through a re-import of an unchanged beat', async () => {
    const { db } = database();
    const { session, beat, takeIds } = await beatWithTakes(db, 1, ['a', 'b']);
    await addTakeNote(db, { takeId: takeIds[0]!, text: 'Lovely.', atMs: 300, author: 'ana' });
    await approveTake(db, { takeId: takeIds[0]!, author: 'ana' });
    await replaceBeatsFromScript(db, session.id, {
      sourceEls: 'v2',
      remove: [session.beats[1]!.id],
      update: [
        { beatId: beat.id, beat: parsedBeat('a', undefined, 1), position: 0, staleReason: null },
      ],
      insert: [{ beat: parsedBeat('c', 'New words.', 2), position: 1 }],
    });
    const take = (await getSession(db, session.id)).beats[0]!.takes[0]!;
    expect(take.notes.map((n) => [n.text, n.atMs])).toEqual([['Lovely.', 300]]);
    expect(take.decision?.decision).toBe('approved');
  });

  it('counts reviewed and approved beats in the session list', async () => {
    const { db } = database();
    const session = await createSessionFromScript(db, {
      script: script(['x', 'y', 'z']),
      sourceEls: '',
    });
    const [x, y] = session.beats;
    const xTake = (await addTake(db, takeInput(x!.id))).take;
    const yTake = (await addTake(db, takeInput(y!.id))).take;
    await approveTake(db, { takeId: xTake.id, author: 'a' });
    await rejectTake(db, { takeId: yTake.id, reason: 'pacing', author: 'a' });
    const summary = (await listSessions(db)).find((s) => s.id === session.id)!;
    expect([summary.beatCount, summary.reviewedCount, summary.approvedCount]).toEqual([3, 2, 1]);
  });
});
