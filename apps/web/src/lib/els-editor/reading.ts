/** What the parser read in one text: its result and its tokens, for that exact text. */

import { parse, tokenize, type ElsToken, type ParseOptions, type ParseResult } from '@studio/els';

export interface Reading {
  source: string;
  /** Null for a blank text. */
  parsed: ParseResult | null;
  tokens: ElsToken[];
}

export const blankReading: Reading = Object.freeze({ source: '', parsed: null, tokens: [] });

export function readSource(source: string, options: ParseOptions): Reading {
  if (source.trim() === '') return { ...blankReading, source };
  return { source, parsed: parse(source, options), tokens: tokenize(source) };
}
