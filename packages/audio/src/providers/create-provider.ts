import { createElevenLabsProvider, type ElevenLabsProviderOptions } from './elevenlabs.js';
import { createLocalEspeakProvider, type LocalEspeakOptions } from './local-espeak.js';
import type { SpeechProvider } from './speech-provider.js';

export interface SpeechProviderConfig extends Omit<ElevenLabsProviderOptions, 'apiKey'> {
  /** No key: the offline voice. */
  apiKey?: string | null;
  local?: LocalEspeakOptions;
}

/**
 * ElevenLabs when there is an API key, else the local voice. Bare: the caller wraps it in
 * `withRetries`, outside whatever else it adds (a concurrency gate), so a request waiting out its
 * back-off holds nothing.
 */
export function createSpeechProvider(config: SpeechProviderConfig = {}): SpeechProvider {
  const { apiKey, local, ...elevenlabs } = config;
  if (!apiKey) return createLocalEspeakProvider(local);
  return createElevenLabsProvider({ ...elevenlabs, apiKey });
}
