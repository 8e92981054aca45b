// The compact, per-post columns of an index (typed arrays) and the postings of hashtags and mentions.
import type { Post, Visibility } from '../../../preload/contract.js';

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

export const monthCode = (ms: number): number => {
  if (!Number.isFinite(ms)) return 0;
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
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

/**
 * Builds the tables over posts in archive order, and sets each post's `parentInArchive`
 * (the normalizer leaves it false: only the whole archive knows).
 */
export function buildTables(posts: Post[]): { tables: IndexTables; ids: Map<string, number> } {
  const n = posts.length;
  const ids = new Map<string, number>();
  posts.forEach((p, i) => {
    if (!ids.has(p.id)) ids.set(p.id, i);
  });
  const columns: IndexColumns = {
    seq: new Uint32Array(n),
    published: new Float64Array(n),
    flags: new Uint16Array(n),
    visibility: new Uint8Array(n),
    language: new Uint16Array(n),
    month: new Uint16Array(n),
    parent: new Int32Array(n),
    byTime: new Uint32Array(n),
  };
  const languages: string[] = [];
  const languageCode = new Map<string, number>();
  const hashtags = new Map<string, number[]>();
  const mentions = new Map<string, number[]>();
  const months: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const post = posts[i]!;
    const parent = post.inReplyTo ? ids.get(post.inReplyTo) : undefined;
    post.parentInArchive = parent !== undefined && parent !== i;
    columns.parent[i] = post.parentInArchive ? parent! : -1;
    columns.seq[i] = post.seq;
    const ms = Date.parse(post.published);
    columns.published[i] = ms;
    columns.month[i] = monthCode(ms);
    if (columns.month[i]) {
      const key = monthKey(columns.month[i]!);
      months[key] = (months[key] ?? 0) + 1;
    }
    columns.flags[i] = postFlags(post);
    columns.visibility[i] = Math.max(0, VISIBILITIES.indexOf(post.visibility));
    if (post.language) {
      const code = post.language;
      let c = languageCode.get(code);
      if (c === undefined) {
        languages.push(code);
        c = languages.length;
        languageCode.set(code, c);
      }
      columns.language[i] = c;
    }
    for (const tag of post.hashtags) push(hashtags, tag.toLowerCase(), i);
    for (const m of post.mentions) for (const key of mentionKeys(m.name, m.href)) push(mentions, key, i);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  const time = (i: number) => {
    const t = columns.published[i]!;
    return Number.isNaN(t) ? -Infinity : t;
  };
  order.sort((a, b) => time(a) - time(b) || a - b);
  columns.byTime.set(order);
  const flat: number[] = [];
  const tables: IndexTables = {
    count: n,
    columns,
    languages,
    hashtags: toPostings(hashtags, flat),
    mentions: toPostings(mentions, flat),
    postings: new Uint32Array(0),
    months,
  };
  tables.postings = Uint32Array.from(flat);
  return { tables, ids };
}
