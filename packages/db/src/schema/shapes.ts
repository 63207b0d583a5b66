import type { Pace } from '@studio/els';

/**
 * Shapes stored in jsonb columns. They mirror the contracts in docs/architecture.md; `db` and
 * `audio` never import each other, so both declare them and structural typing keeps them in step.
 */

/** eSpeak NG voice used when speaking offline (no ElevenLabs key). */
export interface LocalVoice {
  /** eSpeak NG variant name, e.g. `m3`, `f2`, `klatt`, `whisper`. */
  variant: string;
  /** eSpeak NG pitch, 0–99. */
  pitch: number;
}

/** Settings actually sent to the provider for one segment of a take. */
export interface SegmentSettings {
  character: string;
  voiceId: string;
  modelId: string;
  stability: number;
  similarityBoost: number;
  style: number;
  speed: number;
  text: string;
  /** Indexes into the beat's lines. */
  lines: number[];
}

/** Speech start/end of one beat line inside a take, pauses already inserted. */
export interface LineTiming {
  lineIndex: number;
  character: string;
  text: string;
  startMs: number;
  endMs: number;
  pauseAfterMs: number;
}

/** A failure worth showing to the user: a stable code plus a human message. */
export interface ErrorInfo {
  code: string;
  message: string;
}

/** What a reviewer asked to change for one generation; absent fields keep the script's values. */
export interface JobOverrides {
  direction?: string;
  pace?: Pace;
  stability?: number;
  style?: number;
  similarityBoost?: number;
}

export interface ExportOptions {
  /** Integrated loudness target in LUFS. */
  loudnessTarget?: number;
  /** Export even when some beats have no selected take. */
  partial?: boolean;
}

export interface ExportFile {
  name: string;
  bytes: number;
}
