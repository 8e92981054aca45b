// Builds the search data from posts in one pass: folded text, term postings, and per-post metadata for operators.
import type { Post } from '../../../preload/contract.js';
import { FLAG, VISIBILITIES, type SearchData } from './data.js';
import { classAt, fold, stepAt, MAX_WORD, SEP, WORD } from './fold.js';
import { FNV_OFFSET, FNV_PRIME, TableBuilder } from './postings.js';

/** Separates fields in a doc's folded text, so a phrase never spans the end of the text and an alt text. */
export const FIELD_SEP = '\u0000';

/** The searchable text of a post: text, content warning, alt texts, poll options, tags, mentions, links, urls. */
export function searchableText(post: Post): string {
  const parts: string[] = [post.text, post.summary ?? ''];
  for (const m of post.media) if (m.description) parts.push(m.description);
  if (post.poll) for (const o of post.poll.options) parts.push(o.title);
  for (const t of post.hashtags) parts.push(t);
  for (const m of post.mentions) parts.push(m.name);
  for (const l of post.links) parts.push(l.name ? `${l.href} ${l.name}` : l.href);
  if (post.type === 'boost') parts.push(post.boostOf ?? '', post.url ?? '');
  if (post.boosted) parts.push(post.boosted.summary ?? '', post.boosted.text);
  return parts.filter((p) => p.length > 0).join(FIELD_SEP);
}

export function buildSearchData(posts: Iterable<Post>): SearchData {
  const words = new TableBuilder();
  const tags = new TableBuilder();
  const mentions = new TableBuilder();
  const seq: number[] = [];
  const published: number[] = [];
  const flags: number[] = [];
  const visibility: number[] = [];
  const lang: number[] = [];
  const langIds = new Map<string, number>();
  const length: number[] = [];
  const texts: string[] = [];
  const textStart: number[] = [0];
  let textLength = 0;
  let d = 0;
  for (const post of posts) {
    const folded = fold(searchableText(post));
    const tokens = indexWords(folded, words);
    words.endDoc(d);
    for (const t of new Set(post.hashtags.map((h) => fold(h).replace(/^#/, '')))) tags.add(t);
    tags.endDoc(d);
    for (const key of mentionKeys(post)) mentions.add(key);
    mentions.endDoc(d);

    texts.push(folded);
    textLength += folded.length;
    textStart.push(textLength);
    length.push(tokens);
    seq.push(post.seq);
    published.push(Date.parse(post.published));
    flags.push(postFlags(post));
    visibility.push(Math.max(0, VISIBILITIES.indexOf(post.visibility)));
    const code = post.language ? post.language.toLowerCase() : '';
    let id = code ? langIds.get(code) : 0;
    if (id === undefined) langIds.set(code, (id = langIds.size + 1));
    lang.push(id);
    d++;
  }

  const pub = Float64Array.from(published);
  const byDate = Uint32Array.from({ length: d }, (_, i) => i).sort((a, b) => dateKey(pub[a]!) - dateKey(pub[b]!) || a - b);
  return {
    n: d,
    seq: Uint32Array.from(seq),
    published: pub,
    flags: Uint16Array.from(flags),
    visibility: Uint8Array.from(visibility),
    lang: Uint16Array.from(lang),
    langs: [...langIds.keys()],
    length: Uint32Array.from(length),
    byDate,
    text: texts.join(''),
    textStart: Uint32Array.from(textStart),
    words: words.finish(),
    tags: tags.finish(),
    mentions: mentions.finish(),
  };
}

/** ASCII classes of folded text (only a-z and 0-9 are word characters), to skip classAt on most text. */
const ASCII = Uint8Array.from({ length: 128 }, (_, c) => (/[a-z0-9]/i.test(String.fromCharCode(c)) ? WORD : SEP));

/**
 * Adds a doc's words, and its runs of scripts without spaces by every character and every pair of
 * neighbours (so any run of 1+ characters is findable); returns the token count. Same splitting as
 * tokenize() in fold.ts, written as one loop that hashes while it scans: this is most of the build.
 */
function indexWords(folded: string, words: TableBuilder): number {
  const n = folded.length;
  let tokens = 0;
  let i = 0;
  while (i < n) {
    let c = folded.charCodeAt(i);
    const k = c < 128 ? ASCII[c]! : classAt(folded, i);
    if (k === SEP) {
      i++;
      continue;
    }
    const from = i;
    if (k === WORD) {
      tokens++;
      let h = FNV_OFFSET;
      for (;;) {
        h = Math.imul(h ^ c, FNV_PRIME);
        i++;
        if (i >= n) break;
        const high = isHighSurrogate(c);
        c = folded.charCodeAt(i);
        if (high && isLowSurrogate(c)) continue; // the second half of a character already classed
        if ((c < 128 ? ASCII[c]! : classAt(folded, i)) !== WORD) break;
      }
      if (i - from <= MAX_WORD) words.addHashed(folded, from, i, h);
      else words.addRange(folded, from, from + MAX_WORD - (isHighSurrogate(folded.charCodeAt(from + MAX_WORD - 1)) ? 1 : 0));
    } else {
      let prev = -1;
      while (i < n && classAt(folded, i) === k) {
        const next = i + stepAt(folded, i);
        words.addRange(folded, i, next);
        if (prev >= 0) words.addRange(folded, prev, next);
        prev = i;
        i = next;
        tokens++;
      }
    }
  }
  return tokens;
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Unknown dates sort as the oldest. */
export function dateKey(ms: number): number {
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** "@bob@example.social" is found by @bob and by @bob@example.social. */
function mentionKeys(post: Post): Set<string> {
  const keys = new Set<string>();
  for (const m of post.mentions) {
    const full = fold(m.name).replace(/^@/, '');
    if (!full) continue;
    keys.add(full);
    const at = full.indexOf('@');
    if (at > 0) keys.add(full.slice(0, at));
  }
  return keys;
}

function postFlags(post: Post): number {
  let f = 0;
  if (post.media.length > 0) f |= FLAG.media;
  if (post.media.some((m) => m.description && m.description.trim())) f |= FLAG.alt;
  if (post.media.some((m) => !m.description || !m.description.trim())) f |= FLAG.noalt;
  if (post.poll) f |= FLAG.poll;
  if (post.summary && post.summary.trim()) f |= FLAG.cw;
  if (post.type === 'boost') f |= FLAG.boost;
  else if (post.inReplyTo) f |= FLAG.reply;
  else f |= FLAG.post;
  if (post.updated) f |= FLAG.edited;
  if (post.quote) f |= FLAG.quote;
  return f;
}
