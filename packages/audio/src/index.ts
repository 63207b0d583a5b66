/** @studio/audio — voicing beats into takes, exact pauses, storage, cache and export. */

export type {
  LineTiming,
  LocalVoice,
  SegmentSettings,
  VoiceProfile,
  VoiceSettings,
} from './types.js';

export type {
  Alignment,
  SpeechProvider,
  SpeechRequest,
  SpeechResult,
  SynthesizeOptions,
} from './providers/speech-provider.js';
export { SpeechError, isSpeechError } from './providers/speech-error.js';
export type { SpeechErrorCode, SpeechErrorDetails } from './providers/speech-error.js';
export { retryPolicy, DEFAULT_MAX_ATTEMPTS } from './providers/retry-policy.js';
export type { RetryDecision, RetryPolicyOptions } from './providers/retry-policy.js';
export { withRetries } from './providers/with-retries.js';
export type { WithRetriesOptions } from './providers/with-retries.js';
export { createElevenLabsProvider } from './providers/elevenlabs.js';
export type { ElevenLabsProviderOptions, PcmOutputFormat } from './providers/elevenlabs.js';
export { createLocalEspeakProvider } from './providers/local-espeak.js';
export type { LocalEspeakOptions } from './providers/local-espeak.js';
export { createSpeechProvider } from './providers/create-provider.js';
export type { SpeechProviderConfig } from './providers/create-provider.js';
export {
  characterLimit,
  creditsPerCharacter,
  DEFAULT_MODEL_ID,
  ELEVENLABS_MODELS,
  LOUDNESS_PRESETS,
  LOUDNESS_TARGETS,
  MAX_SPEED,
  MIN_SPEED,
  PROVIDER_NAMES,
  speechCost,
  supportsRequestStitching,
  UNIT_RANGE,
  VOICE_SETTING_RANGES,
} from './provider-facts.js';
export type {
  ElevenLabsModel,
  LoudnessTarget,
  ProviderName,
  SpeechCost,
  SpokenSegment,
} from './provider-facts.js';
export { loudnessSchema, speedSchema, unitSchema } from './provider-schemas.js';

export { mergeSettings } from './render/merge-settings.js';
export type { SpeedClampedWarning, TakeOverrides } from './render/merge-settings.js';
export { renderTake } from './render/render-take.js';
export { segmentRequests } from './render/segment-requests.js';
export type { SegmentRequest } from './render/segment-requests.js';
export type {
  RenderTakeInput,
  RenderedTake,
  RenderWarning,
  TakeColumns,
} from './render/render-take.js';
export { RenderError } from './render/render-error.js';
export type { RenderErrorCode } from './render/render-error.js';

export { createSegmentCache, segmentHash } from './cache/segment-cache.js';
export type { SegmentCache } from './cache/segment-cache.js';

export { StorageError } from './storage/storage.js';
export type { Storage, StorageErrorCode, StoredObject } from './storage/storage.js';
export { createLocalStorage } from './storage/local-storage.js';
export type { LocalStorageOptions } from './storage/local-storage.js';
export {
  assertValidKey,
  exportStorageKey,
  exportStoragePrefix,
  isValidKey,
  segmentCacheKey,
  takeStorageKey,
} from './storage/keys.js';

export { exportTakes, MASTER_FILE } from './export/export-takes.js';
export type {
  ExportBeat,
  ExportInput,
  ExportOptions,
  ExportProgress,
  ExportResult,
  ExportTake,
  ExportedFile,
} from './export/export-takes.js';
export { ExportError } from './export/export-error.js';
export type { BeatRef, ExportErrorCode } from './export/export-error.js';
export type { Manifest, ManifestBeat } from './export/manifest.js';

export { ffmpegProcessCount, resolveFfmpegPath, FfmpegError } from './ffmpeg/run-ffmpeg.js';
export type { FfmpegOptions } from './ffmpeg/run-ffmpeg.js';
export { encodeMp3, MP3_SAMPLE_RATE, DEFAULT_BITRATE_KBPS } from './mp3/encode-mp3.js';
export type { EncodeMp3Options, Mp3Bitrate } from './mp3/encode-mp3.js';
