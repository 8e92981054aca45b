// The query language: words, "phrases", -excludes, #tags, @mentions and operators, parsed into clauses.
import { fold, tokenize, segChars } from './fold.js';

/** One piece of a phrase: a word (exact) or a run of segmented-script characters (any run matches). */
export type PhraseItem = { kind: 'word'; text: string } | { kind: 'seg'; text: string };

export type HasWhat = 'media' | 'poll' | 'cw' | 'alt' | 'noalt';
export type IsWhat = 'post' | 'boost' | 'reply' | 'edited' | 'quote' | 'deleted' | 'public' | 'unlisted' | 'private' | 'direct';

export type Clause =
  /** one word: typos and (when it is the word being typed) prefixes allowed unless quoted */
  | { kind: 'word'; text: string; negate: boolean; prefix: boolean; exact: boolean }
  /** words/runs that must appear next to each other, in order */
  | { kind: 'phrase'; items: PhraseItem[]; negate: boolean }
  | { kind: 'tag'; name: string; negate: boolean; prefix: boolean }
  | { kind: 'mention'; name: string; negate: boolean; prefix: boolean }
  | { kind: 'has'; what: HasWhat; negate: boolean }
  | { kind: 'is'; what: IsWhat; negate: boolean }
  | { kind: 'lang'; code: string; negate: boolean }
  /** published in [from, to) (ms, UTC) */
  | { kind: 'date'; from: number; to: number; negate: boolean };

export interface ParsedQuery {
  clauses: Clause[];
}

const HAS = new Set<string>(['media', 'poll', 'cw', 'alt', 'noalt']);
const IS = new Set<string>(['post', 'boost', 'reply', 'edited', 'quote', 'deleted', 'public', 'unlisted', 'private', 'direct']);
const IS_ALIAS: Record<string, IsWhat> = { followers: 'private', dm: 'direct', reblog: 'boost', repost: 'boost' };

/** Parses a query. Never throws: what is not a valid operator is searched as text. */
export function parseQuery(q: string): ParsedQuery {
  const clauses: Clause[] = [];
  const typing = q.length > 0 && !/\s$/u.test(q);
  let i = 0;
  while (i < q.length) {
    while (i < q.length && /\s/u.test(q[i]!)) i++;
    if (i >= q.length) break;
    let negate = false;
    if (q[i] === '-' && i + 1 < q.length && !/\s/u.test(q[i + 1]!)) {
      negate = true;
      i++;
    }
    if (q[i] === '"') {
      const close = q.indexOf('"', i + 1);
      const body = q.slice(i + 1, close < 0 ? q.length : close);
      i = close < 0 ? q.length : close + 1;
      pushText(clauses, body, negate, false, true);
      continue;
    }
    const from = i;
    while (i < q.length && !/\s/u.test(q[i]!)) i++;
    const chunk = q.slice(from, i);
    const last = i >= q.length && typing && !negate;
    if (!pushOperator(clauses, chunk, negate, last)) pushText(clauses, chunk, negate, last, false);
  }
  return { clauses };
}

function pushText(clauses: Clause[], text: string, negate: boolean, prefix: boolean, quoted: boolean): void {
  const items = textItems(text);
  if (items.length === 0) return;
  const only = items[0]!;
  if (items.length === 1 && only.kind === 'word') {
    clauses.push({ kind: 'word', text: only.text, negate, prefix: prefix && !quoted, exact: quoted });
  } else {
    clauses.push({ kind: 'phrase', items, negate });
  }
}

/** The words and segmented runs of some text, in order. */
export function textItems(text: string): PhraseItem[] {
  const folded = fold(text);
  const items: PhraseItem[] = [];
  tokenize(folded, {
    word: (start, cut) => items.push({ kind: 'word', text: folded.slice(start, cut) }),
    seg: (start, end) => items.push({ kind: 'seg', text: segChars(folded, start, end).join('') }),
  });
  return items;
}

function pushOperator(clauses: Clause[], chunk: string, negate: boolean, last: boolean): boolean {
  if (chunk.length > 1 && (chunk[0] === '#' || chunk[0] === '@')) {
    // "#tag," or "@user:" at the end of a sentence: trailing punctuation is not part of the name.
    const name = fold(chunk.slice(1)).replace(/^@/, '').replace(/[.,;:!?)\]}'"]+$/u, '');
    if (name.length === 0) return false;
    clauses.push(chunk[0] === '#' ? { kind: 'tag', name, negate, prefix: last } : { kind: 'mention', name, negate, prefix: last });
    return true;
  }
  const m = /^([a-z]+):(.+)$/i.exec(chunk);
  if (!m) return false;
  const key = m[1]!.toLowerCase();
  const value = m[2]!.toLowerCase();
  if (key === 'has' && HAS.has(value)) clauses.push({ kind: 'has', what: value as HasWhat, negate });
  else if (key === 'is' && (IS.has(value) || value in IS_ALIAS)) {
    clauses.push({ kind: 'is', what: IS_ALIAS[value] ?? (value as IsWhat), negate });
  } else if (key === 'lang' && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(value)) clauses.push({ kind: 'lang', code: value, negate });
  else if (key === 'before' || key === 'after' || key === 'on' || key === 'during') {
    const span = dateSpan(value);
    if (!span) return false;
    const [start, end] = span;
    if (key === 'before') clauses.push({ kind: 'date', from: -Infinity, to: start, negate });
    else if (key === 'after') clauses.push({ kind: 'date', from: end, to: Infinity, negate });
    else clauses.push({ kind: 'date', from: start, to: end, negate });
  } else return false;
  return true;
}

/** Popularity minimums written in a query: `likes:>10`, `likes:>=10`, `boosts:>2` (also `favs:`, `reblogs:`). */
export interface Popularity {
  minLikes?: number;
  minBoosts?: number;
}

const POPULARITY = /(^|\s)(likes|favs|favourites|boosts|reblogs|shares):(>=?)(\d{1,9})(?=\s|$)/gi;

/**
 * Takes the popularity operators out of a query (the search index holds no totals: the archive's index applies
 * them as filter minimums) and gives back the rest of the query. `>N` means at least N+1, `>=N` at least N.
 */
export function takePopularity(q: string): { rest: string; popularity: Popularity } {
  const popularity: Popularity = {};
  const rest = q.replace(POPULARITY, (_all, lead: string, key: string, op: string, n: string) => {
    const min = Number(n) + (op === '>' ? 1 : 0);
    const field = /^(likes|favs|favourites)$/i.test(key) ? 'minLikes' : 'minBoosts';
    popularity[field] = Math.max(popularity[field] ?? 0, min);
    return lead;
  });
  return { rest: rest.replace(/\s+/g, ' ').trim(), popularity };
}

/** [start, end) in ms (UTC) of a day, month or year written YYYY-MM-DD, YYYY-MM or YYYY; null when invalid. */
export function dateSpan(value: string): [number, number] | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = m[2] === undefined ? null : Number(m[2]) - 1;
  const d = m[3] === undefined ? null : Number(m[3]);
  if (mo !== null && (mo < 0 || mo > 11)) return null;
  if (mo === null) return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
  if (d === null) return [Date.UTC(y, mo, 1), Date.UTC(y, mo + 1, 1)];
  const start = Date.UTC(y, mo, d);
  if (d < 1 || new Date(start).getUTCMonth() !== mo) return null; // 2024-02-31
  return [start, start + 86_400_000];
}
