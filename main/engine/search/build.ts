// Builds the search data from posts in one pass: folded text, term postings, and per-post metadata for operators.
import type { Post } from '../../../preload/contract.js';
import { FLAG, VISIBILITIES, type SearchColumns, type SearchData } from './data.js';
import { classAt, fold, stepAt, MAX_WORD, SEP, WORD } from './fold.js';
import { FNV_OFFSET, FNV_PRIME, TableBuilder } from './postings.js';
import { decodeParts, TextBytes } from './text-bytes.js';
import type { Slicer } from '../time-slice.js';
import { isoMs } from '../normalize/fields.js';

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
 * What the build reads of each post, flat: the texts as one string and the rest as typed arrays, so the input
 * crosses to a worker thread as a few copies and transfers (a structured clone of 100k posts costs more than
 * the build it would save). Everything that depends on folding is left to the build.
 */
export interface SearchInput extends SearchColumns {
  /** every post's searchableText, one after another: doc d's ends at textEnd[d] */
  text: string;
  textEnd: Uint32Array;
  /** hashtags then mention names of every post: doc d's hashtags are names[nameEnd[d - 1] .. tagEnd[d]), its mentions names[tagEnd[d] .. nameEnd[d]) */
  names: string[];
  tagEnd: Uint32Array;
  nameEnd: Uint32Array;
}

/** Gathers a SearchInput a post at a time, in doc order. */
class InputBuilder {
  private readonly input: SearchInput;
  private readonly texts: string[];
  private readonly langIds = new Map<string, number>();
  private textLength = 0;

  /** room for `n` posts (grow() makes more, trim() fits the arrays to the posts added) */
  constructor(n: number, private readonly published: ArrayLike<number> | undefined) {
    this.texts = new Array<string>(n);
    this.input = {
      n, text: '', textEnd: new Uint32Array(n), names: [], tagEnd: new Uint32Array(n), nameEnd: new Uint32Array(n),
      seq: new Uint32Array(n), published: new Float64Array(n), flags: new Uint16Array(n), visibility: new Uint8Array(n),
      lang: new Uint16Array(n), langs: [],
    };
  }

  add(d: number, post: Post): void {
    const input = this.input;
    const text = searchableText(post);
    this.texts[d] = text;
    input.textEnd[d] = this.textLength += text.length;
    const names = input.names;
    for (const t of post.hashtags) names.push(t);
    input.tagEnd[d] = names.length;
    for (const m of post.mentions) names.push(m.name);
    input.nameEnd[d] = names.length;
    input.seq[d] = post.seq;
    input.published[d] = this.published ? this.published[d]! : isoMs(post.published);
    input.flags[d] = postFlags(post);
    input.visibility[d] = Math.max(0, VISIBILITIES.indexOf(post.visibility));
    const code = post.language ? post.language.toLowerCase() : '';
    let id = code ? this.langIds.get(code) : 0;
    if (id === undefined) {
      this.langIds.set(code, (id = this.langIds.size + 1));
      input.langs.push(code);
    }
    input.lang[d] = id;
  }

  /** Room for `n` posts, the ones added kept (the same input object: a builder holding it sees the new arrays). */
  resize(n: number): void {
    const input = this.input;
    const fit = <T extends Uint32Array | Float64Array | Uint16Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const out = make(n);
      out.set(a.subarray(0, Math.min(a.length, n)) as never);
      return out;
    };
    input.textEnd = fit(input.textEnd, (k) => new Uint32Array(k));
    input.tagEnd = fit(input.tagEnd, (k) => new Uint32Array(k));
    input.nameEnd = fit(input.nameEnd, (k) => new Uint32Array(k));
    input.seq = fit(input.seq, (k) => new Uint32Array(k));
    input.published = fit(input.published, (k) => new Float64Array(k));
    input.flags = fit(input.flags, (k) => new Uint16Array(k));
    input.visibility = fit(input.visibility, (k) => new Uint8Array(k));
    input.lang = fit(input.lang, (k) => new Uint16Array(k));
    input.n = n;
  }

  /**
   * The input; `joined` false leaves `text` empty (a build on this thread takes each post's with takeText()). The
   * arrays are filled as posts are added, so the input may be taken first.
   */
  finish(joined = true): SearchInput {
    if (joined) this.input.text = this.texts.join('');
    return this.input;
  }

  /**
   * Doc d's searchable text, as gathered, let go of here: a build on this thread indexes each text once, and keeping
   * every one to the end was a second copy of all the texts (~500 MB more peak at 1M posts, measured).
   */
  takeText(d: number): string {
    const text = this.texts[d]!;
    this.texts[d] = '';
    return text;
  }
}

/** The build's input from posts; published: as for buildSearchData. */
export function searchInput(posts: readonly Post[], published?: ArrayLike<number>): SearchInput {
  const builder = new InputBuilder(posts.length, published);
  for (let d = 0; d < posts.length; d++) builder.add(d, posts[d]!);
  return builder.finish();
}

/** searchInput between the slicer's turns; null once `stop()` says so. */
export async function searchInputInSlices(
  posts: readonly Post[], published: ArrayLike<number> | undefined, slicer: Slicer, stop: () => boolean,
): Promise<SearchInput | null> {
  const builder = new InputBuilder(posts.length, published);
  for (let d = 0; d < posts.length; d++) {
    if (slicer.due()) {
      await slicer.turn();
      if (stop()) return null;
    }
    builder.add(d, posts[d]!);
  }
  return stop() ? null : builder.finish();
}

/**
 * published: the posts' dates in ms, when the caller has them already (the index tables' column, which is
 * Date.parse's value for every string): saves parsing each date again.
 */
export function buildSearchData(posts: Iterable<Post>, published?: ArrayLike<number>): SearchData {
  const list = Array.isArray(posts) ? (posts as readonly Post[]) : [...posts];
  const pass = onePass(list, published);
  for (let d = 0; d < list.length; d++) pass.add(d);
  return pass.finish();
}

/**
 * The build on this thread, one pass: each post gathered and indexed while its fields are at hand (a second pass
 * over 100k posts spread through the heap measured ~10% slower), its text never joined and let go once indexed.
 */
function onePass(list: readonly Post[], published: ArrayLike<number> | undefined): { add(d: number): void; finish(): SearchData } {
  const gathered = new InputBuilder(list.length, published);
  const builder = new SearchDataBuilder(gathered.finish(false), (d) => gathered.takeText(d));
  return {
    add(d) {
      gathered.add(d, list[d]!);
      builder.add(d);
    },
    finish: () => builder.finish(),
  };
}

/** buildSearchData from its flat input (what a worker thread receives). */
export function buildSearchDataFrom(input: SearchInput): SearchData {
  const builder = new SearchDataBuilder(input, joinedText(input));
  for (let d = 0; d < input.n; d++) builder.add(d);
  return builder.finish();
}

/** Doc d's text in a SearchInput's one string. */
const joinedText = (input: SearchInput) => (d: number): string => input.text.slice(d === 0 ? 0 : input.textEnd[d - 1]!, input.textEnd[d]!);

/**
 * buildSearchData's same result, one post per step between the slicer's turns (a cold open answers pages while its
 * search is built behind it). `stop()` true: gives up, resolving null (the search was built another way).
 */
export async function buildSearchDataInSlices(
  posts: readonly Post[], published: ArrayLike<number> | undefined, slicer: Slicer, stop: () => boolean,
): Promise<SearchData | null> {
  const pass = onePass(posts, published);
  for (let d = 0; d < posts.length; d++) {
    if (slicer.due()) {
      await slicer.turn();
      if (stop()) return null;
    }
    pass.add(d);
  }
  if (slicer.due()) await slicer.turn();
  return stop() ? null : pass.finish();
}

/**
 * buildSearchData's same result over posts given one at a time, their number not known before the end: a worker
 * thread builds the search from the post records a cold open streams to it while the archive is still being read.
 */
export class SearchStream {
  private n = 0;
  private room = 1024;
  private readonly gathered = new InputBuilder(this.room, undefined);
  private readonly builder = new SearchDataBuilder(this.gathered.finish(false), (d) => this.gathered.takeText(d));

  /** The next post, in archive order. */
  add(post: Post): void {
    if (this.n === this.room) {
      this.room *= 2;
      this.gathered.resize(this.room);
      this.builder.resize(this.room);
    }
    this.gathered.add(this.n, post);
    this.builder.add(this.n);
    this.n++;
  }

  finish(): SearchData {
    this.gathered.resize(this.n);
    this.builder.resize(this.n);
    return this.builder.finish();
  }
}

/** The one pass of the build over a SearchInput, a doc at a time, in doc order. */
class SearchDataBuilder {
  private readonly words = new TableBuilder();
  private readonly tags = new TableBuilder();
  private readonly mentions = new TableBuilder();
  private length: Uint32Array;
  /** the folded texts, as UTF-8 (a string per doc kept to the end held the text twice at the join) */
  private readonly text = new TextBytes();
  private textStart: Uint32Array;

  /** textOf(d): doc d's searchable text (from the input's one string, or as gathered on this thread) */
  constructor(private readonly input: SearchInput, private readonly textOf: (d: number) => string) {
    const n = input.n;
    this.length = new Uint32Array(n);
    this.textStart = new Uint32Array(n + 1);
  }

  /** Room for `n` docs (the input resized alike), the ones added kept. */
  resize(n: number): void {
    const length = new Uint32Array(n);
    length.set(this.length.subarray(0, Math.min(n, this.length.length)));
    const textStart = new Uint32Array(n + 1);
    textStart.set(this.textStart.subarray(0, Math.min(n + 1, this.textStart.length)));
    this.length = length;
    this.textStart = textStart;
  }

  /** Doc d; docs must be added in order, each once. */
  add(d: number): void {
    const { input, words, tags, mentions } = this;
    const folded = fold(this.textOf(d));
    this.length[d] = indexWords(folded, words);
    words.endDoc(d);
    const names = input.names;
    const from = d === 0 ? 0 : input.nameEnd[d - 1]!;
    const tagEnd = input.tagEnd[d]!;
    if (tagEnd - from === 1) tags.add(tagKey(names[from]!));
    else if (tagEnd - from > 1) for (const t of new Set(names.slice(from, tagEnd).map(tagKey))) tags.add(t);
    tags.endDoc(d);
    const nameEnd = input.nameEnd[d]!;
    if (nameEnd > tagEnd) for (const key of mentionKeys(names, tagEnd, nameEnd)) mentions.add(key);
    mentions.endDoc(d);

    this.text.add(folded);
    this.textStart[d + 1] = this.text.length;
  }

  finish(): SearchData {
    const input = this.input;
    const textParts = this.text.finish();
    let text: string | null = null;
    const data: Omit<SearchData, 'text'> = {
      n: input.n,
      seq: input.seq,
      published: input.published,
      flags: input.flags,
      visibility: input.visibility,
      lang: input.lang,
      langs: input.langs,
      length: this.length,
      byDate: dateOrder(input.published),
      textStart: this.textStart,
      textParts,
      words: this.words.finish(),
      tags: this.tags.finish(),
      mentions: this.mentions.finish(),
    };
    // Decoded when a query first needs it (a phrase is verified on it): a cold open that is only cached never does.
    return Object.defineProperty(data, 'text', { enumerable: true, get: () => (text ??= decodeParts(textParts)) }) as SearchData;
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

/** "@bob@example.social" is found by @bob and by @bob@example.social; names[from .. to) are one post's mentions. */
function mentionKeys(names: readonly string[], from: number, to: number): Set<string> {
  const keys = new Set<string>();
  for (let i = from; i < to; i++) {
    const full = fold(names[i]!).replace(/^@/, '');
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
