/** Takes stored straight in the database: for tests of review and selection, not of voicing. */
import { addTake, type StudioDb } from '@studio/db';

/** Adds `count` bare takes of the beat (one local-voice row each) and returns their ids in order. */
export async function storeTakes(
  db: StudioDb,
  beat: { sessionId: string; beatId: string; text: string },
  count: number,
): Promise<string[]> {
  const takeIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const { take } = await addTake(db, {
      beatId: beat.beatId,
      storageKey: `takes/${beat.sessionId}/${i}.mp3`,
      durationMs: 1000,
      settings: [],
      timings: [],
      direction: null,
      provider: 'local',
      modelId: 'espeak-ng',
      contentHash: `${beat.beatId}-${i}`,
      voicedText: beat.text,
    });
    takeIds.push(take.id);
  }
  return takeIds;
}
