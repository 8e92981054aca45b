// Typo candidates: vocabulary terms within a bounded Damerau-Levenshtein distance of a query word.
//
// Why not fuse.js over the whole vocabulary: fuse scores with Bitap over every string per query, and its score
// is not an edit distance (it weighs position and length). Over the 110k terms of a generated 100k-post archive
// one fuse search took 95–130 ms here (test/bench/search-run.ts --fuse), far above the 30 ms budget, so terms are
// bucketed by length, pre-filtered by a 32-bit character-set signature, and confirmed by a real bounded
// Damerau-Levenshtein check. fuse.js is used where it fits: the short lists of hashtag and mention names
// (fuzzy.ts), with the same distance check confirming what it proposes.

/** Edits allowed for a word: one from 4 letters, two from 8, none below or for numbers. */
export function allowedTypos(word: string): number {
  if (/^\d+$/.test(word)) return 0;
  const len = [...word].length;
  return len >= 8 ? 2 : len >= 4 ? 1 : 0;
}

/** Bit set of the characters of a term: k edits change at most 2k bits, a cheap filter before the real check. */
export function signature(s: string): number {
  let sig = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    sig |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return sig >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

let rowA = new Int32Array(80);
let rowB = new Int32Array(80);
let rowC = new Int32Array(80);

/**
 * Optimal-string-alignment distance between a and b when it is ≤ max, else max + 1. Stops as soon as a whole
 * row exceeds max. Works on UTF-16 code units (terms are folded; astral letters are rare in words).
 */
export function boundedDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (lb + 1 > rowA.length) {
    rowA = new Int32Array(lb + 1);
    rowB = new Int32Array(lb + 1);
    rowC = new Int32Array(lb + 1);
  }
  let prev2 = rowA; // row i-2
  let prev = rowB; // row i-1
  let cur = rowC;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = prev[j - 1]! + (ca === cb ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      if (del < v) v = del;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && prev2[j - 2]! + 1 < v) v = prev2[j - 2]! + 1;
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[lb]!, max + 1);
}

/**
 * Terms grouped by length, each group's signatures computed when a word of a near length first asks (a warm
 * `outbox search` for one word signs a few groups, not the whole vocabulary). Not persisted.
 */
export class TypoFinder {
  private byLength: Uint32Array[] = [];
  /** signatures of byLength[len], in the same order; made on first use */
  private sigsByLength: Array<Uint32Array | undefined> = [];

  constructor(private terms: string[]) {
    const counts: number[] = [];
    for (let t = 0; t < terms.length; t++) {
      const len = terms[t]!.length;
      counts[len] = (counts[len] ?? 0) + 1;
    }
    const fill: number[] = [];
    for (let len = 0; len < counts.length; len++) {
      this.byLength[len] = new Uint32Array(counts[len] ?? 0);
      fill[len] = 0;
    }
    for (let t = 0; t < terms.length; t++) {
      const len = terms[t]!.length;
      this.byLength[len]![fill[len]!++] = t;
    }
  }

  private signatures(len: number): Uint32Array {
    let sigs = this.sigsByLength[len];
    if (!sigs) {
      const bucket = this.byLength[len]!;
      sigs = new Uint32Array(bucket.length);
      for (let k = 0; k < bucket.length; k++) sigs[k] = signature(this.terms[bucket[k]!]!);
      this.sigsByLength[len] = sigs;
    }
    return sigs;
  }

  /** Term indices within `max` edits of word (the word itself excluded), with their distance. */
  find(word: string, max: number): Array<[term: number, distance: number]> {
    const out: Array<[number, number]> = [];
    if (max <= 0) return out;
    const sig = signature(word);
    const lo = Math.max(1, word.length - max);
    const hi = Math.min(this.byLength.length - 1, word.length + max);
    for (let len = lo; len <= hi; len++) {
      const bucket = this.byLength[len];
      if (!bucket) continue;
      const sigs = this.signatures(len);
      for (let k = 0; k < bucket.length; k++) {
        if (popcount((sigs[k]! ^ sig) >>> 0) > 2 * max) continue;
        const t = bucket[k]!;
        const term = this.terms[t]!;
        if (term === word) continue;
        const dist = boundedDistance(word, term, max);
        if (dist <= max) out.push([t, dist]);
      }
    }
    return out;
  }
}
