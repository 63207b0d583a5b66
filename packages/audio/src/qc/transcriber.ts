import type { HeardWord } from './transcript-check.js';

export interface Transcript {
  text: string;
  /** Spoken words only (no spacing or audio events), times from the start of the audio. */
  words: HeardWord[];
}

/** Speech recognition, behind the one interface the listening check needs. */
export interface Transcriber {
  /** Recorded with the result (e.g. `scribe_v1`). */
  readonly modelId: string;
  transcribe(
    audio: { pcm: Int16Array; sampleRate: number },
    options?: { signal?: AbortSignal },
  ): Promise<Transcript>;
}
