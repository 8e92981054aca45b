// A correct, unindexed text matcher: folded substring match of every word, "phrases" and -exclusions.
// Test-only (a reference for index tests): stands in for the search engine (main/engine/search) behind search-adapter.ts.
import type { MatchRange, Post } from '../../../preload/contract.js';
import type { SearchHits, TextSearch } from '../../../main/engine/index/search-adapter.js';

/** Case- and diacritics-folded form used on both sides of a match. */
export const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

export interface ParsedQuery {
  /** words and phrases that must all occur (folded) */
  include: string[];
  exclude: string[];
}

export function parseQuery(q: string): ParsedQuery {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const m of q.matchAll(/(-?)"([^"]*)"?|(\S+)/g)) {
    const negative = m[1] === '-' || (m[3] !== undefined && m[3].startsWith('-') && m[3].length > 1);
    const text = fold(m[2] ?? (negative ? m[3]!.slice(1) : m[3]!)).trim();
    if (!text) continue;
    (negative ? exclude : include).push(text);
  }
  return { include, exclude };
}

function haystack(post: Post): string {
  const parts = [post.text, post.summary ?? ''];
  for (const m of post.media) if (m.description) parts.push(m.description);
  if (post.poll) for (const o of post.poll.options) parts.push(o.title);
  for (const t of post.hashtags) parts.push('#' + t);
  return fold(parts.join('\n'));
}

/** Ranges [start, end) in the original `text` where a folded term occurs. */
export function textMatches(text: string, terms: string[]): MatchRange[] {
  if (terms.length === 0 || !text) return [];
  // Fold one code point at a time so folded offsets map back to the original string.
  let folded = '';
  const start: number[] = [];
  const end: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) {
      start.push(i);
      end.push(i + ch.length);
    }
    folded += f;
    i += ch.length;
  }
  const ranges: MatchRange[] = [];
  for (const term of terms) {
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + term.length)) {
      ranges.push({ field: 'text', start: start[at]!, end: end[at + term.length - 1]! });
    }
  }
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  return ranges;
}

/** The matcher over a list of posts reached by position; haystacks are folded once, on the first query. */
export function createSimpleSearch(count: number, get: (pos: number) => Post): TextSearch {
  let hay: string[] | null = null;
  let seqs: Uint32Array | null = null;
  let published: Float64Array | null = null;
  const prepare = () => {
    if (hay) return;
    hay = new Array<string>(count);
    seqs = new Uint32Array(count);
    published = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const post = get(i);
      hay[i] = haystack(post);
      seqs[i] = post.seq;
      published[i] = Date.parse(post.published);
    }
  };
  return {
    query(q, options) {
      prepare();
      const { include, exclude } = parseQuery(q);
      const found: Array<[number, number]> = [];
      if (include.length > 0 || exclude.length > 0) {
        for (let i = 0; i < count; i++) {
          const h = hay![i]!;
          if (!include.every((t) => h.includes(t)) || exclude.some((t) => h.includes(t))) continue;
          let score = 0;
          for (const t of include) for (let at = h.indexOf(t); at >= 0; at = h.indexOf(t, at + t.length)) score++;
          found.push([i, score]);
        }
      }
      const order = options?.order ?? 'relevance';
      const time = (i: number) => (Number.isNaN(published![i]!) ? -Infinity : published![i]!);
      if (order === 'oldest') found.sort((a, b) => time(a[0]) - time(b[0]) || a[0] - b[0]);
      else if (order === 'newest') found.sort((a, b) => time(b[0]) - time(a[0]) || b[0] - a[0]);
      else found.sort((a, b) => b[1] - a[1] || time(b[0]) - time(a[0]) || b[0] - a[0]);
      const hits: SearchHits = {
        seqs: Uint32Array.from(found, ([i]) => seqs![i]!),
        total: found.length,
        terms: include,
        matches: (post) => textMatches(post.text, include),
      };
      return hits;
    },
  };
}
