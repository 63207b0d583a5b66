/**
 * Sessions stopped by an account-level provider error (auth, quota). The first such refusal
 * halts the session on the spot, before the request's slot goes to the next waiting request:
 * every later request of that session is refused with the same error instead of being sent.
 */
import { SpeechError, type SpeechErrorCode, type SpeechProvider } from '@studio/audio';

/** Failures of the account, not of a beat: the provider would refuse every other beat too. */
const SESSION_STOPPERS: ReadonlySet<SpeechErrorCode> = new Set(['auth', 'quota_exceeded']);

export const stopsSession = (error: unknown): error is SpeechError =>
  error instanceof SpeechError && SESSION_STOPPERS.has(error.code);

export interface SessionHalts {
  /** A new attempt (start, retry, regenerate) lifts the stop. */
  clear(sessionId: string): void;
  /** The provider for one session's job: refuses to send once the session is halted. */
  guard(provider: SpeechProvider, sessionId: string): SpeechProvider;
}

export function createSessionHalts(): SessionHalts {
  const halted = new Map<string, SpeechError>();
  return {
    clear: (sessionId) => void halted.delete(sessionId),
    guard: (provider, sessionId) => ({
      name: provider.name,
      cacheNamespace: provider.cacheNamespace,
      voiceKey: (request) => provider.voiceKey(request),
      async synthesize(request, options) {
        const stop = halted.get(sessionId);
        if (stop) throw new SpeechError(stop.code, stop.message);
        try {
          return await provider.synthesize(request, options);
        } catch (error) {
          if (stopsSession(error)) halted.set(sessionId, error);
          throw error;
        }
      },
    }),
  };
}
