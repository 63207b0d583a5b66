/** The class each token is drawn with (colours in the editor's theme). */

import type { ElsToken, ElsTokenKind } from '@studio/els';

const CLASS: Record<ElsTokenKind, string> = {
  tag: 'els-tag',
  'unknown-tag': 'els-unknown-tag',
  'tag-value': 'els-value',
  'beat-id': 'els-beat-id',
  direction: 'els-direction',
  pause: 'els-pause',
  'meta-key': 'els-key',
  'meta-value': 'els-value',
  'name-key': 'els-key',
  'name-value': 'els-beat-name',
  separator: 'els-separator',
  emphasis: 'els-emphasis',
  strong: 'els-strong',
  'audio-tag': 'els-audio-tag',
  bracket: 'els-bracket',
};

export interface HighlightSpan {
  from: number;
  to: number;
  class: string;
}

/** One span per non-empty token, with the class of its kind (a pause inside a line is a tag too). */
export function highlightSpans(tokens: readonly ElsToken[]): HighlightSpan[] {
  const spans: HighlightSpan[] = [];
  for (const token of tokens) {
    if (token.end > token.start) {
      spans.push({ from: token.start, to: token.end, class: CLASS[token.kind] });
    }
  }
  return spans;
}
