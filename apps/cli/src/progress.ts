/** The live progress line of `--wait`: pure, so it is tested without a terminal. */

export interface ProgressSnapshot {
  done: number;
  failed: number;
  total: number;
  charactersSpent: number;
  /** Milliseconds since the wait started. */
  elapsedMs: number;
}

/** Remaining time from the average pace so far; null until one beat is done. */
export function etaMs({ done, failed, total, elapsedMs }: ProgressSnapshot): number | null {
  const finished = done + failed;
  if (finished === 0) return null;
  if (finished >= total) return 0;
  return Math.round((elapsedMs / finished) * (total - finished));
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

export function formatProgress(snapshot: ProgressSnapshot, width = 24): string {
  const { done, failed, total, charactersSpent } = snapshot;
  const fraction = total === 0 ? 1 : done / total;
  const filled = Math.round(fraction * width);
  const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
  const eta = etaMs(snapshot);
  const parts = [
    `[${bar}] ${done}/${total} beats`,
    ...(failed > 0 ? [`${failed} failed`] : []),
    `${charactersSpent.toLocaleString('en-US')} chars`,
    `ETA ${eta === null ? '…' : formatDuration(eta)}`,
  ];
  return parts.join(' · ');
}
