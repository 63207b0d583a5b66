import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  addTake,
  beatNeighbours,
  beats,
  createExport,
  createSessionFromScript,
  enqueueJobs,
  generationJobs,
  getBeat,
  getExport,
  getSession,
  getTake,
  getVoiceProfile,
  listSessionJobs,
  listSessions,
  listVoiceProfiles,
  sessionExports,
  sessions,
  takes,
  voiceProfiles,
} from '../src/index.js';
import { engines, expectDbError, script, takeInput, useDatabase } from './helpers.js';

/** A jsonb value written behind the queries' back (a hand edit, an old writer). */
const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

describe.each(engines)('rows with malformed jsonb on %s', (engine) => {
  const database = useDatabase(engine);

  it('a take whose settings or timings lost their shape reads back as CORRUPT_ROW', async () => {
    const { db } = database();
    const session = await createSessionFromScript(db, { script: script(['a']), sourceEls: '' });
    const beatId = session.beats[0]!.id;
    const { take } = await addTake(db, takeInput(beatId));

    await db
      .update(takes)
      .set({ settings: json([{ character: 'every-coon', stability: 'high' }]) })
      .where(eq(takes.id, take.id));
    await expectDbError(getTake(db, take.id), 'CORRUPT_ROW', 'settings.0.voiceId');
    await expectDbError(getSession(db, session.id), 'CORRUPT_ROW', 'settings.0.voiceId');

    await db
      .update(takes)
      .set({ settings: take.settings, timings: json({ lineIndex: 0 }) })
      .where(eq(takes.id, take.id));
    await expectDbError(getTake(db, take.id), 'CORRUPT_ROW', 'timings');
  });

  it("a neighbour's continuity is checked; the take's columns it does not read are not", async () => {
    const { db } = database();
    const session = await createSessionFromScript(db, {
      script: script(['a', 'b']),
      sourceEls: '',
    });
    const [a, b] = session.beats;
    const { take } = await addTake(db, takeInput(a!.id));

    await db
      .update(takes)
      .set({ timings: json({ lineIndex: 0 }) })
      .where(eq(takes.id, take.id));
    const { previous } = await beatNeighbours(db, b!);
    expect(previous?.continuity).toEqual(take.continuity);

    await db
      .update(takes)
      .set({ continuity: json([{ requestId: 7 }]) })
      .where(eq(takes.id, take.id));
    await expectDbError(beatNeighbours(db, b!), 'CORRUPT_ROW', 'continuity.0.requestId');
  });

  it("a beat's parsed script and a session's error are checked too", async () => {
    const { db } = database();
    const session = await createSessionFromScript(db, { script: script(['a']), sourceEls: '' });
    const beatId = session.beats[0]!.id;
    await db
      .update(beats)
      .set({ parsed: json({ ...session.beats[0]!.parsed, lines: [{ text: 'Hi.' }] }) })
      .where(eq(beats.id, beatId));
    await expectDbError(getBeat(db, beatId), 'CORRUPT_ROW', 'parsed.lines.0.character');

    const other = await createSessionFromScript(db, { script: script(['b']), sourceEls: '' });
    await db
      .update(sessions)
      .set({ lastError: json({ code: 'auth' }) })
      .where(eq(sessions.id, other.id));
    await expectDbError(getSession(db, other.id), 'CORRUPT_ROW', 'lastError.message');
    await expectDbError(listSessions(db), 'CORRUPT_ROW', 'lastError.message');
  });

  it('a beat stored before ELS 1.1 reads back without audio tags, its taggedText its text', async () => {
    const { db } = database();
    const session = await createSessionFromScript(db, { script: script(['a']), sourceEls: '' });
    const { id, parsed } = session.beats[0]!;
    const old = {
      ...parsed,
      lines: parsed.lines.map(({ taggedText: _tagged, audioTags: _tags, ...line }) => line),
      segments: parsed.segments.map(({ taggedText: _tagged, ...segment }) => segment),
    };
    await db
      .update(beats)
      .set({ parsed: json(old) })
      .where(eq(beats.id, id));
    const beat = await getBeat(db, id);
    expect(beat?.parsed.lines).toEqual(parsed.lines);
    expect(beat?.parsed.segments).toEqual(parsed.segments);
    expect(beat?.parsed.lines[0]).toMatchObject({
      taggedText: parsed.lines[0]!.text,
      audioTags: [],
    });
  });

  it('job overrides, export files and a profile’s local voice are checked', async () => {
    const { db } = database();
    const session = await createSessionFromScript(db, { script: script(['a']), sourceEls: '' });
    const [job] = await enqueueJobs(db, session.id, [
      { beatId: session.beats[0]!.id, kind: 'generate' },
    ]);
    await db
      .update(generationJobs)
      .set({ overrides: json({ pace: 'warp' }) })
      .where(eq(generationJobs.id, job!.id));
    await expectDbError(listSessionJobs(db, session.id), 'CORRUPT_ROW', 'overrides.pace');

    const run = await createExport(db, { sessionId: session.id });
    await db
      .update(sessionExports)
      .set({ files: json([{ name: '01_a.mp3' }]) })
      .where(eq(sessionExports.id, run.id));
    await expectDbError(getExport(db, run.id), 'CORRUPT_ROW', 'files.0.bytes');

    // The database's own CHECK only asks for a string variant and a pitch from 0 to 99.
    await db
      .update(voiceProfiles)
      .set({ localVoice: json({ variant: '../m3', pitch: 50 }) })
      .where(eq(voiceProfiles.character, 'boomer'));
    await expectDbError(getVoiceProfile(db, 'boomer'), 'CORRUPT_ROW', 'localVoice.variant');
    await expectDbError(listVoiceProfiles(db), 'CORRUPT_ROW', 'localVoice.variant');
  });
});
