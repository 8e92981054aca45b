// The compact, per-post columns of an index (typed arrays) and the postings of hashtags and mentions.
import type { Post, Visibility } from '../../../preload/contract.js';
import { isoMs } from '../normalize/fields.js';

/** Bits of `flags`: what a filter or a facet asks about a post, without touching the post. */
export const Flag = {
  reply: 1,
  boost: 2,
  media: 4,
  poll: 8,
  cw: 16,
  edited: 32,
  noAlt: 64,
  quote: 128,
} as const;

export const VISIBILITIES: readonly Visibility[] = ['public', 'unlisted', 'private', 'direct'];

/** Everything a filter loop reads, one entry per post, indexed by position (archive order). */
export interface IndexColumns {
  /** Post.seq (positions differ from seqs only when items were skipped) */
  seq: Uint32Array;
  /** published, ms since the epoch (NaN when unparsable) */
  published: Float64Array;
  flags: Uint16Array;
  /** index into VISIBILITIES */
  visibility: Uint8Array;
  /** 0 = none, else 1 + index into `languages` */
  language: Uint16Array;
  /** year * 12 + month (0-based) of published in UTC; 0 when unknown */
  month: Uint16Array;
  /** position of the parent when inReplyTo names a post in the archive, else -1 */
  parent: Int32Array;
  /** positions sorted oldest first by (published, position) */
  byTime: Uint32Array;
}

/** Hashtag / mention key → a [start, length] slice of `postings` (positions in archive order). */
export type PostingMap = Map<string, [number, number]>;

export interface IndexTables {
  count: number;
  columns: IndexColumns;
  languages: string[];
  postings: Uint32Array;
  hashtags: PostingMap;
  mentions: PostingMap;
  /** "YYYY-MM" → posts + boosts */
  months: Record<string, number>;
}

/** year * 12 + month (0-based) in UTC of a time; 0 when it is not a date. Arithmetic: no Date per post. */
export const monthCode = (ms: number): number => {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return 0;
  // civil_from_days (H. Hinnant), on the days since 1970-01-01
  const z = Math.floor(ms / 86_400_000) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 2 : mp - 10; // 0-based
  const year = yoe + era * 400 + (month <= 1 ? 1 : 0);
  return year * 12 + month;
};

export const monthKey = (code: number): string =>
  `${String(Math.floor(code / 12)).padStart(4, '0')}-${String((code % 12) + 1).padStart(2, '0')}`;

/** The keys under which a mention can be asked for: its href, its name, and "@user@host" derived from both. */
export function mentionKeys(name: string, href: string): string[] {
  const keys = new Set<string>();
  if (href) keys.add(href);
  const n = name.trim().toLowerCase().replace(/^@/, '');
  if (n) keys.add('@' + n);
  try {
    const url = new URL(href);
    const m = /\/(?:users\/|@)([^/]+)\/?$/.exec(url.pathname);
    if (m) keys.add(`@${decodeURIComponent(m[1]!).toLowerCase()}@${url.host.toLowerCase()}`);
    if (n && !n.includes('@')) keys.add(`@${n}@${url.host.toLowerCase()}`);
  } catch {
    // not a URL: the name alone identifies it
  }
  return [...keys];
}

export function postFlags(post: Post): number {
  let f = 0;
  if (post.type === 'boost') f |= Flag.boost;
  else if (post.inReplyTo) f |= Flag.reply;
  if (post.media.length > 0) f |= Flag.media;
  if (post.media.some((m) => !m.description || !m.description.trim())) f |= Flag.noAlt;
  if (post.poll) f |= Flag.poll;
  if (post.summary && post.summary.trim()) f |= Flag.cw;
  if (post.updated) f |= Flag.edited;
  if (post.quote) f |= Flag.quote;
  return f;
}

function toPostings(map: Map<string, number[]>, out: number[]): PostingMap {
  const result: PostingMap = new Map();
  for (const [key, list] of map) {
    result.set(key, [out.length, list.length]);
    for (const p of list) out.push(p);
  }
  return result;
}

function push(map: Map<string, number[]>, key: string, pos: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [pos]);
  else if (list[list.length - 1] !== pos) list.push(pos);
}

/** Positions ordered oldest first by (published, position); unparsable dates (NaN) first. */
function timeOrder(published: Float64Array): Uint32Array {
  const n = published.length;
  const order = new Uint32Array(n);
  let sorted = true;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    const t = published[i]!;
    const time = Number.isNaN(t) ? -Infinity : t;
    if (time < last) sorted = false;
    else last = time;
  }
  // Mastodon writes oldest first: most archives are in order already and need no sort.
  if (sorted) return order;
  const time = (i: number) => {
    const t = published[i]!;
    return Number.isNaN(t) ? -Infinity : t;
  };
  const list = Array.from(order);
  list.sort((a, b) => time(a) - time(b) || a - b);
  order.set(list);
  return order;
}

/**
 * The tables built a post at a time, in archive order: by buildTables over posts held in memory, and by the search
 * thread over the records a cold open streams it (issue 12: the tables then wait for no work on the reading thread).
 * Parents are resolved at the end (a reply may come before its parent). Each post's `parentInArchive` is the
 * caller's to set, from the parent column (the thread's posts are copies).
 */
export class TablesBuilder {
  private n = 0;
  private columns: IndexColumns = emptyColumns(1024);
  /** each id's first position: the post a reply's parent resolves to */
  private readonly ids = new Map<string, number>();
  private readonly replies: number[] = [];
  private readonly replyTo: string[] = [];
  private readonly languages: string[] = [];
  private readonly languageCode = new Map<string, number>();
  private readonly hashtags = new Map<string, number[]>();
  private readonly mentions = new Map<string, number[]>();
  // The same people are mentioned over and over: their keys (a URL parse each) are worked out once.
  private readonly mentionKeyCache = new Map<string, string[]>();
  private readonly monthCounts = new Map<number, number>();

  constructor(expected = 1024) {
    this.columns = emptyColumns(Math.max(1, expected));
  }

  add(post: Post): void {
    const i = this.n++;
    let columns = this.columns;
    if (i >= columns.seq.length) columns = this.columns = grownColumns(columns, columns.seq.length * 2);
    if (!this.ids.has(post.id)) this.ids.set(post.id, i);
    if (post.inReplyTo) {
      this.replies.push(i);
      this.replyTo.push(post.inReplyTo);
    }
    columns.seq[i] = post.seq;
    const ms = isoMs(post.published);
    columns.published[i] = ms;
    const month = monthCode(ms);
    columns.month[i] = month;
    if (month) this.monthCounts.set(month, (this.monthCounts.get(month) ?? 0) + 1);
    columns.flags[i] = postFlags(post);
    const visibility = VISIBILITIES.indexOf(post.visibility);
    columns.visibility[i] = visibility < 0 ? 0 : visibility;
    if (post.language) {
      const code = post.language;
      let c = this.languageCode.get(code);
      if (c === undefined) {
        this.languages.push(code);
        c = this.languages.length;
        this.languageCode.set(code, c);
      }
      columns.language[i] = c;
    }
    for (const tag of post.hashtags) push(this.hashtags, tag.toLowerCase(), i);
    for (const m of post.mentions) {
      const cacheKey = `${m.name}\u0000${m.href}`;
      let keys = this.mentionKeyCache.get(cacheKey);
      if (keys === undefined) {
        keys = mentionKeys(m.name, m.href);
        this.mentionKeyCache.set(cacheKey, keys);
      }
      for (const key of keys) push(this.mentions, key, i);
    }
  }

  /** The tables over the posts added, and each id's first position. Once. */
  finish(): { tables: IndexTables; ids: Map<string, number> } {
    const n = this.n;
    const columns = this.columns.seq.length === n ? this.columns : grownColumns(this.columns, n);
    columns.parent.fill(-1);
    for (let r = 0; r < this.replies.length; r++) {
      const i = this.replies[r]!;
      const parent = this.ids.get(this.replyTo[r]!);
      if (parent !== undefined && parent !== i) columns.parent[i] = parent;
    }
    const months: Record<string, number> = {};
    for (const [code, count] of [...this.monthCounts].sort((a, b) => a[0] - b[0])) months[monthKey(code)] = count;
    columns.byTime = timeOrder(columns.published);
    const flat: number[] = [];
    const tables: IndexTables = {
      count: n,
      columns,
      languages: this.languages,
      hashtags: toPostings(this.hashtags, flat),
      mentions: toPostings(this.mentions, flat),
      postings: new Uint32Array(0),
      months,
    };
    tables.postings = Uint32Array.from(flat);
    return { tables, ids: this.ids };
  }
}

function emptyColumns(n: number): IndexColumns {
  return {
    seq: new Uint32Array(n),
    published: new Float64Array(n),
    flags: new Uint16Array(n),
    visibility: new Uint8Array(n),
    language: new Uint16Array(n),
    month: new Uint16Array(n),
    parent: new Int32Array(n),
    byTime: new Uint32Array(n),
  };
}

/** The columns with room for n posts (or cut to n), each in a buffer of its own (the thread transfers them). */
function grownColumns(old: IndexColumns, n: number): IndexColumns {
  const out = emptyColumns(n);
  for (const key of Object.keys(out) as (keyof IndexColumns)[]) {
    const from = old[key];
    (out[key] as typeof from).set((from.length > n ? from.subarray(0, n) : from) as never);
  }
  return out;
}

/** Sets each post's `parentInArchive` from the parent column (the normalizer leaves it false: only the whole archive knows). */
export function setParents(posts: Post[], columns: IndexColumns): void {
  for (let i = 0; i < posts.length; i++) posts[i]!.parentInArchive = columns.parent[i]! >= 0;
}

/**
 * Builds the tables over posts in archive order, and sets each post's `parentInArchive`
 * (the normalizer leaves it false: only the whole archive knows).
 */
export function buildTables(posts: Post[]): { tables: IndexTables; ids: Map<string, number> } {
  const builder = new TablesBuilder(posts.length);
  for (const post of posts) builder.add(post);
  const built = builder.finish();
  setParents(posts, built.tables.columns);
  return built;
}
