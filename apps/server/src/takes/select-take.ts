/** Choosing a beat's take for the export; every browser of the session sees the choice. */
import { selectTake } from '@studio/db';
import type { Services } from '../context.js';

export async function selectBeatTake(
  services: Pick<Services, 'db' | 'sessionState'>,
  input: { beatId: string; takeId: string },
): Promise<{ beatId: string; selectedTakeId: string }> {
  const beat = await selectTake(services.db, input);
  // The committed row first, so every browser shows the choice at once; then read back, since
  // a new selection decides the beat's review and the session's.
  services.sessionState.beatChanged(beat);
  await services.sessionState.beatsChanged(beat.sessionId, [beat.id], { decided: true });
  return { beatId: beat.id, selectedTakeId: input.takeId };
}
