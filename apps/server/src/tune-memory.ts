import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a long-running server with a small working set, set before the database opens
 * (figures from `pnpm bench:generate`, see the README's "Memory"). The price, from
 * `pnpm bench:web`: loading a 200-beat session takes ~100 ms longer per flag (~550 → ~740 ms).
 * - `--optimize-for-size`: the heap grows less eagerly and is collected sooner; without it V8
 *   lets ~60 MB of garbage pile up between collections.
 * - `--liftoff-only`: WebAssembly (PGlite's Postgres, eSpeak) runs on baseline code. Optimizing
 *   PGlite's 10 MB module costs ~100 MB of compiler memory the allocator never gives back, for
 *   queries that take well under a millisecond either way; eSpeak measured no slower.
 */
export function tuneMemory(): void {
  setFlagsFromString('--optimize-for-size');
  setFlagsFromString('--liftoff-only');
}
