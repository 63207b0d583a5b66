/**
 * The name review decisions and notes are signed with. There are no accounts: the reviewer types
 * it once and this browser remembers it.
 */
import { browserStorage } from './browser-storage.js';

const key = 'studio.author';
/** Signs decisions made before anyone typed a name. */
export const DEFAULT_AUTHOR = 'Reviewer';

class Author {
  #name = $state(browserStorage()?.getItem(key) ?? '');

  get name(): string {
    return this.#name;
  }

  set name(value: string) {
    this.#name = value;
    const trimmed = value.trim();
    if (trimmed === '') browserStorage()?.removeItem(key);
    else browserStorage()?.setItem(key, trimmed);
  }

  /** What a decision is signed with now. */
  get signature(): string {
    return this.#name.trim() || DEFAULT_AUTHOR;
  }
}

export const author = new Author();
