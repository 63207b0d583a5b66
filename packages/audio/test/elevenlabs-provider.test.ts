import { ElevenLabsError, ElevenLabsTimeoutError } from '@elevenlabs/elevenlabs-js';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createElevenLabsProvider,
  retryPolicy,
  SpeechError,
  withRetries,
  type ElevenLabsProviderOptions,
  type PcmOutputFormat,
  type SpeechRequest,
} from '../src/index.js';
import { toSpeechError } from '../src/providers/elevenlabs-errors.js';
import {
  startElevenLabsStandIn,
  type ElevenLabsStandIn,
  type StandInOptions,
} from '../src/testing/index.js';

let standIn: ElevenLabsStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function setup(
  options: StandInOptions = {},
  providerOptions: Pick<ElevenLabsProviderOptions, 'firstByteTimeoutMs' | 'requestTimeoutMs'> = {},
) {
  standIn = await startElevenLabsStandIn(options);
  const provider = createElevenLabsProvider({
    apiKey: standIn.apiKey,
    baseUrl: standIn.baseUrl,
    ...providerOptions,
  });
  return { standIn, provider };
}

const request: SpeechRequest = {
  text: 'Back in my day. Chips were full.',
  voiceId: 'voice-boomer',
  modelId: 'eleven_multilingual_v2',
  settings: { stability: 0.5, similarityBoost: 0.78, style: 0.3, speed: 0.85 },
  previousText: 'Corporation stole your chips.',
  nextText: 'Okay boomer.',
};

/** Polls `condition` until it holds (the stand-in sees a closed connection a moment later). */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SpeechError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('ElevenLabs provider through the SDK', () => {
  it('voices a segment and reads the headers', async () => {
    const { standIn, provider } = await setup({ concurrencyCap: 3 });
    const result = await provider.synthesize({ ...request, seed: 42 });
    expect(result.sampleRate).toBe(24_000);
    expect(result.alignment.characters.join('')).toBe(request.text);
    expect(result.alignment.startMs[1]).toBeGreaterThan(0);
    expect(result.pcm.length).toBe(Math.round((result.alignment.endMs.at(-1) ?? 0) * 24));
    expect(result.charactersBilled).toBe(request.text.length);
    expect(result.concurrency).toEqual({ current: 1, max: 3 });

    const [sent] = standIn.requests;
    expect(result.requestId).toBe(sent?.requestId);
    expect(sent?.path).toBe('/v1/text-to-speech/voice-boomer/with-timestamps');
    expect(sent?.query).toEqual({ output_format: 'pcm_24000' });
    expect(sent?.headers['xi-api-key']).toBeUndefined();
    expect(sent?.body).toEqual({
      text: request.text,
      model_id: 'eleven_multilingual_v2',
      voice_settings: { stability: 0.5, similarity_boost: 0.78, style: 0.3, speed: 0.85 },
      previous_text: 'Corporation stole your chips.',
      next_text: 'Okay boomer.',
      seed: 42,
    });
  });

  it('sends no stitching context to eleven_v3', async () => {
    const { standIn, provider } = await setup();
    await provider.synthesize({ ...request, modelId: 'eleven_v3' });
    const body = standIn.requests[0]?.body as Record<string, unknown>;
    expect(body).not.toHaveProperty('previous_text');
    expect(body).not.toHaveProperty('next_text');
  });

  it('maps a bad key to auth', async () => {
    const { standIn } = await setup();
    const provider = createElevenLabsProvider({ apiKey: 'wrong', baseUrl: standIn.baseUrl });
    expect(await codeOf(provider.synthesize(request))).toBe('auth');
  });

  it('maps an exhausted quota, and works again once it is restored', async () => {
    const { standIn, provider } = await setup({ characterQuota: 10 });
    const error = await provider.synthesize(request).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'quota_exceeded',
      status: 401,
      providerStatus: 'quota_exceeded',
    });
    standIn.setQuota(1_000);
    expect((await provider.synthesize(request)).charactersBilled).toBe(request.text.length);
  });

  it('maps the concurrency cap to rate_limited with retry-after', async () => {
    const { provider } = await setup({ concurrencyCap: 1, latencyMs: 300, retryAfterSeconds: 2 });
    const outcomes = await Promise.allSettled([
      provider.synthesize(request),
      provider.synthesize(request),
    ]);
    const rejected = outcomes.find((o) => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(rejected?.reason).toMatchObject({
      code: 'rate_limited',
      status: 429,
      retryAfterMs: 2000,
      providerStatus: 'too_many_concurrent_requests',
    });
  });

  it.each([
    [429, 'rate_limited'],
    [500, 'server'],
    [503, 'server'],
  ] as const)('maps an injected %i to %s, with no hidden SDK retry', async (status, code) => {
    const { standIn, provider } = await setup({ failureRate: 1, failureStatuses: [status] });
    expect(await codeOf(provider.synthesize(request))).toBe(code);
    expect(standIn.requests).toHaveLength(1);
  });

  it('maps an unknown voice to voice_not_found', async () => {
    const { provider } = await setup({ voices: ['voice-fed'] });
    expect(await codeOf(provider.synthesize(request))).toBe('voice_not_found');
  });

  it('maps a refused request to invalid_request', async () => {
    const { standIn } = await setup();
    const provider = createElevenLabsProvider({
      apiKey: standIn.apiKey,
      baseUrl: standIn.baseUrl,
      // The stand-in refuses MP3 with a 400.
      outputFormat: 'mp3_44100_128' as PcmOutputFormat,
    });
    expect(await codeOf(provider.synthesize(request))).toBe('invalid_request');
  });

  it('refuses before sending: too long for the model, out-of-range settings, empty text', async () => {
    const { standIn, provider } = await setup();
    expect(
      await codeOf(
        provider.synthesize({ ...request, modelId: 'eleven_v3', text: 'a'.repeat(5001) }),
      ),
    ).toBe('invalid_request');
    expect(
      await codeOf(
        provider.synthesize({ ...request, settings: { ...request.settings, speed: 1.3 } }),
      ),
    ).toBe('invalid_request');
    expect(
      await codeOf(
        provider.synthesize({ ...request, settings: { ...request.settings, style: Number.NaN } }),
      ),
    ).toBe('invalid_request');
    expect(await codeOf(provider.synthesize({ ...request, text: '  ' }))).toBe('invalid_request');
    expect(standIn.requests).toHaveLength(0);
  });

  it('maps a slow answer to timeout', async () => {
    const { provider } = await setup({ latencyMs: 2_000 }, { firstByteTimeoutMs: 150 });
    expect(await codeOf(provider.synthesize(request))).toBe('timeout');
  });

  it('gives up on a provider that never answers after the first-byte timeout', async () => {
    // A body timeout far longer than the test: only the first-byte one can end it.
    const { standIn, provider } = await setup(
      { hang: 'headers' },
      { firstByteTimeoutMs: 300, requestTimeoutMs: 600_000 },
    );
    expect(await codeOf(provider.synthesize(request))).toBe('timeout');
    expect(standIn.counters.hung).toBe(1);
    await until(() => standIn.counters.abandoned === 1);
  });

  it('gives up on a body that stops halfway after the request timeout', async () => {
    const { standIn, provider } = await setup(
      { hang: 'body' },
      { firstByteTimeoutMs: 600_000, requestTimeoutMs: 400 },
    );
    expect(await codeOf(provider.synthesize(request))).toBe('timeout');
    await until(() => standIn.counters.abandoned === 1);
  });

  it('stops the request when its caller aborts', async () => {
    const { standIn, provider } = await setup({ hang: 'headers' });
    const caller = new AbortController();
    const call = provider.synthesize(request, { signal: caller.signal });
    await until(() => standIn.counters.hung === 1);
    caller.abort(new Error('the caller left'));
    await expect(call).rejects.toThrow('the caller left');
    await until(() => standIn.counters.abandoned === 1);
  });

  it('maps an unreachable host to network', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const provider = createElevenLabsProvider({ apiKey: 'k', baseUrl: `http://127.0.0.1:${port}` });
    expect(await codeOf(provider.synthesize(request))).toBe('network');
  });

  it('maps what the SDK throws', () => {
    const sdkError = (statusCode: number, body: unknown) =>
      new ElevenLabsError({ statusCode, body });
    expect(toSpeechError(sdkError(422, { detail: [{ msg: 'bad' }] })).code).toBe('invalid_request');
    expect(toSpeechError(sdkError(400, { detail: { status: 'quota_exceeded' } })).code).toBe(
      'quota_exceeded',
    );
    expect(toSpeechError(sdkError(402, {})).code).toBe('quota_exceeded');
    expect(toSpeechError(sdkError(429, { detail: { status: 'system_busy' } })).code).toBe(
      'rate_limited',
    );
    expect(toSpeechError(sdkError(502, 'Bad gateway')).code).toBe('server');
    expect(toSpeechError(new ElevenLabsError({ message: 'timeout' })).code).toBe('timeout');
    expect(toSpeechError(new ElevenLabsTimeoutError('Timeout exceeded')).code).toBe('timeout');
    expect(toSpeechError(new ElevenLabsError({ message: 'fetch failed' })).code).toBe('network');
  });
});

describe('withRetries', () => {
  const fast = (error: SpeechError, attempt: number) =>
    retryPolicy(error, attempt, { baseDelayMs: 5, maxAttempts: 8 });

  it('gets through injected transient failures', async () => {
    const { standIn, provider } = await setup({ failureRate: 0.5, seed: 7, retryAfterSeconds: 0 });
    const retried: string[] = [];
    const resilient = withRetries(provider, {
      policy: fast,
      onRetry: ({ error }) => retried.push(error.code),
    });
    for (let i = 0; i < 6; i++) await resilient.synthesize(request);
    expect(standIn.counters.synthesized).toBe(6);
    expect(retried.length).toBeGreaterThan(0);
    expect(standIn.counters.requests).toBe(6 + retried.length);
  });

  it('does not retry what cannot succeed', async () => {
    const { standIn } = await setup();
    const provider = withRetries(
      createElevenLabsProvider({ apiKey: 'wrong', baseUrl: standIn.baseUrl }),
      {
        policy: fast,
      },
    );
    expect(await codeOf(provider.synthesize(request))).toBe('auth');
    expect(standIn.requests).toHaveLength(1);
  });
});
