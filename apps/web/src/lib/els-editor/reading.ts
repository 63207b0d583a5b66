/** What the parser read in one text, in one pass: its result and its tokens, for that exact text. */

import { parseWithTokens, type ElsToken, type ParseOptions, type ParseResult } from '@studio/els';

export interface Reading {
  source: string;
  /** Null for a blank text. */
  parsed: ParseResult | null;
  tokens: ElsToken[];
}

export const blankReading: Reading = Object.freeze({ source: '', parsed: null, tokens: [] });

export function readSource(source: string, options: ParseOptions): Reading {
  if (source.trim() === '') return { ...blankReading, source };
  const { result, tokens } = parseWithTokens(source, options);
  return { source, parsed: result, tokens };
}
