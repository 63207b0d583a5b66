/**
 * The review screen's state: the session's outline (every beat, lean), each beat's text and
 * takes loaded when it comes on screen, all kept live by the `events.session` subscription, and
 * the actions a reviewer takes on it. One instance per open session page.
 */
import type {
  BeatView,
  RegenerateOverrides,
  RejectionReason,
  SessionView,
  StudioEvent,
  TakeView,
} from './api.js';
import { author } from './author.svelte.js';
import { BatchLoader } from './batch-loader.js';
import { describeError } from './errors.js';
import { notifications, reportError } from './notifications.svelte.js';
import type { LoadState } from './load-state.js';
import { applyEvent } from './session-events.js';
import { currentTake } from './session-model.js';
import {
  isLoaded,
  loadBeat,
  outlinePlaylist,
  reviewSession,
  setSelection,
  type ReviewBeat,
  type ReviewSession,
} from './session-outline.js';
import { trpc } from './trpc.js';
import type { PlayItem } from './player.svelte.js';

/** Beats per `takes.forBeats` call: a screenful and the rows read ahead of it. */
const BEATS_PER_LOAD = 40;
/** Beats asked for as soon as the outline arrives: what a laptop window shows at first. */
const FIRST_SCREEN = 4;

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'offline';
type Progress = SessionView['progress'];

/** Before the session has loaded. */
const NO_PROGRESS: Progress = {
  pending: 0,
  queued: 0,
  generating: 0,
  ready: 0,
  failed: 0,
  stale: 0,
  total: 0,
  active: 0,
  fraction: 0,
  reviewed: 0,
  approved: 0,
};

export class SessionController {
  readonly id: string;
  session = $state<ReviewSession | null>(null);
  state = $state<LoadState>('loading');
  live = $state<LiveState>('connecting');
  /** Selections sent to the server and not confirmed yet: beat id → take id. */
  pendingSelection = $state<Record<string, string>>({});
  /** Beats with a regenerate request in flight. */
  requesting = $state<Record<string, boolean>>({});
  /** Index of the beat the keyboard acts on. */
  cursor = $state<number | null>(null);
  /** Beat whose Revise panel is open. */
  revising = $state<string | null>(null);
  /** The take whose Reject or Note form is open. */
  reviewing = $state<{ takeId: string; form: 'reject' | 'note' } | null>(null);
  /** Takes with a decision or note being sent. */
  deciding = $state<Record<string, boolean>>({});

  beats = $derived(this.session?.beats ?? []);
  /**
   * Where each beat is in `beats`, set with the session (only a reload changes its beats). Not a
   * derived: read outside any effect, one re-checked every beat on each event.
   */
  #indexById: Record<string, number> = {};
  /** As the server counts it: sent with the session, then by `progress` events. */
  progress = $derived(this.session?.progress ?? NO_PROGRESS);
  durationMs = $derived(this.session?.durationMs ?? 0);
  generating = $derived(this.progress.active > 0);

  /** Export events, for the export screen. */
  onexport: ((event: Extract<StudioEvent, { type: 'export' }>) => void) | null = null;

  /** Beats' text and takes, asked for as rows come on screen. */
  #details = new BatchLoader((ids) => this.#loadBeats(ids), BEATS_PER_LOAD);
  #subscription: { unsubscribe(): void } | null = null;
  #reloadTimer: ReturnType<typeof setTimeout> | null = null;
  #disposed = false;

  constructor(id: string) {
    this.id = id;
  }

  async load(): Promise<void> {
    try {
      const outline = await trpc.sessions.summary.query({ sessionId: this.id });
      if (this.#disposed) return;
      const session = reviewSession(outline);
      this.#details.forgetAll();
      if (this.cursor !== null && this.cursor >= session.beats.length) this.cursor = null;
      // The first screen's takes are asked for now, and the page renders a task later: the
      // request leaves before the render, not after the rows have mounted.
      const first = this.cursor ?? 0;
      const firstIds = session.beats.slice(first, first + FIRST_SCREEN).map((beat) => beat.id);
      this.#details.loadNow(firstIds);
      await new Promise((resolve) => setTimeout(resolve));
      if (this.#disposed) return;
      this.#indexById = Object.fromEntries(session.beats.map((beat, index) => [beat.id, index]));
      this.session = session;
      this.state = 'ready';
    } catch (error) {
      if (this.#disposed) return;
      const described = describeError(error);
      if (described.kind === 'not-found') this.state = 'missing';
      else {
        if (this.session === null) this.state = 'failed';
        reportError(error);
      }
    }
  }

  /** Load, then follow the session live. */
  async start(): Promise<void> {
    await this.load();
    if (this.state === 'ready') this.#subscribe();
  }

  dispose(): void {
    this.#disposed = true;
    this.#subscription?.unsubscribe();
    this.#subscription = null;
    if (this.#reloadTimer) clearTimeout(this.#reloadTimer);
  }

  #subscribe(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = trpc.events.session.subscribe(
      { sessionId: this.id },
      {
        onStarted: () => {
          this.live = 'live';
        },
        onData: ({ data }) => this.#onEvent(data),
        onConnectionStateChange: (state) => {
          if (state.state === 'connecting') {
            this.live = this.live === 'connecting' ? 'connecting' : 'reconnecting';
          } else if (state.state === 'pending') {
            const wasDown = this.live === 'reconnecting';
            this.live = 'live';
            // Back after a drop: what was missed may exceed the server's replay buffer.
            if (wasDown) this.#scheduleReload();
          }
        },
        onError: (error) => {
          this.live = 'offline';
          reportError(error);
        },
      },
    );
  }

  #onEvent(event: StudioEvent | 'resync'): void {
    if (!this.session) return;
    if (typeof event === 'object' && event.type === 'export') {
      this.onexport?.(event);
      return;
    }
    if (typeof event === 'object' && event.type === 'beat') {
      // The server has confirmed (or overridden) a selection: it is no longer pending.
      const pending = this.pendingSelection[event.beat.id];
      if (pending !== undefined && event.beat.selectedTakeId === pending) {
        this.#clearPending(event.beat.id);
      }
    }
    const outcome = applyEvent(this.session, event, (id) => this.#beat(id));
    if (outcome === 'reload') this.#scheduleReload();
    else if (outcome === 'load-beat' && typeof event === 'object' && event.type === 'beat') {
      this.#details.forget(event.beat.id);
      this.want(event.beat.id);
    }
  }

  #beat(id: string): ReviewBeat | undefined {
    const index = this.#indexById[id];
    return index === undefined ? undefined : this.beats[index];
  }

  /** Asks for a beat's text and takes (a row coming on screen calls it). */
  want(beatId: string): void {
    this.#details.want(beatId);
  }

  /** Asks for every beat's takes: a filter on what the takes say needs them all. */
  wantAll(): void {
    for (const beat of this.beats) if (!isLoaded(beat)) this.#details.want(beat.id);
  }

  async #loadBeats(beatIds: string[]): Promise<void> {
    try {
      const views = await trpc.takes.forBeats.query({ sessionId: this.id, beatIds });
      if (this.#disposed) return;
      for (const view of views) {
        const entry = this.#beat(view.id);
        if (entry && this.session) loadBeat(this.session, entry, view);
      }
    } catch (error) {
      if (this.#disposed) return;
      // Asked again when the row next comes on screen.
      for (const id of beatIds) this.#details.forget(id);
      reportError(error);
    }
  }

  #scheduleReload(): void {
    if (this.#reloadTimer) return;
    this.#reloadTimer = setTimeout(() => {
      this.#reloadTimer = null;
      void this.load();
    }, 150);
  }

  // Mutated in place (not replaced): only the rows reading that beat's key update.
  #clearPending(beatId: string): void {
    delete this.pendingSelection[beatId];
  }

  beatIndex(beatId: string): number {
    return this.#indexById[beatId] ?? -1;
  }

  /** The take shown as selected: a pending choice wins over the stored one. */
  selectedIdOf(beat: Pick<ReviewBeat, 'id' | 'selectedTakeId'>): string | null {
    return this.pendingSelection[beat.id] ?? beat.selectedTakeId;
  }

  async select(beat: BeatView, take: TakeView): Promise<void> {
    if (this.selectedIdOf(beat) === take.id && !this.pendingSelection[beat.id]) return;
    this.pendingSelection[beat.id] = take.id;
    try {
      const result = await trpc.takes.select.mutate({ beatId: beat.id, takeId: take.id });
      const live = this.#beat(result.beatId);
      if (live && this.session && !setSelection(this.session, live, result.selectedTakeId)) {
        this.#details.forget(live.id);
        this.want(live.id);
      }
    } catch (error) {
      reportError(error);
    } finally {
      if (this.pendingSelection[beat.id] === take.id) this.#clearPending(beat.id);
    }
  }

  /**
   * Sends a review action for a take; the session's copy updates from the `review` event every
   * browser receives, this one included. Resolves true when the server took it.
   */
  async #review(takeId: string, send: () => Promise<unknown>): Promise<boolean> {
    this.deciding[takeId] = true;
    try {
      await send();
      return true;
    } catch (error) {
      reportError(error);
      return false;
    } finally {
      delete this.deciding[takeId];
    }
  }

  /** Approves a take, which selects it too (one step on the server). */
  approve(take: TakeView): Promise<boolean> {
    return this.#review(take.id, () =>
      trpc.reviews.approve.mutate({ takeId: take.id, author: author.signature }),
    );
  }

  reject(
    take: TakeView,
    reason: RejectionReason,
    note: { text: string; atMs: number | null } | null,
  ): Promise<boolean> {
    return this.#review(take.id, () =>
      trpc.reviews.reject.mutate({
        takeId: take.id,
        reason,
        author: author.signature,
        ...(note ? { note } : {}),
      }),
    );
  }

  /** Back to undecided. */
  clearDecision(take: TakeView): Promise<boolean> {
    return this.#review(take.id, () => trpc.reviews.clear.mutate({ takeId: take.id }));
  }

  addNote(take: TakeView, note: { text: string; atMs: number | null }): Promise<boolean> {
    return this.#review(take.id, () =>
      trpc.reviews.addNote.mutate({ takeId: take.id, ...note, author: author.signature }),
    );
  }

  resolveNote(take: TakeView, noteId: string, resolved: boolean): Promise<boolean> {
    return this.#review(take.id, () => trpc.reviews.resolveNote.mutate({ noteId, resolved }));
  }

  deleteNote(take: TakeView, noteId: string): Promise<boolean> {
    return this.#review(take.id, () => trpc.reviews.deleteNote.mutate({ noteId }));
  }

  async regenerate(
    beat: Pick<ReviewBeat, 'id' | 'status' | 'error'>,
    overrides: RegenerateOverrides,
  ): Promise<boolean> {
    this.requesting[beat.id] = true;
    try {
      await trpc.generation.regenerateBeat.mutate({
        sessionId: this.id,
        beatId: beat.id,
        overrides,
      });
      // The queued state arrives as an event too; show it at once.
      beat.status = 'queued';
      beat.error = null;
      return true;
    } catch (error) {
      reportError(error);
      return false;
    } finally {
      delete this.requesting[beat.id];
    }
  }

  /** Retry one failed beat with the script's settings. */
  retry(beat: Pick<ReviewBeat, 'id' | 'status' | 'error'>): Promise<boolean> {
    return this.regenerate(beat, {});
  }

  async startGeneration(): Promise<void> {
    try {
      const { queued } = await trpc.generation.start.mutate({ sessionId: this.id });
      if (queued === 0) notifications.info('Every beat already has a current take.');
    } catch (error) {
      reportError(error);
    }
  }

  async retryFailed(): Promise<void> {
    try {
      await trpc.generation.retryFailed.mutate({ sessionId: this.id });
    } catch (error) {
      reportError(error);
    }
  }

  async cancel(): Promise<void> {
    try {
      const { cancelled } = await trpc.generation.cancel.mutate({ sessionId: this.id });
      notifications.info(`Cancelled ${cancelled} queued beat${cancelled === 1 ? '' : 's'}.`);
    } catch (error) {
      reportError(error);
    }
  }

  playItem(beat: BeatView, take: TakeView): PlayItem {
    return { takeId: take.id, beatId: beat.id, url: take.audioUrl };
  }

  /** The selected takes of the whole session in order, as a play queue (from the outline). */
  playAllItems(): PlayItem[] {
    return outlinePlaylist(this.beats);
  }

  /** The take Space plays for a beat: the selected one, else the newest. */
  defaultTake(beat: BeatView): TakeView | null {
    const pending = this.pendingSelection[beat.id];
    return beat.takes.find((t) => t.id === pending) ?? currentTake(beat);
  }

  /** What Space plays for a beat, whether or not its takes are loaded yet. */
  defaultItem(beat: ReviewBeat): PlayItem | null {
    if (isLoaded(beat)) {
      const take = this.defaultTake(beat);
      return take ? this.playItem(beat, take) : null;
    }
    return outlinePlaylist([beat])[0] ?? null;
  }
}
