/** @studio/audio/testing — the ElevenLabs stand-in and audio measurements, for tests and benches. */

export { startElevenLabsStandIn } from './elevenlabs-stand-in.js';
export type {
  ElevenLabsStandIn,
  HangMode,
  InjectedFailureStatus,
  StandInCounters,
  StandInOptions,
  StandInRequest,
  VoiceFault,
} from './elevenlabs-stand-in.js';
export { syntheticSpeech, SYNTHETIC_CHARACTER_MS } from './synthetic-speech.js';
export { seededRandom } from './seeded-random.js';
export { detectSilences, measureEbur128 } from '../ffmpeg/analyze.js';
export type { DetectSilenceOptions, LoudnessReport, Silence } from '../ffmpeg/analyze.js';
export { decodeToPcm } from '../ffmpeg/decode.js';
export type { AudioSource } from '../ffmpeg/audio-input.js';
