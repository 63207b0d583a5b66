/** Choosing a beat's take for the export; every browser of the session sees the choice. */
import { selectTake } from '@studio/db';
import type { Services } from '../context.js';
import { beatState } from './views.js';

export async function selectBeatTake(
  services: Pick<Services, 'db' | 'bus'>,
  input: { beatId: string; takeId: string },
): Promise<{ beatId: string; selectedTakeId: string }> {
  const beat = await selectTake(services.db, input);
  // A selection changes this one beat and no progress: its committed row is the whole news, so
  // there is no need to read the session back.
  services.bus.publish(beat.sessionId, { type: 'beat', beat: beatState(beat) });
  return { beatId: beat.id, selectedTakeId: input.takeId };
}
