/**
 * The Postgres wire protocol counts a statement's bind parameters in 16 bits (postgres.js and
 * PGlite refuse more than 65,534), so a statement naming one row per beat must be cut up: a
 * script near the 2 MB limit has tens of thousands of beats. Callers run the pieces inside one
 * transaction, so the work stays all-or-nothing.
 */

/** Rows per multi-row INSERT: at 8–16 columns a row, well under the limit. */
export const ROWS_PER_INSERT = 1_000;

/** Ids per `IN (…)` list. */
export const IDS_PER_STATEMENT = 10_000;

/** `items` in consecutive slices of at most `size` (none for an empty list). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    out.push(items.slice(start, start + size));
  }
  return out;
}
