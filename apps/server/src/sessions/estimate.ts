/**
 * What `generation.start` would spend: the characters of every segment it would send, minus
 * the segments the audio cache already holds (a cache hit is free), and the credits they cost.
 */
import { getSession } from '@studio/db';
import {
  mergeSettings,
  segmentCacheKey,
  segmentHash,
  type SpeechRequest,
  type VoiceProfile,
} from '@studio/audio';
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

/** The requests `renderTake` sends for a beat without overrides (what `generation.start` queues). */
function segmentRequests(beat: Beat, profiles: Record<string, VoiceProfile>): SpeechRequest[] {
  return beat.segments.flatMap((segment, index) => {
    const profile = profiles[segment.character];
    if (!profile) return [];
    const previousText = beat.segments[index - 1]?.text;
    const nextText = beat.segments[index + 1]?.text;
    return [
      {
        text: segment.text,
        voiceId: profile.voiceId,
        modelId: profile.modelId,
        settings: mergeSettings(profile, segment).settings,
        localVoice: profile.localVoice,
        lines: segment.lines.map((line) => beat.lines[line]?.text ?? ''),
        ...(previousText === undefined ? {} : { previousText }),
        ...(nextText === undefined ? {} : { nextText }),
      },
    ];
  });
}

const creditsPerCharacter = (modelId: string) => (/flash|turbo/.test(modelId) ? 0.5 : 1);

export async function estimateGeneration(
  services: Pick<Services, 'db' | 'storage' | 'provider' | 'modelOverride'>,
  sessionId: string,
): Promise<Estimate> {
  const { provider, storage } = services;
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
    for (const request of segmentRequests(beat.parsed, profiles)) {
      estimate.segments++;
      // The metadata file is written last: its presence means the cached entry is whole.
      if (await storage.stat(segmentCacheKey(segmentHash(provider, request), 'json'))) {
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
