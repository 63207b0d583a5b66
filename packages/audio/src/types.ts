/**
 * Shapes shared with other packages (docs/architecture.md): the field names are a contract with
 * the database rows and the server, keep them as they are.
 */

/** eSpeak NG voice used when speaking offline: variant name and pitch 0–99. */
export interface LocalVoice {
  variant: string;
  pitch: number;
}

/** A character's voice (db row ↔ audio input). */
export interface VoiceProfile {
  /** Canonical ELS character name, e.g. `every-coon`. */
  character: string;
  displayName: string;
  description: string;
  voiceId: string;
  modelId: string;
  stability: number;
  similarityBoost: number;
  style: number;
  speed: number;
  localVoice: LocalVoice;
}

/** The provider knobs one segment is voiced with. */
export interface VoiceSettings {
  stability: number;
  similarityBoost: number;
  style: number;
  speed: number;
}

/** Speech start/end of one beat line inside the take, after pauses were inserted. */
export interface LineTiming {
  lineIndex: number;
  character: string;
  text: string;
  startMs: number;
  endMs: number;
  pauseAfterMs: number;
}

/** What one segment of a take was voiced with (db `takes.settings`). */
export interface SegmentSettings {
  character: string;
  voiceId: string;
  modelId: string;
  stability: number;
  similarityBoost: number;
  style: number;
  speed: number;
  text: string;
  lines: number[];
}
