/**
 * The studio's voice profiles, loaded once and shared: the script editors validate with the
 * studio's own parse options (its characters, its default speaker), every screen colours
 * characters in their order.
 */
import type { ParseOptions } from '@studio/els';
import { trpc } from './trpc.js';
import { reportError } from './notifications.svelte.js';
import type { VoiceProfile } from './api.js';

class VoiceStore {
  list = $state<VoiceProfile[]>([]);
  status = $state<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  /** What the server parses scripts with (its characters, its default speaker). */
  parseOptions = $state.raw<ParseOptions>({});
  #pending: Promise<void> | null = null;

  /** Canonical character names, in display order (drives the colours). */
  characters = $derived(this.list.map((v) => v.character));

  load(force = false): Promise<void> {
    if (this.#pending && !force) return this.#pending;
    if (this.status === 'ready' && !force) return Promise.resolve();
    this.status = 'loading';
    const pending = Promise.all([trpc.voices.list.query(), trpc.els.options.query()])
      .then(([list, options]) => {
        this.list = list;
        this.parseOptions = options;
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
