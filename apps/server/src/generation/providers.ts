/**
 * The speech providers, built here and nowhere else: the bare provider of the configuration, once
 * per process, and the provider one piece of work (a beat's job, a voice preview) speaks through.
 */
import {
  createElevenLabsTranscriber,
  createSpeechProvider,
  withRetries,
  type SpeechProvider,
  type Transcriber,
} from '@studio/audio';
import type { Services } from '../context.js';
import type { ProviderConfig, QcConfig } from '../env.js';
import type { Logger } from '../logger.js';

export function createProvider(config: ProviderConfig): SpeechProvider {
  return config.kind === 'elevenlabs'
    ? createSpeechProvider({
        apiKey: config.apiKey,
        ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
      })
    : createSpeechProvider();
}

/** Speech recognition for take QC, when the studio has an ElevenLabs key and listening is on. */
export function createTranscriber(config: QcConfig): Transcriber | null {
  const { listening } = config;
  if (!listening) return null;
  return createElevenLabsTranscriber({
    apiKey: listening.apiKey,
    ...(listening.baseUrl ? { baseUrl: listening.baseUrl } : {}),
  });
}

/**
 * A halted session's requests refused before they are sent, a job's requests held to its
 * session's credit budget, every request held to the
 * process-wide gate, and our retries outside the gate: a request waiting out its back-off leaves
 * its slot to others.
 */
export function providerFor(
  services: Pick<Services, 'provider' | 'gate' | 'halts' | 'budgets'>,
  work: { log: Logger; sessionId?: string; jobId?: string },
): SpeechProvider {
  const { provider, gate, halts, budgets } = services;
  const { sessionId, jobId } = work;
  // The budget is checked inside the gate, once the request has its slot: the requests before
  // it have been billed by then.
  const priced =
    sessionId !== undefined && jobId !== undefined
      ? budgets.guard(provider, { sessionId, jobId })
      : provider;
  const guarded = sessionId === undefined ? priced : halts.guard(priced, sessionId);
  return withRetries(gate(guarded), {
    onRetry: ({ error, attempt, delayMs }) =>
      work.log.warn(
        { code: error.code, status: error.status, attempt, delayMs },
        'speech request failed, retrying',
      ),
  });
}
