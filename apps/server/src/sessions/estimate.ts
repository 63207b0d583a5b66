/**
 * What `generation.start` would spend: the characters of every segment it would send, minus
 * the segments the audio cache already holds (a cache hit is free), and the credits they cost.
 */
import { getSession, type BeatWithTakes, type NeighbourBeat } from '@studio/db';
import {
  planPerformances,
  RenderError,
  segmentHash,
  segmentRequests,
  speechCost,
  type ProviderName,
  type SegmentRequest,
  type SegmentRequestOptions,
  type SpeechRequest,
} from '@studio/audio';
import type { Beat } from '@studio/els';
import type { Services } from '../context.js';
import { surroundings } from '../generation/neighbours.js';
import { renderProfiles } from '../generation/profiles.js';
import { QUEUED_BY_START } from '../generation/queue-work.js';
import { projectLexicon } from '../lexicon/project-lexicon.js';

export interface Estimate {
  provider: ProviderName;
  beats: number;
  segments: number;
  cachedSegments: number;
  /** Characters that would be sent to the provider. */
  characters: number;
  /** ElevenLabs credits at the models' live prices, rounded up; the local voice is free. */
  credits: number;
  /** The session's budget, and what it has spent of it. */
  budgetCredits: number | null;
  charactersSpent: number;
  /** The subscription's remaining credits, when known: a larger estimate will not be voiced. */
  remainingCredits: number | null;
}

/** A beat whose character has no voice profile cannot be voiced: it costs nothing. */
function requestsOf(
  beat: Beat,
  profiles: Parameters<typeof segmentRequests>[1],
  options: SegmentRequestOptions,
): SegmentRequest[] {
  try {
    return segmentRequests(beat, profiles, options);
  } catch (error) {
    if (error instanceof RenderError && error.code === 'missing_profile') return [];
    throw error;
  }
}

const neighbourOf = (beat: BeatWithTakes | undefined): NeighbourBeat | null => {
  if (!beat) return null;
  const selected = beat.takes.find((take) => take.id === beat.selectedTakeId);
  return { parsed: beat.parsed, continuity: selected?.continuity ?? [] };
};

export async function estimateGeneration(
  services: Pick<Services, 'db' | 'cache' | 'provider' | 'modelOverride' | 'account'>,
  sessionId: string,
): Promise<Estimate> {
  const { provider, cache } = services;
  const session = await getSession(services.db, sessionId);
  const profiles = await renderProfiles(services);
  let beats = 0;
  const lexicon = await projectLexicon(services, session.project);
  await services.account.models().catch(() => []);
  let segments = 0;
  let cachedSegments = 0;
  const uncached: SpeechRequest[] = [];
  for (const [index, beat] of session.beats.entries()) {
    if (!QUEUED_BY_START.includes(beat.status)) continue;
    beats++;
    // The same requests a render sends: the neighbours' text and the session's dialogue choice.
    const { context } = surroundings(
      neighbourOf(session.beats[index - 1]),
      neighbourOf(session.beats[index + 1]),
    );
    const planned = requestsOf(beat.parsed, profiles, {
      context,
      provider: provider.name,
      ...(lexicon ? { lexicon } : {}),
    });
    for (const performance of planPerformances(planned, session.dialogueMode, provider.name)) {
      segments += performance.segments.length;
      if (await cache.has(segmentHash(provider, performance.request))) {
        cachedSegments += performance.segments.length;
      } else uncached.push(performance.request);
    }
  }
  const { characters, credits } = speechCost(uncached, provider.name, (model) =>
    services.account.rate(model),
  );
  const remaining = services.account.credits() ?? (await services.account.refreshCredits());
  return {
    provider: provider.name,
    beats,
    segments,
    cachedSegments,
    characters,
    credits,
    budgetCredits: session.budgetCredits,
    charactersSpent: session.charactersSpent,
    remainingCredits: remaining?.remaining ?? null,
  };
}
