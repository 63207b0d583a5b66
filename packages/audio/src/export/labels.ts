export interface Label {
  startMs: number;
  endMs: number;
  text: string;
}

/** Audacity label track: `start<TAB>end<TAB>label`, seconds, one label per line. */
export function toAudacityLabels(labels: readonly Label[]): string {
  return labels
    .map(
      ({ startMs, endMs, text }) =>
        `${(startMs / 1000).toFixed(6)}\t${(endMs / 1000).toFixed(6)}\t${text.replace(/\s+/g, ' ').trim()}\n`,
    )
    .join('');
}
