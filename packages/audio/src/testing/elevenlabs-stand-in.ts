import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  characterLimit,
  MAX_SPEED,
  MIN_SPEED,
  supportsRequestStitching,
} from '../provider-facts.js';
import { seededRandom } from './seeded-random.js';
import { syntheticSpeech } from './synthetic-speech.js';

export type InjectedFailureStatus = 429 | 500 | 503;

/**
 * A provider that never answers: `headers` holds a synthesis request without a byte of answer;
 * `body` sends the status and headers and part of the body, then nothing more.
 */
export type HangMode = 'headers' | 'body';

export interface StandInOptions {
  apiKey?: string;
  /** Requests in flight above this get 429 `too_many_concurrent_requests`. */
  concurrencyCap?: number;
  /** Delay before each synthesis answers (timer based: the event loop stays free). */
  latencyMs?: number;
  /** Share of synthesis requests that fail on purpose, drawn from a seeded generator. */
  failureRate?: number;
  failureStatuses?: InjectedFailureStatus[];
  seed?: number;
  /** Characters the account may voice; beyond it, 401 `quota_exceeded`. */
  characterQuota?: number;
  /** Known voice ids; when given, any other is 404 `voice_not_found`. */
  voices?: string[];
  /** Sent as `retry-after` with every 429. */
  retryAfterSeconds?: number;
  hang?: HangMode | null;
}

export interface StandInRequest {
  method: string;
  path: string;
  voiceId: string | null;
  query: Record<string, string>;
  /** The parsed JSON body (the raw text when it is not JSON, null when empty). */
  body: unknown;
  /** Request headers, the API key left out. */
  headers: Record<string, string>;
  status: number;
  /** The `request-id` it was answered with. */
  requestId: string;
  /** When it arrived and when its answer was sent (ms, `performance.now()` of this process). */
  receivedAt: number;
  answeredAt: number | null;
}

export interface StandInCounters {
  requests: number;
  /** Successful syntheses. */
  synthesized: number;
  charactersBilled: number;
  failures: number;
  peakConcurrency: number;
  /** Synthesis requests held by a hang. */
  hung: number;
  /** Hung requests whose connection the client closed (it gave up, or its caller left). */
  abandoned: number;
}

export interface ElevenLabsStandIn {
  baseUrl: string;
  apiKey: string;
  readonly requests: StandInRequest[];
  readonly counters: StandInCounters;
  setQuota(characters: number): void;
  setFailureRate(rate: number): void;
  setLatency(ms: number): void;
  /** Hangs the synthesis requests that follow (`null`: answer again). */
  setHang(mode: HangMode | null): void;
  /** Forgets the log and counters (quota usage included). */
  reset(): void;
  close(): Promise<void>;
}

const SYNTHESIS = /^\/v1\/text-to-speech\/([^/]+)\/with-timestamps$/;
const PCM_FORMAT = /^pcm_(8000|16000|22050|24000|32000|44100|48000)$/;

const INJECTED: Record<InjectedFailureStatus, string> = {
  429: 'system_busy',
  500: 'internal_server_error',
  503: 'service_unavailable',
};

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly detail: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof detail === 'string' ? detail : JSON.stringify(detail));
  }
}

const refuse = (status: number, slug: string, message: string, headers?: Record<string, string>) =>
  new Refusal(status, { status: slug, message }, headers);

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** FastAPI-style 422 for a body that does not validate (what the real API does). */
function validationError(location: string[], message: string): Refusal {
  return new Refusal(422, [{ loc: ['body', ...location], msg: message, type: 'value_error' }]);
}

interface SynthesisBody {
  text: string;
  model_id: string;
  voice_settings: { stability: number; similarity_boost: number; style: number; speed: number };
  previous_text?: string;
  next_text?: string;
}

function validate(body: unknown): SynthesisBody {
  if (typeof body !== 'object' || body === null) throw validationError([], 'expected an object');
  const { text, model_id, voice_settings, previous_text, next_text } = body as Record<
    string,
    unknown
  >;
  if (typeof text !== 'string' || text.trim() === '') throw validationError(['text'], 'required');
  const modelId = typeof model_id === 'string' ? model_id : 'eleven_multilingual_v2';
  const settings = (voice_settings ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(settings)) {
    // A null inside voice_settings is a 422 on the real API.
    if (typeof value !== 'number' && typeof value !== 'boolean') {
      throw validationError(['voice_settings', key], 'must be a number');
    }
  }
  const number = (key: string, fallback: number) =>
    typeof settings[key] === 'number' ? (settings[key] as number) : fallback;
  const speed = number('speed', 1);
  if (speed < MIN_SPEED || speed > MAX_SPEED) {
    throw validationError(['voice_settings', 'speed'], `${MIN_SPEED}–${MAX_SPEED}`);
  }
  for (const key of ['stability', 'similarity_boost', 'style']) {
    const value = number(key, 0.5);
    if (value < 0 || value > 1) throw validationError(['voice_settings', key], '0–1');
  }
  if (
    !supportsRequestStitching(modelId) &&
    (previous_text !== undefined || next_text !== undefined)
  ) {
    throw refuse(
      400,
      'invalid_parameters',
      'previous_text and next_text are not supported by eleven_v3',
    );
  }
  if (text.length > characterLimit(modelId)) {
    throw refuse(400, 'text_too_long', `at most ${characterLimit(modelId)} characters`);
  }
  return {
    text,
    model_id: modelId,
    voice_settings: {
      stability: number('stability', 0.5),
      similarity_boost: number('similarity_boost', 0.75),
      style: number('style', 0),
      speed,
    },
    ...(typeof previous_text === 'string' ? { previous_text } : {}),
    ...(typeof next_text === 'string' ? { next_text } : {}),
  };
}

/**
 * A loopback ElevenLabs that speaks the real API shape (paths, JSON, headers, error bodies), for
 * tests and benchmarks that must go through the real SDK without the network or credits.
 */
export async function startElevenLabsStandIn(
  options: StandInOptions = {},
): Promise<ElevenLabsStandIn> {
  const apiKey = options.apiKey ?? 'stand-in-key';
  const cap = options.concurrencyCap ?? 4;
  const statuses = options.failureStatuses ?? [429, 500, 503];
  const voices = options.voices ? new Set(options.voices) : null;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const random = seededRandom(options.seed ?? 1);
  let quota = options.characterQuota ?? Number.POSITIVE_INFINITY;
  let failureRate = options.failureRate ?? 0;
  let latencyMs = options.latencyMs ?? 0;
  let hang = options.hang ?? null;
  let active = 0;
  const requests: StandInRequest[] = [];
  const counters: StandInCounters = {
    requests: 0,
    synthesized: 0,
    charactersBilled: 0,
    failures: 0,
    peakConcurrency: 0,
    hung: 0,
    abandoned: 0,
  };

  /** Holds the request open until the client closes it (the server's close ends it too). */
  function hold(mode: HangMode, response: ServerResponse): void {
    counters.hung++;
    response.once('close', () => counters.abandoned++);
    if (mode === 'body') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"audio_base64":"');
    }
  }

  async function synthesize(voiceId: string, query: URLSearchParams, raw: unknown) {
    const format = query.get('output_format') ?? 'mp3_44100_128';
    const pcmFormat = PCM_FORMAT.exec(format);
    if (!pcmFormat)
      throw refuse(400, 'invalid_output_format', `the stand-in speaks PCM only, not ${format}`);
    const body = validate(raw);
    if (voices && !voices.has(voiceId)) {
      throw refuse(404, 'voice_not_found', `A voice with voice_id ${voiceId} does not exist.`);
    }
    if (active >= cap) {
      throw refuse(429, 'too_many_concurrent_requests', 'Too many concurrent requests', {
        'retry-after': retryAfter,
      });
    }
    if (failureRate > 0 && random() < failureRate) {
      const status = statuses[Math.floor(random() * statuses.length)] ?? 500;
      throw refuse(
        status,
        INJECTED[status],
        'Injected failure',
        status === 429 ? { 'retry-after': retryAfter } : {},
      );
    }
    const cost = body.text.length;
    if (counters.charactersBilled + cost > quota) {
      throw refuse(401, 'quota_exceeded', 'This request exceeds your quota.');
    }
    // Charged on arrival, as the real API reserves a request's characters: overlapping requests
    // cannot all pass the quota check and overspend it together.
    counters.charactersBilled += cost;
    let voiced = false;
    active++;
    counters.peakConcurrency = Math.max(counters.peakConcurrency, active);
    try {
      if (latencyMs > 0) await sleep(latencyMs);
      const speech = syntheticSpeech(body.text, {
        sampleRate: Number(pcmFormat[1]),
        voiceId,
        speed: body.voice_settings.speed,
      });
      counters.synthesized++;
      voiced = true;
      const alignment = {
        characters: speech.characters,
        character_start_times_seconds: speech.startSeconds,
        character_end_times_seconds: speech.endSeconds,
      };
      return {
        headers: {
          'character-cost': String(cost),
          'current-concurrent-requests': String(active),
          'maximum-concurrent-requests': String(cap),
        },
        json: {
          audio_base64: Buffer.from(
            speech.pcm.buffer,
            speech.pcm.byteOffset,
            speech.pcm.byteLength,
          ).toString('base64'),
          alignment,
          normalized_alignment: alignment,
        },
      };
    } finally {
      active--;
      if (!voiced) counters.charactersBilled -= cost;
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const voiceId = SYNTHESIS.exec(url.pathname)?.[1] ?? null;
    const headers = Object.fromEntries(
      Object.entries(request.headers)
        .filter(([name]) => name !== 'xi-api-key')
        .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
    );
    const text = await readBody(request);
    const body = parseBody(text);
    const entry: StandInRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      voiceId: voiceId === null ? null : decodeURIComponent(voiceId),
      query: Object.fromEntries(url.searchParams),
      body,
      headers,
      status: 0,
      requestId: randomBytes(10).toString('hex'),
      receivedAt: performance.now(),
      answeredAt: null,
    };
    requests.push(entry);
    counters.requests++;
    const send = (status: number, json: unknown, extra: Record<string, string> = {}) => {
      entry.status = status;
      entry.answeredAt = performance.now();
      if (status >= 400) counters.failures++;
      response.writeHead(status, {
        'content-type': 'application/json',
        'request-id': entry.requestId,
        ...extra,
      });
      response.end(JSON.stringify(json));
    };
    try {
      if (request.headers['xi-api-key'] !== apiKey) {
        throw refuse(401, 'invalid_api_key', 'Invalid API key');
      }
      if (request.method === 'GET' && url.pathname === '/v1/user/subscription') {
        return send(200, {
          tier: 'stand-in',
          status: 'active',
          character_count: counters.charactersBilled,
          character_limit: Number.isFinite(quota) ? quota : 1_000_000_000,
        });
      }
      if (request.method !== 'POST' || entry.voiceId === null) {
        throw new Refusal(404, 'Not Found');
      }
      if (typeof body === 'string') throw validationError([], 'invalid JSON');
      if (hang) return hold(hang, response);
      const result = await synthesize(entry.voiceId, url.searchParams, body);
      send(200, result.json, result.headers);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      send(error.status, { detail: error.detail }, error.headers);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ detail: { status: 'internal_server_error', message: String(error) } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    counters,
    setQuota: (characters) => {
      quota = characters;
    },
    setFailureRate: (rate) => {
      failureRate = rate;
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    setHang: (mode) => {
      hang = mode;
    },
    reset: () => {
      requests.length = 0;
      Object.assign(counters, {
        requests: 0,
        synthesized: 0,
        charactersBilled: 0,
        failures: 0,
        peakConcurrency: 0,
        hung: 0,
        abandoned: 0,
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
