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
  type Pronunciation,
  type ProviderName,
  type SegmentRequest,
  type SpeechRequest,
} from '@studio/audio';
import type { Beat } from '@studio/els';
import type { Services } from '../context.js';
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
  pronunciation: Pronunciation | undefined,
): SegmentRequest[] {
  try {
    return segmentRequests(beat, profiles, undefined, pronunciation);
  } catch (error) {
    if (error instanceof RenderError && error.code === 'missing_profile') return [];
    throw error;
  }
}

export async function estimateGeneration(
  services: Pick<Services, 'db' | 'cache' | 'provider' | 'modelOverride' | 'account'>,
  sessionId: string,
): Promise<Estimate> {
  const { provider, cache } = services;
  const session = await getSession(services.db, sessionId);
  const profiles = await renderProfiles(services);
  const lexicon = await projectLexicon(services, session.project);
  const pronunciation = lexicon && { lexicon, provider: provider.name };
  await services.account.models().catch(() => []);
  const beats = session.beats.filter((beat) => QUEUED_BY_START.includes(beat.status));
  let segments = 0;
  const uncached: SpeechRequest[] = [];
  for (const beat of beats) {
    for (const { request } of requestsOf(beat.parsed, profiles, pronunciation)) {
      segments++;
      if (!(await cache.has(segmentHash(provider, request)))) uncached.push(request);
    }
  }
  const { characters, credits } = speechCost(uncached, provider.name, (model) =>
    services.account.rate(model),
  );
  const remaining = services.account.credits() ?? (await services.account.refreshCredits());
  return {
    provider: provider.name,
    beats: beats.length,
    segments,
    cachedSegments: segments - uncached.length,
    characters,
    credits,
    budgetCredits: session.budgetCredits,
    charactersSpent: session.charactersSpent,
    remainingCredits: remaining?.remaining ?? null,
  };
}
