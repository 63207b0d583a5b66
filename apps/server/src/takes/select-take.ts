/** Choosing a beat's take for the export; every browser of the session sees the choice. */
import { selectTake } from '@studio/db';
import type { Services } from '../context.js';

export async function selectBeatTake(
  services: Pick<Services, 'db' | 'sessionState'>,
  input: { beatId: string; takeId: string },
): Promise<{ beatId: string; selectedTakeId: string }> {
  const beat = await selectTake(services.db, input);
  services.sessionState.beatChanged(beat);
  return { beatId: beat.id, selectedTakeId: input.takeId };
}
