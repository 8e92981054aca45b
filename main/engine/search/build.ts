// Builds the search data from posts in one pass: folded text, term postings, and per-post metadata for operators.
import type { Post } from '../../../preload/contract.js';
import { FLAG, VISIBILITIES, type SearchData } from './data.js';
import { classAt, fold, stepAt, MAX_WORD, SEP, WORD } from './fold.js';
import { FNV_OFFSET, FNV_PRIME, TableBuilder } from './postings.js';
import type { Slicer } from '../time-slice.js';

/** Separates fields in a doc's folded text, so a phrase never spans the end of the text and an alt text. */
export const FIELD_SEP = '\u0000';

/** The searchable text of a post: text, content warning, alt texts, poll options, tags, mentions, links, urls. */
export function searchableText(post: Post): string {
  // Non-empty parts joined by FIELD_SEP, concatenated as they come (no parts array, and no closure per post).
  let out = post.text;
  if (post.summary) out = withPart(out, post.summary);
  for (const m of post.media) if (m.description) out = withPart(out, m.description);
  if (post.poll) for (const o of post.poll.options) out = withPart(out, o.title);
  for (const t of post.hashtags) out = withPart(out, t);
  for (const m of post.mentions) out = withPart(out, m.name);
  for (const l of post.links) out = withPart(out, l.name ? `${l.href} ${l.name}` : l.href);
  if (post.type === 'boost') {
    if (post.boostOf) out = withPart(out, post.boostOf);
    if (post.url) out = withPart(out, post.url);
  }
  if (post.boosted) {
    if (post.boosted.summary) out = withPart(out, post.boosted.summary);
    out = withPart(out, post.boosted.text);
  }
  return out;
}

function withPart(out: string, part: string): string {
  if (part.length === 0) return out;
  return out.length === 0 ? part : out + FIELD_SEP + part;
}

/**
 * published: the posts' dates in ms, when the caller has them already (the index tables' column, which is
 * Date.parse's value for every string): saves parsing each date again.
 */
export function buildSearchData(posts: Iterable<Post>, published?: ArrayLike<number>): SearchData {
  const list = Array.isArray(posts) ? (posts as readonly Post[]) : [...posts];
  const builder = new SearchDataBuilder(list, published);
  for (let d = 0; d < list.length; d++) builder.add(d);
  return builder.finish();
}

/**
 * buildSearchData's same result, one post per step between the slicer's turns (a cold open answers pages while its
 * search is built behind it). `stop()` true: gives up, resolving null (the search was built another way).
 */
export async function buildSearchDataInSlices(
  posts: readonly Post[], published: ArrayLike<number> | undefined, slicer: Slicer, stop: () => boolean,
): Promise<SearchData | null> {
  const builder = new SearchDataBuilder(posts, published);
  for (let d = 0; d < posts.length; d++) {
    if (slicer.due()) {
      await slicer.turn();
      if (stop()) return null;
    }
    builder.add(d);
  }
  if (slicer.due()) await slicer.turn();
  return stop() ? null : builder.finish();
}

/** The one pass of buildSearchData, a post at a time, in doc order. */
class SearchDataBuilder {
  private readonly n: number;
  private readonly words = new TableBuilder();
  private readonly tags = new TableBuilder();
  private readonly mentions = new TableBuilder();
  private readonly seq: Uint32Array;
  private readonly pub: Float64Array;
  private readonly flags: Uint16Array;
  private readonly visibility: Uint8Array;
  private readonly lang: Uint16Array;
  private readonly langIds = new Map<string, number>();
  private readonly length: Uint32Array;
  private readonly texts: string[];
  private readonly textStart: Uint32Array;
  private textLength = 0;

  constructor(private readonly list: readonly Post[], private readonly published: ArrayLike<number> | undefined) {
    const n = (this.n = list.length);
    this.seq = new Uint32Array(n);
    this.pub = new Float64Array(n);
    this.flags = new Uint16Array(n);
    this.visibility = new Uint8Array(n);
    this.lang = new Uint16Array(n);
    this.length = new Uint32Array(n);
    this.texts = new Array<string>(n);
    this.textStart = new Uint32Array(n + 1);
  }

  /** Doc d (= list[d]); docs must be added in order, each once. */
  add(d: number): void {
    const post = this.list[d]!;
    const { words, tags, mentions } = this;
    const folded = fold(searchableText(post));
    this.length[d] = indexWords(folded, words);
    words.endDoc(d);
    const hashtags = post.hashtags;
    if (hashtags.length === 1) tags.add(tagKey(hashtags[0]!));
    else if (hashtags.length > 1) for (const t of new Set(hashtags.map(tagKey))) tags.add(t);
    tags.endDoc(d);
    if (post.mentions.length > 0) for (const key of mentionKeys(post)) mentions.add(key);
    mentions.endDoc(d);

    this.texts[d] = folded;
    this.textLength += folded.length;
    this.textStart[d + 1] = this.textLength;
    this.seq[d] = post.seq;
    this.pub[d] = this.published ? this.published[d]! : Date.parse(post.published);
    this.flags[d] = postFlags(post);
    this.visibility[d] = Math.max(0, VISIBILITIES.indexOf(post.visibility));
    const code = post.language ? post.language.toLowerCase() : '';
    let id = code ? this.langIds.get(code) : 0;
    if (id === undefined) this.langIds.set(code, (id = this.langIds.size + 1));
    this.lang[d] = id;
  }

  finish(): SearchData {
    return {
      n: this.n,
      seq: this.seq,
      published: this.pub,
      flags: this.flags,
      visibility: this.visibility,
      lang: this.lang,
      langs: [...this.langIds.keys()],
      length: this.length,
      byDate: dateOrder(this.pub),
      text: this.texts.join(''),
      textStart: this.textStart,
      words: this.words.finish(),
      tags: this.tags.finish(),
      mentions: this.mentions.finish(),
    };
  }
}

/** A hashtag's term: folded, without its #. */
function tagKey(tag: string): string {
  const folded = fold(tag);
  return folded.charCodeAt(0) === 0x23 ? folded.slice(1) : folded;
}

/** Doc numbers sorted oldest first (ties: build order); archives are mostly in order already and skip the sort. */
function dateOrder(pub: Float64Array): Uint32Array {
  const n = pub.length;
  const order = new Uint32Array(n);
  let sorted = true;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    const key = dateKey(pub[i]!);
    if (key < last) sorted = false;
    else last = key;
  }
  if (sorted) return order;
  return Uint32Array.from(order).sort((a, b) => dateKey(pub[a]!) - dateKey(pub[b]!) || a - b);
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
  if (post.media.length > 0) {
    f |= FLAG.media;
    for (const m of post.media) f |= m.description && m.description.trim() ? FLAG.alt : FLAG.noalt;
  }
  if (post.poll) f |= FLAG.poll;
  if (post.summary && post.summary.trim()) f |= FLAG.cw;
  if (post.type === 'boost') f |= FLAG.boost;
  else if (post.inReplyTo) f |= FLAG.reply;
  else f |= FLAG.post;
  if (post.updated) f |= FLAG.edited;
  if (post.quote) f |= FLAG.quote;
  if (post.deleted) f |= FLAG.deleted;
  return f;
}
