/** Every provider failure, as one typed error whose `code` decides what happens next. */
export type SpeechErrorCode =
  | 'auth'
  | 'quota_exceeded'
  | 'rate_limited'
  | 'voice_not_found'
  | 'invalid_request'
  | 'timeout'
  | 'server'
  | 'network';

export interface SpeechErrorDetails {
  status?: number;
  retryAfterMs?: number;
  /** The provider's own status slug, e.g. `too_many_concurrent_requests`. */
  providerStatus?: string;
  requestId?: string;
  cause?: unknown;
}

export class SpeechError extends Error {
  override readonly name = 'SpeechError';
  readonly code: SpeechErrorCode;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly providerStatus?: string;
  readonly requestId?: string;

  constructor(code: SpeechErrorCode, message: string, details: SpeechErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.providerStatus !== undefined) this.providerStatus = details.providerStatus;
    if (details.requestId !== undefined) this.requestId = details.requestId;
  }
}

export function isSpeechError(error: unknown): error is SpeechError {
  return error instanceof SpeechError;
}
