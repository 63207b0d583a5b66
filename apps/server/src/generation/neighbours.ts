/**
 * What the beats around a beat give its render: their text at its edges (continuity by text, and
 * the cache key) and their selected takes' requests (continuity by request id). One rule for
 * generation and the estimate, so both hash the same requests.
 */
import type { BeatContext, NeighbourTakes } from '@studio/audio';
import type { NeighbourBeat } from '@studio/db';

export interface Surroundings {
  context: BeatContext;
  neighbours: NeighbourTakes;
}

const requestsOf = (beat: NeighbourBeat) =>
  beat.continuity.map(({ requestId, voicedAt }) => ({ requestId, voicedAt }));

export function surroundings(
  previous: NeighbourBeat | null | undefined,
  next: NeighbourBeat | null | undefined,
): Surroundings {
  const previousText = previous?.parsed.segments.at(-1)?.text;
  const nextText = next?.parsed.segments[0]?.text;
  return {
    context: {
      ...(previousText === undefined ? {} : { previousText }),
      ...(nextText === undefined ? {} : { nextText }),
    },
    neighbours: {
      ...(previous ? { previous: requestsOf(previous) } : {}),
      ...(next ? { next: requestsOf(next) } : {}),
    },
  };
}
