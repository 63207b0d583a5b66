import type { Beat } from '@studio/els';
import type { Lexicon } from '../lexicon/lexicon.js';
import type { ProviderName } from '../provider-facts.js';
import type { SpeechRequest } from '../providers/speech-provider.js';
import type { VoiceProfile } from '../types.js';
import { mergeSettings, type SpeedClampedWarning, type TakeOverrides } from './merge-settings.js';
import { pronounce } from './pronounce.js';
import { RenderError } from './render-error.js';

export interface SegmentRequest {
  /** What the provider is sent for the segment (no seed: the caller adds one to regenerate). */
  request: SpeechRequest;
  profile: VoiceProfile;
  warnings: SpeedClampedWarning[];
}

/** The project's lexicon, applied as this provider takes it (`pronounce`). */
export interface Pronunciation {
  lexicon: Lexicon;
  provider: ProviderName;
}

/**
 * The provider requests that voice a beat, one per segment: merged settings, the neighbouring
 * segments' text as stitching context, the lexicon applied. Shared by `renderTake` and by cost
 * estimates, so an estimate hashes exactly what a render would send.
 */
export function segmentRequests(
  beat: Beat,
  profiles: Readonly<Record<string, VoiceProfile>>,
  overrides?: TakeOverrides,
  pronunciation?: Pronunciation,
): SegmentRequest[] {
  const missing = [...new Set(beat.segments.map((s) => s.character))].filter((c) => !profiles[c]);
  if (missing.length > 0) {
    throw new RenderError('missing_profile', `No voice profile for ${missing.join(', ')}`, missing);
  }
  return beat.segments.map((segment, index) => {
    const profile = profiles[segment.character] as VoiceProfile;
    const merged = mergeSettings(profile, segment, overrides);
    const previousText = beat.segments[index - 1]?.text;
    const nextText = beat.segments[index + 1]?.text;
    const lines = segment.lines.map((lineIndex) => {
      const line = beat.lines[lineIndex];
      if (!line) throw new RenderError('invalid_beat', `Beat ${beat.id} has no line ${lineIndex}`);
      return line.text;
    });
    const request: SpeechRequest = {
      text: segment.text,
      voiceId: profile.voiceId,
      modelId: profile.modelId,
      settings: merged.settings,
      localVoice: profile.localVoice,
      lines,
      ...(previousText === undefined ? {} : { previousText }),
      ...(nextText === undefined ? {} : { nextText }),
    };
    return {
      request: pronunciation
        ? pronounce(request, pronunciation.lexicon, pronunciation.provider)
        : request,
      profile,
      warnings: merged.warnings,
    };
  });
}
