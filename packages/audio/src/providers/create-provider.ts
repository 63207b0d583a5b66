import { createElevenLabsProvider, type ElevenLabsProviderOptions } from './elevenlabs.js';
import { createLocalEspeakProvider, type LocalEspeakOptions } from './local-espeak.js';
import type { SpeechProvider } from './speech-provider.js';
import { withRetries, type WithRetriesOptions } from './with-retries.js';

export interface SpeechProviderConfig extends Omit<ElevenLabsProviderOptions, 'apiKey'> {
  /** No key: the offline voice. */
  apiKey?: string | null;
  retry?: WithRetriesOptions;
  local?: LocalEspeakOptions;
}

/** ElevenLabs behind our retry policy when there is an API key, else the local voice. */
export function createSpeechProvider(config: SpeechProviderConfig = {}): SpeechProvider {
  const { apiKey, retry, local, ...elevenlabs } = config;
  if (!apiKey) return createLocalEspeakProvider(local);
  return withRetries(createElevenLabsProvider({ ...elevenlabs, apiKey }), retry);
}
