/**
 * Ids asked for in the same moment, loaded together in batches of at most `batchSize`; each id
 * once, until it is forgotten (a failed load, a changed beat, a reloaded session).
 */
export class BatchLoader {
  readonly #load: (ids: string[]) => Promise<void>;
  readonly #batchSize: number;
  #asked = new Set<string>();
  #queued = new Set<string>();
  #scheduled = false;

  constructor(load: (ids: string[]) => Promise<void>, batchSize: number) {
    this.#load = load;
    this.#batchSize = batchSize;
  }

  want(id: string): void {
    if (this.#asked.has(id)) return;
    this.#asked.add(id);
    this.#queued.add(id);
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      const ids = [...this.#queued];
      this.#queued.clear();
      for (let i = 0; i < ids.length; i += this.#batchSize) {
        void this.#load(ids.slice(i, i + this.#batchSize));
      }
    });
  }

  /** Loads these ids at once, in one call, unless they were asked for already. */
  loadNow(ids: readonly string[]): void {
    const fresh = ids.filter((id) => !this.#asked.has(id));
    for (const id of fresh) this.#asked.add(id);
    if (fresh.length > 0) void this.#load(fresh);
  }

  /** Asked for again next time (`want` loads it). */
  forget(id: string): void {
    this.#asked.delete(id);
  }

  forgetAll(): void {
    this.#asked.clear();
  }
}
