/** @studio/audio — voicing beats into takes, exact pauses, storage, cache and export. */

export type {
  ContinuityMode,
  LineTiming,
  LocalVoice,
  SegmentContinuity,
  SegmentSettings,
  VoiceProfile,
  VoiceSettings,
} from './types.js';

export type {
  Alignment,
  Continuity,
  DialogueTurn,
  SpeechProvider,
  SpeechRequest,
  SpeechResult,
  SynthesizeOptions,
  TurnSpan,
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
export { createElevenLabsAccount } from './providers/elevenlabs-account.js';
export type {
  Credits,
  ElevenLabsAccount,
  ElevenLabsAccountOptions,
  LibraryVoice,
  ModelInfo,
  VoicePage,
  VoiceSearch,
} from './providers/elevenlabs-account.js';
export {
  containsEntry,
  entriesIn,
  espeakPhonemes,
  espeakText,
  MAX_DICTIONARY_LOCATORS,
  PHONETIC_ALPHABETS,
  substituteAliases,
} from './lexicon/lexicon.js';
export type {
  DictionaryLocator,
  Lexicon,
  LexiconEntry,
  PhoneticAlphabet,
} from './lexicon/lexicon.js';
export { pronounce } from './render/pronounce.js';
export type { SpeechProviderConfig } from './providers/create-provider.js';
export {
  characterLimit,
  CONTINUITY_REQUEST_ID_MAX_AGE_MS,
  creditsPerCharacter,
  DEFAULT_DIALOGUE_MODE,
  DEFAULT_MODEL_ID,
  DIALOGUE_CHARACTER_LIMIT,
  DIALOGUE_MAX_VOICES,
  DIALOGUE_MODES,
  ELEVENLABS_MODELS,
  LOUDNESS_PRESETS,
  LOUDNESS_TARGETS,
  MAX_CONTINUITY_REQUEST_IDS,
  MAX_SPEED,
  MIN_SPEED,
  modelCapabilities,
  PROVIDER_NAMES,
  snapStability,
  speechCost,
  supportsPhonemes,
  supportsRequestStitching,
  UNIT_RANGE,
  VOICE_SETTING_RANGES,
} from './provider-facts.js';
export type {
  DialogueMode,
  ElevenLabsModel,
  ModelCapabilities,
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
export type {
  BeatContext,
  SegmentRequest,
  SegmentRequestOptions,
  SegmentWarning,
  StabilitySnappedWarning,
} from './render/segment-requests.js';
export { planPerformances } from './render/performances.js';
export type { Performance } from './render/performances.js';
export type { NeighbourTakes, VoicedRequest } from './render/continuity.js';
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
export { formatTakeTime, NOTES_FILE, toNotesReport } from './export/review-notes.js';
export type { ExportNote, ReviewedBeat, TakeReviewRecord } from './export/review-notes.js';

export { ffmpegProcessCount, resolveFfmpegPath, FfmpegError } from './ffmpeg/run-ffmpeg.js';
export type { FfmpegOptions } from './ffmpeg/run-ffmpeg.js';
export {
  compileMp3Module,
  encodeMp3,
  sharedMp3Encoder,
  MP3_SAMPLE_RATE,
  DEFAULT_BITRATE_KBPS,
} from './mp3/encode-mp3.js';
export { createMp3EncoderPool, Mp3EncoderError } from './mp3/mp3-encoder-pool.js';
export type { Mp3Encoder, Mp3EncoderPoolOptions, Mp3Encoding } from './mp3/mp3-encoder-pool.js';
export type { EncodeMp3Options, Mp3Bitrate, Mp3Module } from './mp3/encode-mp3.js';
export { decodeToPcm } from './ffmpeg/decode.js';

export { QC_CODES, QC_SEVERITIES, QC_STATUSES, qcStatusOf } from './qc/qc-result.js';
export type {
  QcCode,
  QcFlag,
  QcResult,
  QcSeverity,
  QcStats,
  QcStatus,
  QcWord,
} from './qc/qc-result.js';
export { QC_THRESHOLDS } from './qc/thresholds.js';
export { signalChecks } from './qc/signal-checks.js';
export type { SegmentEnd, SignalCheckInput, SignalCheckResult } from './qc/signal-checks.js';
export { sessionChecks } from './qc/session-checks.js';
export type { QcNorm, SessionCheckInput, SessionNorms } from './qc/session-checks.js';
export { checkTranscript } from './qc/transcript-check.js';
export type { HeardWord, TranscriptCheck } from './qc/transcript-check.js';
export { spokenWords } from './qc/spoken-words.js';
export { listenToTake } from './qc/listen.js';
export type { Listening } from './qc/listen.js';
export { LISTENING_CODES, SESSION_CODES, takeQc, updateQc } from './qc/take-qc.js';
export type { Transcript, Transcriber } from './qc/transcriber.js';
export {
  createElevenLabsTranscriber,
  DEFAULT_TRANSCRIPTION_MODEL,
} from './providers/elevenlabs-transcriber.js';
export type { ElevenLabsTranscriberOptions } from './providers/elevenlabs-transcriber.js';
