/** Display formatting shared by every screen. Pure functions: unit-tested in format.test.ts. */

/**
 * A duration for people: `0:04.3` under a minute (tenths matter when comparing takes),
 * `1:05` under an hour, `1:02:05` beyond. `null`/negative/NaN render as an en dash.
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 60_000) {
    const tenths = Math.round(ms / 100);
    return `0:${String(Math.floor(tenths / 10)).padStart(2, '0')}.${tenths % 10}`;
  }
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** Milliseconds of a written pause, as the marker shows it: `400ms`, `1.5s`. */
export function formatPause(ms: number): string {
  if (ms >= 1000 && ms % 100 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600 * 1000],
  ['month', 30 * 24 * 3600 * 1000],
  ['week', 7 * 24 * 3600 * 1000],
  ['day', 24 * 3600 * 1000],
  ['hour', 3600 * 1000],
  ['minute', 60 * 1000],
];

/** `just now`, `5 minutes ago`, `yesterday`, … relative to `now`. */
export function formatRelativeTime(
  value: Date | string | number,
  now: Date = new Date(),
  locale = 'en',
): string {
  const date = value instanceof Date ? value : new Date(value);
  const diff = date.getTime() - now.getTime();
  if (!Number.isFinite(diff)) return '–';
  if (Math.abs(diff) < 45_000) return 'just now';
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(diff) >= size || unit === 'minute') {
      return rtf.format(Math.round(diff / size), unit);
    }
  }
  return rtf.format(Math.round(diff / 60_000), 'minute');
}

/** An absolute timestamp for tooltips. */
export function formatDateTime(value: Date | string | number, locale = 'en'): string {
  const date = value instanceof Date ? value : new Date(value);
  if (!Number.isFinite(date.getTime())) return '–';
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** `1,234` */
export function formatCount(n: number): string {
  return n.toLocaleString('en');
}

/** `n thing` / `n things` */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A fraction as a whole percentage, clamped to 0–100. */
export function formatPercent(done: number, total: number): string {
  if (total <= 0) return '0%';
  return `${Math.min(100, Math.max(0, Math.floor((done / total) * 100)))}%`;
}

/** `512 B`, `14.2 KB`, `3.1 MB` */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
