import type { LineTiming } from '../types.js';
import type { QcFlag } from './qc-result.js';
import type { Transcriber } from './transcriber.js';
import { checkTranscript } from './transcript-check.js';

export type Listening =
  | { checked: true; flags: QcFlag[]; wordErrorRate: number; transcript: string }
  | { checked: false; reason: string };

/**
 * Transcribes the take and compares it with its lines. A transcription that fails never fails
 * the take: the result says why it was not checked, and the check can run again later.
 */
export async function listenToTake(
  transcriber: Transcriber,
  audio: { pcm: Int16Array; sampleRate: number },
  timings: readonly LineTiming[],
  signal?: AbortSignal,
): Promise<Listening> {
  try {
    const transcript = await transcriber.transcribe(audio, { signal });
    const { flags, wordErrorRate } = checkTranscript(timings, transcript.words);
    return { checked: true, flags, wordErrorRate, transcript: transcript.text };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    return {
      checked: false,
      reason: `speech recognition failed${typeof code === 'string' ? ` (${code})` : ''}: ${message}`,
    };
  }
}
