/** Choosing a beat's take for the export; every browser of the session sees the choice. */
import { selectTake } from '@studio/db';
import type { Services } from '../context.js';

export async function selectBeatTake(
  services: Pick<Services, 'db' | 'publishState'>,
  input: { beatId: string; takeId: string },
): Promise<{ beatId: string; selectedTakeId: string }> {
  const beat = await selectTake(services.db, input);
  await services.publishState(beat.sessionId, [beat.id]);
  return { beatId: beat.id, selectedTakeId: input.takeId };
}
