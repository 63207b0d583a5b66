/** Choosing a beat's take for the export; every browser of the session sees the choice. */
import { selectTake } from '@studio/db';
import type { Services } from '../context.js';

export async function selectBeatTake(
  services: Pick<Services, 'db' | 'sessionState'>,
  input: { beatId: string; takeId: string },
): Promise<{ beatId: string; selectedTakeId: string }> {
  const beat = await selectTake(services.db, input);
  // The committed row first, so every browser shows the choice at once; and let it leave before
  // the read-back: queries to the embedded database never yield to the event loop, and the
  // event's write would wait, corked, until the whole mutation had run.
  services.sessionState.beatChanged(beat);
  await new Promise((resolve) => setImmediate(resolve));
  // Read back, not just the row: a new selection decides the beat's review and the session's.
  await services.sessionState.beatsChanged(beat.sessionId, [beat.id], { decided: true });
  return { beatId: beat.id, selectedTakeId: input.takeId };
}
