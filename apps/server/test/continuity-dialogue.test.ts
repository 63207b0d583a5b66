/**
 * ElevenLabs to its depth, through the studio (issue 15 parts 3 and 4): a regenerated beat is
 * tied to its neighbours' selected takes by their request ids, and a beat with several
 * characters on eleven_v3 is one text-to-dialogue performance unless the session asks for one
 * request per segment. What was sent is read from the stand-in's request log.
 */
import { describe, expect, it } from 'vitest';
import { script } from './support/scripts.js';
import { useCallerStudio } from './support/studio.js';

/** The requests that voiced speech (the studio also asks for models, credits and transcripts). */
const voicings = <R extends { path: string }>(standIn: { requests: readonly R[] }) =>
  standIn.requests.filter((r) => r.path.startsWith('/v1/text-to-'));

type Body = Record<string, unknown>;

describe('continuity across beats', () => {
  const studio = useCallerStudio('continuity-test');

  it('regenerates a beat with its neighbours’ selected takes’ request ids, and records it', async () => {
    const { caller, standIn, test } = studio();
    test.studio.worker.start();
    const session = await caller.sessions.create({
      source: script([
        { id: '01_one', body: 'The first beat.' },
        { id: '02_two', body: 'The second beat.' },
        { id: '03_three', body: 'The third beat.' },
      ]),
    });
    await caller.generation.start({ sessionId: session.id });
    await test.studio.worker.idle();
    const voiced = await caller.sessions.get({ sessionId: session.id });
    const selectedRequest = (index: number) => {
      const beat = voiced.beats[index];
      return beat?.takes.find((take) => take.id === beat.selectedTakeId)?.continuity[0]?.requestId;
    };

    standIn.reset();
    const middle = voiced.beats[1]!;
    await caller.generation.regenerateBeat({ sessionId: session.id, beatId: middle.id });
    await test.studio.worker.idle();

    expect(voicings(standIn)).toHaveLength(1);
    const body = voicings(standIn)[0]?.body as Body;
    expect(body).toMatchObject({
      text: 'The second beat.',
      previous_request_ids: [selectedRequest(0)],
      next_request_ids: [selectedRequest(2)],
    });
    expect(body).not.toHaveProperty('previous_text');
    const after = await caller.sessions.get({ sessionId: session.id });
    const take = after.beats[1]?.takes.at(-1);
    expect(take?.continuity).toEqual([
      {
        requestId: voicings(standIn)[0]?.requestId,
        voicedAt: expect.any(Number),
        previous: 'request_ids',
        next: 'request_ids',
        dialogue: false,
      },
    ]);
  });
});

describe('dialogue in one performance', () => {
  const studio = useCallerStudio('dialogue-test');
  const source = script([
    {
      id: '01_talk',
      body: 'Okay boomer.\n[PAUSE: 300ms]\n[CHARACTER: boomer]\nBack in my day.\n[PAUSE: 200ms]',
    },
  ]);

  it('voices a multi-character eleven_v3 beat in one request, or per segment when asked', async () => {
    const { caller, standIn, test } = studio();
    test.studio.worker.start();
    for (const character of ['every-coon', 'boomer']) {
      await caller.voices.update({ character, patch: { modelId: 'eleven_v3' } });
    }

    const together = await caller.sessions.create({ source });
    expect(together.dialogueMode).toBe('one_performance');
    standIn.reset();
    await caller.generation.start({ sessionId: together.id });
    await test.studio.worker.idle();
    expect(voicings(standIn).map((r) => r.path)).toEqual(['/v1/text-to-dialogue/with-timestamps']);
    expect((voicings(standIn)[0]?.body as Body).inputs).toEqual([
      { text: 'Okay boomer.', voice_id: expect.any(String) },
      { text: 'Back in my day.', voice_id: expect.any(String) },
    ]);
    const voiced = await caller.sessions.get({ sessionId: together.id });
    const take = voiced.beats[0]?.takes[0];
    expect(take?.continuity.map((c) => c.dialogue)).toEqual([true, true]);
    expect(take?.timings.map((t) => t.pauseAfterMs)).toEqual([300, 200]);

    const apart = await caller.sessions.create({ source, dialogueMode: 'per_segment' });
    expect(apart.dialogueMode).toBe('per_segment');
    standIn.reset();
    await caller.generation.start({ sessionId: apart.id });
    await test.studio.worker.idle();
    expect(voicings(standIn).map((r) => r.path)).toEqual([
      expect.stringMatching(/^\/v1\/text-to-speech\/.+\/with-timestamps$/),
      expect.stringMatching(/^\/v1\/text-to-speech\/.+\/with-timestamps$/),
    ]);

    const changed = await caller.sessions.setDialogueMode({
      sessionId: apart.id,
      dialogueMode: 'one_performance',
    });
    expect(changed.dialogueMode).toBe('one_performance');
  });
});
