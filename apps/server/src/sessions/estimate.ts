/**
 * What `generation.start` would spend: the characters of every segment it would send, minus
 * the segments the audio cache already holds (a cache hit is free), and the credits they cost.
 */
import { getSession } from '@studio/db';
import { RenderError, segmentHash, segmentRequests, type SegmentRequest } from '@studio/audio';
import type { Beat } from '@studio/els';
import type { Services } from '../context.js';
import { renderProfiles } from '../generation/profiles.js';
import { QUEUED_BY_START } from '../generation/queue-work.js';

export interface Estimate {
  provider: string;
  beats: number;
  segments: number;
  cachedSegments: number;
  /** Characters that would be sent to the provider. */
  characters: number;
  /** ElevenLabs credits: one per character, half on Flash/Turbo models; the local voice is free. */
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

const creditsPerCharacter = (modelId: string) => (/flash|turbo/.test(modelId) ? 0.5 : 1);

export async function estimateGeneration(
  services: Pick<Services, 'db' | 'cache' | 'provider' | 'modelOverride'>,
  sessionId: string,
): Promise<Estimate> {
  const { provider, cache } = services;
  const session = await getSession(services.db, sessionId);
  const profiles = await renderProfiles(services);
  const beats = session.beats.filter((beat) => QUEUED_BY_START.includes(beat.status));
  const estimate: Estimate = {
    provider: provider.name,
    beats: beats.length,
    segments: 0,
    cachedSegments: 0,
    characters: 0,
    credits: 0,
  };
  for (const beat of beats) {
    for (const { request } of requestsOf(beat.parsed, profiles)) {
      estimate.segments++;
      if (await cache.has(segmentHash(provider, request))) {
        estimate.cachedSegments++;
        continue;
      }
      estimate.characters += request.text.length;
      if (provider.name === 'elevenlabs') {
        estimate.credits += request.text.length * creditsPerCharacter(request.modelId);
      }
    }
  }
  return estimate;
}
