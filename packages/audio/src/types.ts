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
  /** The stability asked for, when the model's modes snapped it to `stability` (eleven_v3). */
  requestedStability?: number;
  similarityBoost: number;
  style: number;
  speed: number;
  text: string;
  lines: number[];
}

/** How a segment was tied to its neighbours on one side (`previous_request_ids`, `previous_text`…). */
export type ContinuityMode = 'request_ids' | 'text' | 'none';

/** How one segment of a take was requested (db `takes.continuity`). */
export interface SegmentContinuity {
  /** The provider's id of the request that voiced it (shared by a dialogue's segments). */
  requestId: string | null;
  /** When that audio was made (ms since the epoch, 0 unknown): ids past two hours are unusable. */
  voicedAt: number;
  previous: ContinuityMode;
  next: ContinuityMode;
  /** Voiced in one text-to-dialogue request together with the beat's other voices. */
  dialogue: boolean;
}
