/**
 * What `generation.start` would spend: the characters of every segment it would send, minus
 * the segments the audio cache already holds (a cache hit is free), and the credits they cost.
 */
import { getSession } from '@studio/db';
import {
  RenderError,
  segmentHash,
  segmentRequests,
  speechCost,
  type ProviderName,
  type SegmentRequest,
  type SpeechRequest,
} from '@studio/audio';
import type { Beat } from '@studio/els';
import type { Services } from '../context.js';
import { renderProfiles } from '../generation/profiles.js';
import { QUEUED_BY_START } from '../generation/queue-work.js';

export interface Estimate {
  provider: ProviderName;
  beats: number;
  segments: number;
  cachedSegments: number;
  /** Characters that would be sent to the provider. */
  characters: number;
  /** ElevenLabs credits (`speechCost`: half on Flash/Turbo, rounded up); the local voice is free. */
  credits: number;
}

/** A beat whose character has no voice profile cannot be voiced: it costs nothing. */
function requestsOf(beat: Beat, profiles: Parameters<typeof segmentRequests>[1]): SegmentRequest[] {
  try {
    return segmentRequests(beat, profiles);
  } catch (error) {
    if (error instanceof RenderError && error.code === 'missing_profile') return [];
    throw error;
  }
}

export async function estimateGeneration(
  services: Pick<Services, 'db' | 'cache' | 'provider' | 'modelOverride'>,
  sessionId: string,
): Promise<Estimate> {
  const { provider, cache } = services;
  const session = await getSession(services.db, sessionId);
  const profiles = await renderProfiles(services);
  const beats = session.beats.filter((beat) => QUEUED_BY_START.includes(beat.status));
  let segments = 0;
  const uncached: SpeechRequest[] = [];
  for (const beat of beats) {
    for (const { request } of requestsOf(beat.parsed, profiles)) {
      segments++;
      if (!(await cache.has(segmentHash(provider, request)))) uncached.push(request);
    }
  }
  const { characters, credits } = speechCost(uncached, provider.name);
  return {
    provider: provider.name,
    beats: beats.length,
    segments,
    cachedSegments: segments - uncached.length,
    characters,
    credits,
  };
}
