// The errors module alone: the SDK's entry point loads the whole API surface.
import { ElevenLabsError, ElevenLabsTimeoutError } from '@elevenlabs/elevenlabs-js/errors/index.js';
import { SpeechError, type SpeechErrorCode } from './speech-error.js';

/** `{"detail":{"status":"quota_exceeded",…}}` → `quota_exceeded`; validation errors have a list. */
function providerStatus(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const detail = (body as { detail?: unknown }).detail;
  if (typeof detail !== 'object' || detail === null) return undefined;
  const status = (detail as { status?: unknown }).status;
  return typeof status === 'string' ? status : undefined;
}

/** `retry-after` is seconds or an HTTP date. */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function codeFor(status: number, slug: string | undefined): SpeechErrorCode {
  if (slug === 'quota_exceeded') return 'quota_exceeded';
  if (slug === 'too_many_concurrent_requests' || slug === 'system_busy') return 'rate_limited';
  if (slug === 'voice_not_found') return 'voice_not_found';
  if (status === 401 || status === 403) return 'auth';
  if (status === 402) return 'quota_exceeded';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'invalid_request';
}

/** Maps whatever the SDK threw to a `SpeechError`; anything unrecognised is a network failure. */
export function toSpeechError(error: unknown): SpeechError {
  if (error instanceof SpeechError) return error;
  if (
    error instanceof ElevenLabsTimeoutError ||
    (error instanceof ElevenLabsError &&
      error.statusCode === undefined &&
      /timeout/i.test(error.message))
  ) {
    return new SpeechError('timeout', 'The text-to-speech request timed out', { cause: error });
  }
  if (error instanceof ElevenLabsError && error.statusCode !== undefined) {
    const slug = providerStatus(error.body);
    const headers = error.rawResponse?.headers;
    const retryAfterMs = parseRetryAfter(headers?.get('retry-after'));
    const requestId = headers?.get('request-id') ?? headers?.get('x-request-id') ?? undefined;
    return new SpeechError(
      codeFor(error.statusCode, slug),
      `ElevenLabs answered ${error.statusCode}${slug ? ` (${slug})` : ''}`,
      {
        status: error.statusCode,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        ...(slug === undefined ? {} : { providerStatus: slug }),
        ...(requestId === undefined ? {} : { requestId }),
        cause: error,
      },
    );
  }
  return new SpeechError('network', 'Could not reach the text-to-speech service', { cause: error });
}
