import type { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';

export interface ElevenLabsClientOptions {
  apiKey: string;
  /** Another API host, e.g. the loopback stand-in in tests. */
  baseUrl?: string | undefined;
  timeoutInSeconds: number;
}

/**
 * The SDK client, built on first use: the SDK loads ~5,000 modules (~100 MB) at import, so only
 * a studio that speaks to ElevenLabs pays for it. No SDK retries: ours are the only ones.
 */
export function lazyElevenLabsClient(
  options: ElevenLabsClientOptions,
): () => Promise<ElevenLabsClient> {
  const { apiKey, baseUrl, timeoutInSeconds } = options;
  let client: Promise<ElevenLabsClient> | undefined;
  return () =>
    (client ??= import('@elevenlabs/elevenlabs-js').then(
      ({ ElevenLabsClient }) =>
        new ElevenLabsClient({
          apiKey,
          ...(baseUrl === undefined ? {} : { baseUrl }),
          maxRetries: 0,
          timeoutInSeconds,
        }),
    ));
}
