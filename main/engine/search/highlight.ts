// Match ranges in a post's original text and content warning, for the viewer to highlight.
import type { MatchRange, Post } from '../../../preload/contract.js';
import { foldWithMap, tokenize } from './fold.js';
import type { Highlight } from './plan.js';

/** Ranges [start, end) in post.text (field 'text') and post.summary (field 'summary'), sorted, merged. */
export function matchRanges(post: Post, h: Highlight): MatchRange[] {
  const out: MatchRange[] = [];
  if (h.words.size === 0 && h.prefixes.length === 0 && h.patterns.length === 0) return out;
  for (const field of ['summary', 'text'] as const) {
    const source = field === 'text' ? post.text : post.summary;
    if (source) for (const [start, end] of rangesIn(source, h)) out.push({ field, start, end });
  }
  return out;
}

function rangesIn(text: string, h: Highlight): Array<[number, number]> {
  const { folded, start, end } = foldWithMap(text);
  const found: Array<[number, number]> = [];
  tokenize(folded, {
    word(from, cut, to) {
      const term = folded.slice(from, cut);
      if (h.words.has(term) || h.prefixes.some((p) => term.startsWith(p))) found.push([from, to]);
    },
    seg() {},
  });
  for (const pattern of h.patterns) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(folded); m; m = pattern.exec(folded)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      found.push([m.index, m.index + m[0].length]);
    }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of found) {
    const o: [number, number] = [start[from]!, end[to - 1]!];
    const last = merged[merged.length - 1];
    if (last && o[0] <= last[1]) last[1] = Math.max(last[1], o[1]);
    else merged.push(o);
  }
  return merged;
}
