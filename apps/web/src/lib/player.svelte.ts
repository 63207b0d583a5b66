/**
 * Playback for the review screen. One <audio> element per take, created on demand and kept in
 * a hidden pool in the document (waveforms attach to the same element, so a take's waveform and
 * its transport always agree). Only one take plays at a time. "Play all" and "Compare" are
 * queues over the same elements.
 */
import { reportError } from './notifications.svelte.js';

export interface PlayItem {
  takeId: string;
  /** The uuid of the beat row the take belongs to (highlighted while it plays). */
  beatId: string;
  url: string;
}

type Mode = 'single' | 'all' | 'compare';

class Player {
  current = $state<PlayItem | null>(null);
  playing = $state(false);
  /** Seconds into the current take. */
  time = $state(0);
  mode = $state<Mode>('single');
  /** Position in the play-all or compare queue. */
  queueIndex = $state(0);
  queueLength = $state(0);

  #queue: PlayItem[] = [];
  #elements = new Map<string, HTMLAudioElement>();
  #pool: HTMLElement | null = null;
  /** Invoked when the queue moves to another beat (the page scrolls it into view). */
  onadvance: ((item: PlayItem) => void) | null = null;

  #poolElement(): HTMLElement {
    if (this.#pool && this.#pool.isConnected) return this.#pool;
    const pool = document.createElement('div');
    pool.id = 'audio-pool';
    pool.hidden = true;
    document.body.append(pool);
    this.#pool = pool;
    return pool;
  }

  /** The take's media element (created on first use, never loaded before it is needed). */
  media(takeId: string, url: string): HTMLAudioElement {
    const absolute = new URL(url, location.href).href;
    let audio = this.#elements.get(takeId);
    if (audio) {
      if (audio.src !== absolute) audio.src = absolute;
      return audio;
    }
    audio = document.createElement('audio');
    audio.preload = 'metadata';
    audio.dataset.takeId = takeId;
    audio.src = absolute;
    audio.addEventListener('play', () => this.#sync(takeId));
    audio.addEventListener('pause', () => this.#sync(takeId));
    audio.addEventListener('timeupdate', () => {
      if (this.current?.takeId === takeId) this.time = audio.currentTime;
    });
    audio.addEventListener('ended', () => this.#ended(takeId));
    audio.addEventListener('error', () => {
      if (this.current?.takeId !== takeId) return;
      this.playing = false;
      reportError(new Error('This take’s audio could not be played.'));
    });
    this.#poolElement().append(audio);
    this.#elements.set(takeId, audio);
    return audio;
  }

  /** Forget a take's element (the take is gone). */
  release(takeId: string): void {
    const audio = this.#elements.get(takeId);
    if (!audio) return;
    audio.pause();
    audio.remove();
    this.#elements.delete(takeId);
  }

  isCurrent(takeId: string): boolean {
    return this.current?.takeId === takeId;
  }

  isPlayingTake(takeId: string): boolean {
    return this.playing && this.current?.takeId === takeId;
  }

  isPlayingBeat(beatId: string): boolean {
    return this.playing && this.current?.beatId === beatId;
  }

  /** Play one take from `from` seconds (default: where it was, or the start once finished). */
  async play(item: PlayItem, from?: number, mode: Mode = 'single'): Promise<void> {
    if (mode === 'single') this.#queue = [];
    this.mode = mode;
    const audio = this.media(item.takeId, item.url);
    for (const [id, other] of this.#elements)
      if (id !== item.takeId && !other.paused) other.pause();
    this.current = item;
    if (from !== undefined) audio.currentTime = from;
    else if (audio.ended) audio.currentTime = 0;
    this.time = audio.currentTime;
    audio.preload = 'auto';
    try {
      await audio.play();
    } catch (error) {
      // A newer play()/pause() interrupted this one: not a failure.
      if (error instanceof DOMException && error.name === 'AbortError') return;
      this.playing = false;
      reportError(error);
    }
  }

  pause(): void {
    if (!this.current) return;
    this.#elements.get(this.current.takeId)?.pause();
  }

  /** Play/pause `item` (or the current take when none is given). */
  toggle(item?: PlayItem): void {
    const target = item ?? this.current;
    if (!target) return;
    if (this.isPlayingTake(target.takeId)) this.pause();
    else if (this.current?.takeId === target.takeId) void this.play(target, undefined, this.mode);
    else void this.play(target);
  }

  /** Stop any playback and clear the queue. */
  stop(): void {
    this.pause();
    this.#queue = [];
    this.queueLength = 0;
    this.mode = 'single';
  }

  /** Play `items` back to back: the selected takes in script order ("Play all"). */
  playAll(items: PlayItem[], startIndex = 0): void {
    this.#startQueue(items, 'all', startIndex);
  }

  /** Compare: take A, then take B, of the same beat. */
  playBackToBack(a: PlayItem, b: PlayItem): void {
    this.#startQueue([a, b], 'compare', 0);
  }

  /** Compare: switch to `other` at the same position (A/B toggle while listening). */
  switchTo(other: PlayItem): void {
    const position = this.current ? (this.#elements.get(this.current.takeId)?.currentTime ?? 0) : 0;
    const wasPlaying = this.playing;
    const otherAudio = this.media(other.takeId, other.url);
    const target = Number.isFinite(otherAudio.duration)
      ? Math.min(position, Math.max(0, otherAudio.duration - 0.05))
      : position;
    if (wasPlaying) void this.play(other, target, 'single');
    else {
      this.pause();
      this.current = other;
      otherAudio.currentTime = target;
      this.time = target;
    }
  }

  #startQueue(items: PlayItem[], mode: Mode, startIndex: number): void {
    if (items.length === 0) return;
    this.#queue = items;
    this.queueLength = items.length;
    this.queueIndex = startIndex;
    const first = items[startIndex];
    if (!first) return;
    this.onadvance?.(first);
    void this.play(first, 0, mode);
  }

  #sync(takeId: string): void {
    if (this.current?.takeId !== takeId) return;
    const audio = this.#elements.get(takeId);
    this.playing = !!audio && !audio.paused && !audio.ended;
  }

  #ended(takeId: string): void {
    if (this.current?.takeId !== takeId) return;
    this.playing = false;
    if (this.#queue.length === 0) return;
    const next = this.#queue[this.queueIndex + 1];
    if (!next) {
      this.#queue = [];
      this.queueLength = 0;
      this.mode = 'single';
      return;
    }
    this.queueIndex += 1;
    this.onadvance?.(next);
    void this.play(next, 0, this.mode);
  }

  /** Release everything (leaving the review screen). */
  reset(): void {
    for (const audio of this.#elements.values()) {
      audio.pause();
      audio.remove();
    }
    this.#elements.clear();
    this.#queue = [];
    this.queueLength = 0;
    this.current = null;
    this.playing = false;
    this.mode = 'single';
  }
}

export const player = new Player();
