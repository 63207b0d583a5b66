/**
 * What every procedure and job works with: the studio's parts, built once by `createStudio`
 * (or by a test), plus, per request, a logger carrying the request id.
 */
import type { Mp3Encoder, SegmentCache, SpeechProvider, Storage, Transcriber } from '@studio/audio';
import type { StudioDb } from '@studio/db';
import type { Account } from './account/account.js';
import type { EventBus } from './events/bus.js';
import type { SessionState } from './events/session-state.js';
import type { RequestGate } from './generation/concurrency.js';
import type { SessionBudgets } from './generation/budgets.js';
import type { SessionHalts } from './generation/session-halts.js';
import type { StudioEvent } from './events/types.js';
import type { Logger } from './logger.js';

export interface Services {
  db: StudioDb;
  storage: Storage;
  cache: SegmentCache;
  /** The worker threads that encode takes and exports, off the event loop. */
  encoder: Mp3Encoder;
  /** The bare provider; work speaks through `providerFor` (gate, halts, retries). */
  provider: SpeechProvider;
  /** Holds the requests of the whole process to the concurrency limit. */
  gate: RequestGate;
  halts: SessionHalts;
  /** Holds each session's requests to its credit budget. */
  budgets: SessionBudgets;
  /** Live models, prices, voice library and credits (empty without an ElevenLabs key). */
  account: Account;
  /** Listening only: every change is published through `sessionState`. */
  bus: Pick<EventBus<StudioEvent>, 'subscribe'>;
  sessionState: SessionState;
  log: Logger;
  /** Replaces every voice profile's model (`ELEVENLABS_MODEL`). */
  modelOverride: string | undefined;
  ffmpegPath: string | undefined;
  /** Speaks the lines a script gives no speaker: a voice profile's character. */
  defaultCharacter: string;
  /** Speech recognition for take QC (null: no ElevenLabs key, or `QC_LISTENING=off`). */
  transcriber: Transcriber | null;
  /** Voice a beat again, once, when its first take fails QC (`QC_AUTO_REGENERATE`). */
  qcAutoRegenerate: boolean;
  /** Tells the worker that jobs were queued. */
  wakeWorker(): void;
}

export interface Context extends Services {
  requestId: string;
}
