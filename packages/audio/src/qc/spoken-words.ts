/**
 * Text as words to compare: lower case, no punctuation, audio tags (`[whispers]`) dropped,
 * numbers spelled out — so "3 PM" and "three p.m." read alike.
 */
const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function spellNumber(n: number): string[] {
  if (n < 20) return [ONES[n] ?? ''];
  if (n < 100) return [TENS[Math.floor(n / 10)] ?? '', ...(n % 10 ? [ONES[n % 10] ?? ''] : [])];
  if (n < 1000) {
    return [ONES[Math.floor(n / 100)] ?? '', 'hundred', ...(n % 100 ? spellNumber(n % 100) : [])];
  }
  if (n < 1_000_000) {
    const rest = n % 1000;
    return [...spellNumber(Math.floor(n / 1000)), 'thousand', ...(rest ? spellNumber(rest) : [])];
  }
  // Beyond a million a reader says digits or words alike rarely: keep the digits.
  return [String(n)];
}

/**
 * The words of one stretch of text, normalised for comparison. Curly quotes are written as
 * escapes: the server's bundle must stay ASCII (its `bundle.ts` says why).
 */
export function spokenWords(text: string): string[] {
  return text
    .replace(/\[[^\]]*\]/g, ' ')
    .toLowerCase()
    .replace(/(\d),(\d{3})/g, '$1$2')
    .replace(/[\u2019\u2018]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .flatMap((word) => {
      const bare = word.replace(/^'+|'+$/g, '');
      if (bare === '') return [];
      return /^\d+$/.test(bare) ? spellNumber(Number(bare)) : [bare];
    });
}
