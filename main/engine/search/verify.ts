// Checks that a phrase (words and runs, in order, only separators between) occurs in a doc's folded text.
import { classAt, SEP, WORD } from './fold.js';
import type { PhraseItem } from './query.js';

/**
 * The same test as the phrase's regex in plan.ts (phraseSource), written with indexOf and the character class
 * table: run on every candidate doc of a phrase query, it is several times cheaper than a Unicode-sets regex
 * with lookbehinds on a slice of each doc.
 */
export function phraseIn(all: string, from: number, to: number, items: PhraseItem[]): boolean {
  // indexOf has no end bound: on the whole text, a miss would run on into the following docs.
  const text = all.slice(from, to);
  const end = text.length;
  const first = items[0]!;
  for (let p = text.indexOf(first.text); p >= 0; p = text.indexOf(first.text, p + 1)) {
    if (first.kind === 'word' && p > 0 && classBefore(text, p) === WORD) continue;
    if (rest(text, p + first.text.length, end, items)) return true;
  }
  return false;
}

function classBefore(text: string, p: number): number {
  const c = text.charCodeAt(p - 1);
  return c >= 0xdc00 && c <= 0xdfff && p >= 2 ? classAt(text, p - 2) : classAt(text, p - 1);
}

/** Whether items[1..] follow at q (items[0] ended at q), checking the word boundary after each word. */
function rest(text: string, q: number, end: number, items: PhraseItem[]): boolean {
  for (let k = 0; ; k++) {
    const item = items[k]!;
    if (item.kind === 'word' && q < end && classAt(text, q) === WORD) return false;
    if (k + 1 === items.length) return true;
    const next = items[k + 1]!;
    const gapStart = q;
    while (q < end && text.charCodeAt(q) !== 0 && classAt(text, q) === SEP) q++;
    if (q === gapStart && item.kind === 'word' && next.kind === 'word') return false;
    if (q + next.text.length > end || !text.startsWith(next.text, q)) return false;
    q += next.text.length;
  }
}
