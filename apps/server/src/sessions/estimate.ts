/**
 * What `generation.start` would spend: the characters of every segment it would send, minus
 * the segments the audio cache already holds (a cache hit is free), and the credits they cost.
 */
import { beatsToVoice, getSessionRow } from '@studio/db';
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
import { sessionListens } from '../qc/take-qc.js';

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

export async function estimateGeneration(
  services: Pick<
    Services,
    'db' | 'cache' | 'provider' | 'modelOverride' | 'account' | 'transcriber' | 'qcAutoRegenerate'
  >,
  sessionId: string,
): Promise<Estimate> {
  const { provider, cache } = services;
  const session = await getSessionRow(services.db, sessionId);
  const profiles = await renderProfiles(services);
  const lexicon = await projectLexicon(services, session.project);
  await services.account.models().catch(() => []);
  let segments = 0;
  let cachedSegments = 0;
  const all: SpeechRequest[] = [];
  const uncached: SpeechRequest[] = [];
  const queued = await beatsToVoice(services.db, sessionId, QUEUED_BY_START);
  for (const { beat, previous, next } of queued) {
    // The same requests a render sends: the neighbours' text and the session's dialogue choice.
    const { context } = surroundings(previous, next);
    const planned = requestsOf(beat.parsed, profiles, {
      context,
      provider: provider.name,
      ...(lexicon ? { lexicon } : {}),
    });
    for (const performance of planPerformances(planned, session.dialogueMode, provider.name)) {
      segments += performance.segments.length;
      all.push(performance.request);
      if (await cache.has(segmentHash(provider, performance.request))) {
        cachedSegments += performance.segments.length;
      } else uncached.push(performance.request);
    }
  }
  const rate = (model: string | null | undefined) => services.account.rate(model);
  const { characters, credits } = speechCost(uncached, provider.name, rate);
  const remaining = services.account.credits() ?? (await services.account.refreshCredits());
  const listening = await sessionListens(services, sessionId);
  // A retry never comes from the cache: a new performance of every segment of the beat.
  const retry = speechCost(all, provider.name, rate);
  const spoken = all.reduce((n, request) => n + request.text.length, 0);
  return {
    provider: provider.name,
    beats: queued.length,
    segments,
    cachedSegments,
    characters,
    credits,
    budgetCredits: session.budgetCredits,
    charactersSpent: session.charactersSpent,
    remainingCredits: remaining?.remaining ?? null,
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
