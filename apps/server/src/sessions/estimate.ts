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
import { sessionListens } from '../qc/take-qc.js';

export interface Estimate {
  provider: ProviderName;
  beats: number;
  segments: number;
  cachedSegments: number;
  /** Characters that would be sent to the provider. */
  characters: number;
  /** ElevenLabs credits (`speechCost`: half on Flash/Turbo, rounded up); the local voice is free. */
  credits: number;
  qc: QcEstimate;
}

/** What take QC adds to the run. */
export interface QcEstimate {
  /** Takes are transcribed (speech recognition QC) for this session. */
  listening: boolean;
  /** Minutes of audio sent to speech to text (billed by audio time); 0 when not listening. */
  transcriptionMinutes: number;
  /** A beat whose first take fails QC is voiced once more. */
  autoRegenerate: boolean;
  /** At most this much more, if every beat's first take failed and was voiced again. */
  retryCharacters: number;
  retryCredits: number;
}

/**
 * Speech runs about 15 characters a second at a voice's natural speed (what the local voice and
 * ElevenLabs' voices average on the example scripts): enough to say what transcription costs.
 */
const CHARACTERS_PER_SECOND = 15;

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
  services: Pick<
    Services,
    'db' | 'cache' | 'provider' | 'modelOverride' | 'transcriber' | 'qcAutoRegenerate'
  >,
  sessionId: string,
): Promise<Estimate> {
  const { provider, cache } = services;
  const session = await getSession(services.db, sessionId);
  const profiles = await renderProfiles(services);
  const beats = session.beats.filter((beat) => QUEUED_BY_START.includes(beat.status));
  let segments = 0;
  const all: SpeechRequest[] = [];
  const uncached: SpeechRequest[] = [];
  for (const beat of beats) {
    for (const { request } of requestsOf(beat.parsed, profiles)) {
      segments++;
      all.push(request);
      if (!(await cache.has(segmentHash(provider, request)))) uncached.push(request);
    }
  }
  const { characters, credits } = speechCost(uncached, provider.name);
  const listening = await sessionListens(services, sessionId);
  // A retry never comes from the cache: a new performance of every segment of the beat.
  const retry = speechCost(all, provider.name);
  const spoken = all.reduce((n, request) => n + request.text.length, 0);
  return {
    provider: provider.name,
    beats: beats.length,
    segments,
    cachedSegments: segments - uncached.length,
    characters,
    credits,
    qc: {
      listening,
      transcriptionMinutes: listening
        ? Math.round((spoken / CHARACTERS_PER_SECOND / 60) * 10) / 10
        : 0,
      autoRegenerate: services.qcAutoRegenerate,
      retryCharacters: services.qcAutoRegenerate ? retry.characters : 0,
      retryCredits: services.qcAutoRegenerate ? retry.credits : 0,
    },
  };
}
