import type { Beat } from '@studio/els';
import type { Lexicon } from '../lexicon/lexicon.js';
import { modelCapabilities, snapStability, type ProviderName } from '../provider-facts.js';
import type { SpeechRequest } from '../providers/speech-provider.js';
import type { VoiceProfile } from '../types.js';
import { mergeSettings, type SpeedClampedWarning, type TakeOverrides } from './merge-settings.js';
import { pronounce } from './pronounce.js';
import { RenderError } from './render-error.js';

/** The model distinguishes fewer stabilities than were asked for: the one it is sent instead. */
export interface StabilitySnappedWarning {
  code: 'stability_snapped';
  requested: number;
  applied: number;
}

export type SegmentWarning = SpeedClampedWarning | StabilitySnappedWarning;

export interface SegmentRequest {
  /** What the provider is sent for the segment (no seed: the caller adds one to regenerate). */
  request: SpeechRequest;
  profile: VoiceProfile;
  /** Each line as it is sent: with its audio tags where the model acts on them. */
  sentLines: string[];
  warnings: SegmentWarning[];
}

/** The neighbouring beats' text at this beat's edges, so prosody carries across beats. */
export interface BeatContext {
  /** The previous beat's last segment. */
  previousText?: string;
  /** The next beat's first segment. */
  nextText?: string;
}

export interface SegmentRequestOptions {
  overrides?: TakeOverrides;
  /** Who voices the beat: the local voice is never sent audio tags. Default `elevenlabs`. */
  provider?: ProviderName;
  context?: BeatContext;
  /** The project's lexicon, applied as this provider takes it (`pronounce`). */
  lexicon?: Lexicon;
}

/**
 * The provider requests that voice a beat, one per segment: merged settings (stability snapped
 * to the model's modes), the text as the model takes it (tagged only where it acts on tags), the
 * neighbouring segments' text as stitching context, the lexicon applied. Shared by `renderTake` and by cost
 * estimates, so an estimate hashes exactly what a render would send.
 */
export function segmentRequests(
  beat: Beat,
  profiles: Readonly<Record<string, VoiceProfile>>,
  options: SegmentRequestOptions = {},
): SegmentRequest[] {
  const missing = [...new Set(beat.segments.map((s) => s.character))].filter((c) => !profiles[c]);
  if (missing.length > 0) {
    throw new RenderError('missing_profile', `No voice profile for ${missing.join(', ')}`, missing);
  }
  const provider = options.provider ?? 'elevenlabs';
  const tagged = (modelId: string) =>
    provider === 'elevenlabs' && modelCapabilities(modelId).audioTags;
  return beat.segments.map((segment, index) => {
    const profile = profiles[segment.character] as VoiceProfile;
    const merged = mergeSettings(profile, segment, options.overrides);
    const warnings: SegmentWarning[] = [...merged.warnings];
    const requested = merged.settings.stability;
    const stability =
      provider === 'elevenlabs' ? snapStability(profile.modelId, requested) : requested;
    if (stability !== requested)
      warnings.push({ code: 'stability_snapped', requested, applied: stability });
    const withTags = tagged(profile.modelId);
    const previousText = beat.segments[index - 1]?.text ?? options.context?.previousText;
    const nextText = beat.segments[index + 1]?.text ?? options.context?.nextText;
    const lines = segment.lines.map((lineIndex) => {
      const line = beat.lines[lineIndex];
      if (!line) throw new RenderError('invalid_beat', `Beat ${beat.id} has no line ${lineIndex}`);
      return line;
    });
    const request: SpeechRequest = {
      text: withTags ? segment.taggedText : segment.text,
      voiceId: profile.voiceId,
      modelId: profile.modelId,
      settings: { ...merged.settings, stability },
      localVoice: profile.localVoice,
      // Each line as it is sent, so the take finds it in the alignment (only the local voice reads them).
      lines: lines.map((line) => (withTags ? line.taggedText : line.text)),
      ...(previousText === undefined ? {} : { previousText }),
      ...(nextText === undefined ? {} : { nextText }),
    };
    const pronounced = pronounce(request, options.lexicon, provider);
    return {
      request: pronounced,
      profile,
      sentLines: pronounced.lines ?? [],
      warnings,
    };
  });
}
