import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  characterLimit,
  DIALOGUE_MAX_VOICES,
  MAX_CONTINUITY_REQUEST_IDS,
  MAX_SPEED,
  MIN_SPEED,
  modelCapabilities,
  supportsRequestStitching,
} from '../provider-facts.js';
import { parseWav } from '../pcm/wav.js';
import { seededRandom } from './seeded-random.js';
import { hear, type VoicedRecord } from './stand-in-hearing.js';
import { syntheticSpeech, type SyntheticSpeech } from './synthetic-speech.js';

export type InjectedFailureStatus = 429 | 500 | 503;

/**
 * A provider that never answers: `headers` holds a synthesis request without a byte of answer;
 * `body` sends the status and headers and part of the body, then nothing more.
 */
export type HangMode = 'headers' | 'body';

/**
 * A fault the stand-in's voice makes on purpose, so take QC has something to find: it skips a
 * word or adds one (the transcript shows it, the alignment still covers the requested text, as a
 * real voice's would), stops before the end (`cut`, the alignment runs past the audio), or
 * overdrives the middle of the segment into full scale (`clip`).
 */
export type VoiceFault =
  | { kind: 'skip'; word: string }
  | { kind: 'add'; word: string; after: string }
  | { kind: 'cut'; ms: number }
  | { kind: 'clip' };

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
  /**
   * Refuse every `previous_request_ids`/`next_request_ids` with a 400, as the API does for ids
   * it no longer holds. Without it, only ids this stand-in never issued are refused.
   */
  refuseRequestIds?: boolean;
}

export interface StandInRequest {
  method: string;
  path: string;
  /** The voice of a text-to-speech request; null for a dialogue (its voices are in the body). */
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
  /** Successful speech-to-text requests. */
  transcribed: number;
}

/** A model of `/v1/models`, as the stand-in lists it. */
export interface StandInModel {
  model_id: string;
  name: string;
  can_do_text_to_speech: boolean;
  character_cost_multiplier: number;
}

/** ElevenLabs' own models and prices (flash and turbo cost half), plus one that cannot speak text. */
export const STAND_IN_MODELS: readonly StandInModel[] = [
  ['eleven_multilingual_v2', 'Eleven Multilingual v2', true, 1],
  ['eleven_flash_v2_5', 'Eleven Flash v2.5', true, 0.5],
  ['eleven_turbo_v2_5', 'Eleven Turbo v2.5', true, 0.5],
  ['eleven_v3', 'Eleven v3', true, 1],
  ['eleven_flash_v2', 'Eleven Flash v2', true, 0.5],
  ['eleven_turbo_v2', 'Eleven Turbo v2', true, 0.5],
  ['eleven_multilingual_sts_v2', 'Eleven Multilingual v2 (speech to speech)', false, 1],
].map(([model_id, name, can_do_text_to_speech, character_cost_multiplier]) => ({
  model_id: model_id as string,
  name: name as string,
  can_do_text_to_speech: can_do_text_to_speech as boolean,
  character_cost_multiplier: character_cost_multiplier as number,
}));

/** A pronunciation dictionary the stand-in holds: its rules as last sent, per version. */
export interface StandInDictionary {
  id: string;
  name: string;
  versionId: string;
  rules: unknown[];
}

export interface ElevenLabsStandIn {
  baseUrl: string;
  apiKey: string;
  /** Pronunciation dictionaries created through the API, by id. */
  readonly dictionaries: ReadonlyMap<string, StandInDictionary>;
  readonly requests: StandInRequest[];
  readonly counters: StandInCounters;
  setQuota(characters: number): void;
  setFailureRate(rate: number): void;
  setLatency(ms: number): void;
  /** Hangs the synthesis requests that follow (`null`: answer again). */
  setHang(mode: HangMode | null): void;
  setRefuseRequestIds(refuse: boolean): void;
  /**
   * The voice makes `fault` in the next `times` syntheses (default 1) whose text contains
   * `when` (default: the word skipped or followed; any text for a cut or a clip).
   */
  injectVoiceFault(fault: VoiceFault, options?: { times?: number; when?: string }): void;
  /** Speech-to-text requests fail with this status until set back to `null`. */
  setTranscriptionFailure(status: InjectedFailureStatus | null): void;
  /** Forgets the log and counters (quota usage included). */
  reset(): void;
  close(): Promise<void>;
}

const SYNTHESIS = /^\/v1\/text-to-speech\/([^/]+)\/with-timestamps$/;
const DIALOGUE = '/v1/text-to-dialogue/with-timestamps';
const DICTIONARY_RULES = /^\/v1\/pronunciation-dictionaries\/([^/]+)\/set-rules$/;
/** Credits for `characters` on a model: its multiplier, rounded up as the API bills. */
const costOf = (modelId: string, characters: number) =>
  Math.ceil(
    characters *
      (STAND_IN_MODELS.find((model) => model.model_id === modelId)?.character_cost_multiplier ?? 1),
  );
const SPEECH_TO_TEXT = '/v1/speech-to-text';
const TRANSCRIPTION_MODELS = ['scribe_v1', 'scribe_v1_experimental', 'scribe_v2'];
/** Recordings the stand-in remembers to recognise its own voice in an upload. */
const RECORDINGS_KEPT = 200;
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

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
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

interface FormPart {
  name: string;
  filename?: string;
  data: Buffer;
}

/** The parts of a `multipart/form-data` body (what the SDK sends to speech to text). */
function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw validationError([], 'expected multipart/form-data');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    if (name !== undefined) {
      parts.push({
        name,
        ...(filename === undefined ? {} : { filename }),
        data: part.subarray(split + 4),
      });
    }
    at = next;
  }
  return parts;
}

/** Applies a fault to what the voice says; the alignment still covers the requested text. */
function voiceWithFault(
  text: string,
  fault: VoiceFault | null,
  voice: { sampleRate: number; voiceId: string; speed: number; seed?: number },
): {
  speech: SyntheticSpeech;
  alignment: { characters: string[]; start: number[]; end: number[] };
} {
  const requested = Array.from(text);
  const wordAt = (word: string) =>
    new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).exec(text);
  let spoken = text;
  // Where each requested character is in the spoken text (null: not spoken).
  let spokenIndex = (i: number): number | null => i;
  if (fault?.kind === 'skip') {
    const found = wordAt(fault.word);
    if (found) {
      const from = found.index;
      const to = Math.min(
        text.length,
        from + found[0].length + (text[from + found[0].length] === ' ' ? 1 : 0),
      );
      spoken = text.slice(0, from) + text.slice(to);
      spokenIndex = (i) => (i < from ? i : i < to ? null : i - (to - from));
    }
  } else if (fault?.kind === 'add') {
    const found = wordAt(fault.after);
    if (found) {
      const at = found.index + found[0].length;
      const added = ` ${fault.word}`;
      spoken = text.slice(0, at) + added + text.slice(at);
      spokenIndex = (i) => (i < at ? i : i + added.length);
    }
  }
  const speech = syntheticSpeech(spoken, voice);
  const start: number[] = [];
  const end: number[] = [];
  requested.forEach((_, i) => {
    const j = spokenIndex(i);
    // An unspoken character takes no time, where the voice went on.
    const k = j ?? spokenIndex(i + 1) ?? speech.characters.length;
    start.push(j === null ? (speech.startSeconds[k] ?? 0) : (speech.startSeconds[j] ?? 0));
    end.push(j === null ? (speech.startSeconds[k] ?? 0) : (speech.endSeconds[j] ?? 0));
  });
  if (fault?.kind === 'cut') {
    const keep = Math.max(0, speech.pcm.length - Math.round((fault.ms * voice.sampleRate) / 1000));
    speech.pcm = speech.pcm.slice(0, keep);
  } else if (fault?.kind === 'clip') {
    const from = Math.floor(speech.pcm.length / 3);
    for (let i = from; i < 2 * from; i++) {
      speech.pcm[i] = Math.max(-32_768, Math.min(32_767, (speech.pcm[i] ?? 0) * 8));
    }
  }
  return { speech, alignment: { characters: requested, start, end } };
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
  seed?: number;
  /** Both lists, for the caller to check against the ids it issued. */
  request_ids: string[];
  pronunciation_dictionary_locators?: {
    pronunciation_dictionary_id: string;
    version_id?: string;
  }[];
}

/** `pronunciation_dictionary_locators`: at most 3, each naming a dictionary (the API's limit). */
function validateLocators(raw: unknown): SynthesisBody['pronunciation_dictionary_locators'] {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) throw validationError(['pronunciation_dictionary_locators'], 'list');
  if (raw.length > 3) {
    throw validationError(['pronunciation_dictionary_locators'], 'at most 3 dictionaries');
  }
  return raw.map((locator: unknown, index) => {
    const { pronunciation_dictionary_id: id, version_id } = (locator ?? {}) as Record<
      string,
      unknown
    >;
    if (typeof id !== 'string') {
      throw validationError(
        ['pronunciation_dictionary_locators', String(index), 'pronunciation_dictionary_id'],
        'required',
      );
    }
    return {
      pronunciation_dictionary_id: id,
      ...(typeof version_id === 'string' ? { version_id } : {}),
    };
  });
}

/** `previous_request_ids`/`next_request_ids`: lists of at most 3 strings, not on eleven_v3. */
function requestIdsOf(body: Record<string, unknown>, modelId: string): string[] {
  const ids: string[] = [];
  for (const key of ['previous_request_ids', 'next_request_ids']) {
    const list = body[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((id) => typeof id !== 'string')) {
      throw validationError([key], 'must be a list of strings');
    }
    if (list.length > MAX_CONTINUITY_REQUEST_IDS) {
      throw validationError([key], `at most ${MAX_CONTINUITY_REQUEST_IDS} request ids`);
    }
    if (!modelCapabilities(modelId).requestIds) {
      throw refuse(400, 'invalid_parameters', `${key} is not supported by ${modelId}`);
    }
    ids.push(...(list as string[]));
  }
  return ids;
}

function validate(body: unknown): SynthesisBody {
  if (typeof body !== 'object' || body === null) throw validationError([], 'expected an object');
  const { text, model_id, voice_settings, previous_text, next_text, seed } = body as Record<
    string,
    unknown
  >;
  const locators = validateLocators(
    (body as Record<string, unknown>).pronunciation_dictionary_locators,
  );
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
    request_ids: requestIdsOf(body as Record<string, unknown>, modelId),
    voice_settings: {
      stability: number('stability', 0.5),
      similarity_boost: number('similarity_boost', 0.75),
      style: number('style', 0),
      speed,
    },
    ...(typeof previous_text === 'string' ? { previous_text } : {}),
    ...(typeof next_text === 'string' ? { next_text } : {}),
    ...(locators ? { pronunciation_dictionary_locators: locators } : {}),
    ...(typeof seed === 'number' ? { seed } : {}),
  };
}

interface DialogueBody {
  inputs: { text: string; voice_id: string }[];
  model_id: string;
  stability: number;
}

/** The body of `/v1/text-to-dialogue/with-timestamps`, checked as the API checks it. */
function validateDialogue(body: unknown): DialogueBody {
  if (typeof body !== 'object' || body === null) throw validationError([], 'expected an object');
  const { inputs, model_id, settings } = body as Record<string, unknown>;
  if (!Array.isArray(inputs) || inputs.length === 0) throw validationError(['inputs'], 'required');
  const turns = inputs.map((input: unknown, index) => {
    const { text, voice_id } = (input ?? {}) as Record<string, unknown>;
    if (typeof text !== 'string' || text.trim() === '') {
      throw validationError(['inputs', String(index), 'text'], 'required');
    }
    if (typeof voice_id !== 'string') {
      throw validationError(['inputs', String(index), 'voice_id'], 'required');
    }
    return { text, voice_id };
  });
  const modelId = typeof model_id === 'string' ? model_id : 'eleven_v3';
  if (!modelCapabilities(modelId).dialogue) {
    throw refuse(400, 'invalid_parameters', `${modelId} does not support text to dialogue`);
  }
  if (new Set(turns.map((turn) => turn.voice_id)).size > DIALOGUE_MAX_VOICES) {
    throw refuse(400, 'too_many_voices', `at most ${DIALOGUE_MAX_VOICES} distinct voices`);
  }
  const characters = turns.reduce((n, turn) => n + turn.text.length, 0);
  if (characters > characterLimit(modelId)) {
    throw refuse(400, 'text_too_long', `at most ${characterLimit(modelId)} characters`);
  }
  const stability = (settings as { stability?: unknown } | undefined)?.stability ?? 0.5;
  if (typeof stability !== 'number' || stability < 0 || stability > 1) {
    throw validationError(['settings', 'stability'], '0–1');
  }
  return { inputs: turns, model_id: modelId, stability };
}

/** `/v1/models`, in the API's shape (`Model`). */
function modelsBody() {
  return STAND_IN_MODELS.map((model) => ({
    model_id: model.model_id,
    name: model.name,
    can_do_text_to_speech: model.can_do_text_to_speech,
    can_do_voice_conversion: !model.can_do_text_to_speech,
    description: `${model.name} (stand-in)`,
    maximum_text_length_per_request: characterLimit(model.model_id),
    model_rates: { character_cost_multiplier: model.character_cost_multiplier },
    languages: [{ language_id: 'en', name: 'English' }],
  }));
}

const LIBRARY_VOICES = ['Rachel', 'Adam', 'Bella', 'Josh', 'Elli', 'Sam'];

/** `/v2/voices`: the known voices (or a small premade library), filtered by `search`, paged. */
function voicesBody(known: Set<string> | null, baseUrl: string, query: URLSearchParams) {
  const ids = known ? [...known] : LIBRARY_VOICES.map((name) => `StandIn${name}Voice`);
  const search = (query.get('search') ?? '').toLowerCase();
  const all = ids
    .map((voiceId, index) => ({
      voice_id: voiceId,
      name: LIBRARY_VOICES[index % LIBRARY_VOICES.length] as string,
      category: 'premade',
      description: `Stand-in voice ${voiceId}`,
      labels: { accent: 'american', gender: index % 2 === 0 ? 'female' : 'male' },
      preview_url: `${baseUrl}/previews/${voiceId}.mp3`,
    }))
    .filter((voice) => !search || `${voice.name} ${voice.voice_id}`.toLowerCase().includes(search));
  const size = Math.max(1, Number(query.get('page_size') ?? 10));
  const start = Number(query.get('next_page_token') ?? 0) || 0;
  const page = all.slice(start, start + size);
  const more = start + size < all.length;
  return {
    voices: page,
    has_more: more,
    total_count: all.length,
    ...(more ? { next_page_token: String(start + size) } : {}),
  };
}

/** `/v1/user/subscription`, every field the SDK requires. */
function subscriptionBody(used: number, limit: number) {
  return {
    tier: 'creator',
    character_count: used,
    character_limit: limit,
    max_credit_limit_extension: 0,
    can_extend_character_limit: false,
    allowed_to_extend_character_limit: false,
    voice_slots_used: 0,
    professional_voice_slots_used: 0,
    professional_voice_slots_used_in_workspace: 0,
    voice_limit: 30,
    voice_add_edit_counter: 0,
    professional_voice_limit: 1,
    can_extend_voice_limit: false,
    can_use_instant_voice_cloning: true,
    can_use_professional_voice_cloning: true,
    current_overage: { amount: '0', currency: 'usd' },
    status: 'active',
    open_invoices: [],
    has_open_invoices: false,
  };
}

/** The rules of a dictionary request (`add-from-rules`, `set-rules`), checked like the API. */
function dictionaryRules(body: unknown): unknown[] {
  const rules = (body as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) throw validationError(['rules'], 'required');
  rules.forEach((rule: unknown, index) => {
    const { type, string_to_replace, alias, phoneme, alphabet } = (rule ?? {}) as Record<
      string,
      unknown
    >;
    const at = ['rules', String(index)];
    if (typeof string_to_replace !== 'string')
      throw validationError([...at, 'string_to_replace'], 'required');
    if (type === 'alias' && typeof alias !== 'string')
      throw validationError([...at, 'alias'], 'required');
    if (type === 'phoneme' && (typeof phoneme !== 'string' || typeof alphabet !== 'string')) {
      throw validationError([...at, 'phoneme'], 'phoneme and alphabet required');
    }
    if (type !== 'alias' && type !== 'phoneme')
      throw validationError([...at, 'type'], 'alias or phoneme');
  });
  return rules;
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
  let refuseRequestIds = options.refuseRequestIds ?? false;
  let transcriptionFailure: InjectedFailureStatus | null = null;
  const faults: { fault: VoiceFault; times: number; when: string }[] = [];
  const recordings: VoicedRecord[] = [];
  let active = 0;
  const requests: StandInRequest[] = [];
  /** Request ids of the syntheses it answered: the only ones it accepts for continuity. */
  const issued = new Set<string>();
  const dictionaries = new Map<string, StandInDictionary>();
  let baseUrl = '';
  const counters: StandInCounters = {
    requests: 0,
    synthesized: 0,
    charactersBilled: 0,
    failures: 0,
    peakConcurrency: 0,
    hung: 0,
    abandoned: 0,
    transcribed: 0,
  };

  /** The fault the voice makes in this synthesis, if one is waiting for its text. */
  function takeFault(text: string): VoiceFault | null {
    const waiting = faults.find((f) => text.includes(f.when));
    if (!waiting) return null;
    if (--waiting.times <= 0) faults.splice(faults.indexOf(waiting), 1);
    return waiting.fault;
  }

  /** Speech to text of an upload: the words of its own recordings it recognises in it. */
  function transcribe(body: Buffer, contentType: string) {
    const parts = parseMultipart(body, contentType);
    const field = (name: string) => parts.find((part) => part.name === name);
    const modelId = field('model_id')?.data.toString('utf8');
    if (!modelId) throw validationError(['model_id'], 'field required');
    if (!TRANSCRIPTION_MODELS.includes(modelId)) {
      throw refuse(400, 'invalid_model', `${modelId} does not transcribe`);
    }
    const file = field('file');
    if (!file) throw refuse(400, 'invalid_parameters', 'file or cloud_storage_url is required');
    if (transcriptionFailure !== null) {
      throw refuse(transcriptionFailure, INJECTED[transcriptionFailure], 'Injected failure');
    }
    let audio: { pcm: Int16Array; sampleRate: number };
    try {
      audio = parseWav(file.data);
    } catch {
      throw refuse(400, 'invalid_file', 'the stand-in hears mono 16-bit WAV only');
    }
    const heard = hear(recordings, audio.pcm, audio.sampleRate);
    counters.transcribed++;
    const words = heard.flatMap((word, i) => [
      ...(i > 0
        ? [{ text: ' ', start: heard[i - 1]?.end, end: word.start, type: 'spacing', logprob: 0 }]
        : []),
      { text: word.text, start: word.start, end: word.end, type: 'word', logprob: 0 },
    ]);
    return {
      language_code: 'eng',
      language_probability: 1,
      text: heard.map((word) => word.text).join(' '),
      words,
      transcription_id: randomBytes(10).toString('hex'),
      audio_duration_secs: audio.pcm.length / audio.sampleRate,
    };
  }

  /** Holds the request open until the client closes it (the server's close ends it too). */
  function hold(mode: HangMode, response: ServerResponse): void {
    counters.hung++;
    response.once('close', () => counters.abandoned++);
    if (mode === 'body') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"audio_base64":"');
    }
  }

  function pcmSampleRate(query: URLSearchParams): number {
    const format = query.get('output_format') ?? 'mp3_44100_128';
    const pcmFormat = PCM_FORMAT.exec(format);
    if (!pcmFormat)
      throw refuse(400, 'invalid_output_format', `the stand-in speaks PCM only, not ${format}`);
    return Number(pcmFormat[1]);
  }

  function checkVoice(voiceId: string): void {
    if (voices && !voices.has(voiceId)) {
      throw refuse(404, 'voice_not_found', `A voice with voice_id ${voiceId} does not exist.`);
    }
  }

  /** Admission, injected failures and billing shared by both endpoints; `voice` runs admitted. */
  async function bill<T>(cost: number, voice: () => T): Promise<T> {
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
      // The latency is the whole time to the answer, the voicing included, as a real API's is:
      // the voice is made on arrival, then held for the rest of the latency.
      const arrived = performance.now();
      const result = voice();
      const rest = latencyMs - (performance.now() - arrived);
      if (rest > 0) await sleep(rest);
      counters.synthesized++;
      voiced = true;
      return result;
    } finally {
      active--;
      if (!voiced) counters.charactersBilled -= cost;
    }
  }

  const headersFor = (cost: number) => ({
    'character-cost': String(cost),
    'current-concurrent-requests': String(active),
    'maximum-concurrent-requests': String(cap),
  });

  const base64 = (pcm: Int16Array) =>
    Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64');

  async function synthesize(voiceId: string, query: URLSearchParams, raw: unknown) {
    const sampleRate = pcmSampleRate(query);
    const body = validate(raw);
    checkVoice(voiceId);
    if (body.request_ids.length > 0) {
      const unknown = body.request_ids.find((id) => !issued.has(id));
      if (refuseRequestIds || unknown !== undefined) {
        throw refuse(400, 'invalid_request_ids', 'The request ids cannot be used for continuity');
      }
    }
    for (const locator of body.pronunciation_dictionary_locators ?? []) {
      const dictionary = dictionaries.get(locator.pronunciation_dictionary_id);
      if (!dictionary || (locator.version_id && locator.version_id !== dictionary.versionId)) {
        throw refuse(
          404,
          'pronunciation_dictionary_not_found',
          `No pronunciation dictionary ${locator.pronunciation_dictionary_id}`,
        );
      }
    }
    const cost = costOf(body.model_id, body.text.length);
    return bill(cost, () => {
      const voice = voiceWithFault(body.text, takeFault(body.text), {
        sampleRate,
        voiceId,
        speed: body.voice_settings.speed,
        ...(body.seed === undefined ? {} : { seed: body.seed }),
      });
      const { speech } = voice;
      recordings.push({ ...speech, sampleRate });
      if (recordings.length > RECORDINGS_KEPT) recordings.shift();
      const alignment = {
        characters: voice.alignment.characters,
        character_start_times_seconds: voice.alignment.start,
        character_end_times_seconds: voice.alignment.end,
      };
      return {
        headers: headersFor(cost),
        json: { audio_base64: base64(speech.pcm), alignment, normalized_alignment: alignment },
      };
    });
  }

  /** One performance: the turns voiced one after another, with the API's voice segments. */
  async function dialogue(query: URLSearchParams, raw: unknown) {
    const sampleRate = pcmSampleRate(query);
    const body = validateDialogue(raw);
    for (const turn of body.inputs) checkVoice(turn.voice_id);
    const cost = costOf(
      body.model_id,
      body.inputs.reduce((n, turn) => n + turn.text.length, 0),
    );
    return bill(cost, () => {
      const characters: string[] = [];
      const starts: number[] = [];
      const ends: number[] = [];
      const parts: Int16Array[] = [];
      const segments: Record<string, unknown>[] = [];
      let offsetSeconds = 0;
      body.inputs.forEach((turn, index) => {
        const speech = syntheticSpeech(turn.text, {
          sampleRate,
          voiceId: turn.voice_id,
          speed: 1,
        });
        const first = characters.length;
        characters.push(...speech.characters);
        starts.push(...speech.startSeconds.map((t) => t + offsetSeconds));
        ends.push(...speech.endSeconds.map((t) => t + offsetSeconds));
        const seconds = speech.pcm.length / sampleRate;
        segments.push({
          voice_id: turn.voice_id,
          start_time_seconds: offsetSeconds,
          end_time_seconds: offsetSeconds + seconds,
          character_start_index: first,
          character_end_index: characters.length,
          dialogue_input_index: index,
        });
        recordings.push({ ...speech, sampleRate });
        if (recordings.length > RECORDINGS_KEPT) recordings.shift();
        parts.push(speech.pcm);
        offsetSeconds += seconds;
      });
      const pcm = new Int16Array(parts.reduce((n, part) => n + part.length, 0));
      let at = 0;
      for (const part of parts) {
        pcm.set(part, at);
        at += part.length;
      }
      const alignment = {
        characters,
        character_start_times_seconds: starts,
        character_end_times_seconds: ends,
      };
      return {
        headers: headersFor(cost),
        json: {
          audio_base64: base64(pcm),
          alignment,
          normalized_alignment: alignment,
          voice_segments: segments,
        },
      };
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const voiceId = SYNTHESIS.exec(url.pathname)?.[1] ?? null;
    const headers = Object.fromEntries(
      Object.entries(request.headers)
        .filter(([name]) => name !== 'xi-api-key')
        .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
    );
    const raw = await readBody(request);
    const contentType = request.headers['content-type'] ?? '';
    const multipart = contentType.startsWith('multipart/form-data');
    // A multipart body is logged by its fields, the uploaded file by its name and size.
    const body = multipart
      ? Object.fromEntries(
          parseMultipart(raw, contentType).map((part) => [
            part.name,
            part.filename === undefined
              ? part.data.toString('utf8')
              : { filename: part.filename, bytes: part.data.byteLength },
          ]),
        )
      : parseBody(raw.toString('utf8'));
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
        const limit = Number.isFinite(quota) ? quota : 1_000_000_000;
        return send(200, subscriptionBody(counters.charactersBilled, limit));
      }
      if (request.method === 'GET' && url.pathname === '/v1/models') {
        return send(200, modelsBody());
      }
      if (request.method === 'GET' && url.pathname === '/v2/voices') {
        return send(200, voicesBody(voices, baseUrl, url.searchParams));
      }
      if (
        request.method === 'POST' &&
        url.pathname === '/v1/pronunciation-dictionaries/add-from-rules'
      ) {
        const name = (body as { name?: unknown } | null)?.name;
        if (typeof name !== 'string' || name === '') throw validationError(['name'], 'required');
        const dictionary: StandInDictionary = {
          id: randomBytes(10).toString('hex'),
          name,
          versionId: randomBytes(10).toString('hex'),
          rules: dictionaryRules(body),
        };
        dictionaries.set(dictionary.id, dictionary);
        return send(200, {
          id: dictionary.id,
          name,
          created_by: 'stand-in',
          creation_time_unix: Math.floor(Date.now() / 1000),
          version_id: dictionary.versionId,
          version_rules_num: dictionary.rules.length,
        });
      }
      const setRules = DICTIONARY_RULES.exec(url.pathname);
      if (request.method === 'POST' && setRules) {
        const dictionary = dictionaries.get(decodeURIComponent(setRules[1] as string));
        if (!dictionary) {
          throw refuse(404, 'pronunciation_dictionary_not_found', 'No such dictionary');
        }
        dictionary.rules = dictionaryRules(body);
        dictionary.versionId = randomBytes(10).toString('hex');
        return send(200, {
          id: dictionary.id,
          version_id: dictionary.versionId,
          version_rules_num: dictionary.rules.length,
        });
      }
      if (request.method === 'POST' && url.pathname === SPEECH_TO_TEXT) {
        return send(200, transcribe(raw, contentType));
      }
      const isDialogue = url.pathname === DIALOGUE;
      if (request.method !== 'POST' || (entry.voiceId === null && !isDialogue)) {
        throw new Refusal(404, 'Not Found');
      }
      if (typeof body === 'string') throw validationError([], 'invalid JSON');
      if (hang) return hold(hang, response);
      const result =
        entry.voiceId === null
          ? await dialogue(url.searchParams, body)
          : await synthesize(entry.voiceId, url.searchParams, body);
      issued.add(entry.requestId);
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
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    apiKey,
    dictionaries,
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
    setRefuseRequestIds: (refuse) => {
      refuseRequestIds = refuse;
    },
    injectVoiceFault: (fault, { times = 1, when } = {}) => {
      // A word can only be skipped or followed in a text that has it.
      const within = fault.kind === 'skip' ? fault.word : fault.kind === 'add' ? fault.after : '';
      faults.push({ fault, times, when: when ?? within });
    },
    setTranscriptionFailure: (status) => {
      transcriptionFailure = status;
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
        transcribed: 0,
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
