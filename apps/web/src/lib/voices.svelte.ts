/**
 * The studio's voice profiles, loaded once and shared: the New Session screen validates
 * character names against them, every screen colours characters in their order.
 */
import { trpc } from './trpc.js';
import { reportError } from './notifications.svelte.js';
import type { VoiceProfile } from './api.js';

class VoiceStore {
  list = $state<VoiceProfile[]>([]);
  status = $state<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  #pending: Promise<void> | null = null;

  /** Canonical character names, in display order (drives the colours). */
  characters = $derived(this.list.map((v) => v.character));

  load(force = false): Promise<void> {
    if (this.#pending && !force) return this.#pending;
    if (this.status === 'ready' && !force) return Promise.resolve();
    this.status = 'loading';
    const pending = trpc.voices.list
      .query()
      .then((list) => {
        this.list = list;
        this.status = 'ready';
      })
      .catch((error: unknown) => {
        this.status = 'failed';
        reportError(error);
      })
      .finally(() => {
        this.#pending = null;
      });
    this.#pending = pending;
    return pending;
  }

  replace(profile: VoiceProfile): void {
    this.list = this.list.map((v) => (v.character === profile.character ? profile : v));
  }
}

export const voices = new VoiceStore();
