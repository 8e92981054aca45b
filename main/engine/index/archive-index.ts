// ArchiveIndex: answers pages, posts, threads and searches from the tables, reading posts only when shown.
import type {
  Page, PageItem, PageQuery, Post, PostFilter, SearchResponse, SearchResult, SortOrder, Thread,
} from '../../../preload/contract.js';
import { PAGE_LIMIT_MAX } from '../../../preload/contract.js';
import { computeFacets } from './facets.js';
import { takePopularity } from '../search/query.js';
import { compileFilter, type PostTest } from './filter.js';
import type { SearchHits, TextSearch } from './search-adapter.js';
import type { IndexTables } from './tables.js';

/** Where the posts live: memory after a cold open, the cache file after a warm one. */
export interface PostStore {
  get(pos: number): Post;
}

/** id → position; the warm index builds it lazily from the cache's id block. */
export interface IdLookup {
  get(id: string): number | undefined;
}

interface Resolved {
  positions: Uint32Array;
  hits: SearchHits | null;
}

const RESOLVED_KEEP = 8;
const SNIPPET = 160;

export class ArchiveIndex {
  private readonly resolved = new Map<string, Resolved>();
  private seqToPos: Int32Array | null = null;
  private children: { start: Uint32Array; list: Uint32Array } | null = null;
  private textSearch: TextSearch | null = null;

  constructor(
    readonly tables: IndexTables,
    private readonly store: PostStore,
    private readonly ids: IdLookup,
    private readonly makeSearch: () => TextSearch,
  ) {}

  get count(): number {
    return this.tables.count;
  }

  search(): TextSearch {
    this.textSearch ??= this.makeSearch();
    return this.textSearch;
  }

  postAt(pos: number): Post {
    return this.store.get(pos);
  }

  post(id: string): Post | undefined {
    const pos = this.ids.get(id);
    return pos === undefined ? undefined : this.store.get(pos);
  }

  page(query: Omit<PageQuery, 'archive'>): Page {
    const offset = Math.max(0, Math.floor(Number(query.offset) || 0));
    const limit = Math.min(PAGE_LIMIT_MAX, Math.max(0, Math.floor(Number(query.limit) || 0)));
    const { positions, hits } = this.resolve(query.filter ?? {}, query.order);
    const items: PageItem[] = [];
    for (let k = offset; k < Math.min(positions.length, offset + limit); k++) {
      const post = this.store.get(positions[k]!);
      items.push(hits ? { post, matches: hits.matches(post) } : { post });
    }
    return {
      total: positions.length,
      offset,
      items,
      facets: offset === 0 ? computeFacets(this.tables, positions) : null,
      terms: hits ? hits.terms : [],
    };
  }

  /** Every post matching the filter, in archive order. */
  *posts(filter: PostFilter = {}): Iterable<Post> {
    const { positions } = this.resolve(filter, 'oldest');
    const sorted = Uint32Array.from(positions).sort();
    for (const pos of sorted) yield this.store.get(pos);
  }

  thread(id: string): Thread | undefined {
    const pos = this.ids.get(id);
    if (pos === undefined) return undefined;
    const { parent, published } = this.tables.columns;
    const seen = new Set<number>([pos]);
    const ancestors: number[] = [];
    let top = pos;
    while (parent[top]! >= 0 && !seen.has(parent[top]!)) {
      top = parent[top]!;
      seen.add(top);
      ancestors.unshift(top);
    }
    const topPost = this.store.get(top);
    const missingParent = parent[top]! < 0 && topPost.inReplyTo ? topPost.inReplyTo : null;
    const children = this.childLists();
    const descendants: number[] = [];
    const walk = (p: number) => {
      const kids = Array.from(children.list.subarray(children.start[p]!, children.start[p + 1]!));
      kids.sort((a, b) => published[a]! - published[b]! || a - b);
      for (const kid of kids) {
        if (seen.has(kid)) continue;
        seen.add(kid);
        descendants.push(kid);
        walk(kid);
      }
    };
    walk(pos);
    return {
      ancestors: ancestors.map((p) => this.store.get(p)),
      post: this.store.get(pos),
      descendants: descendants.map((p) => this.store.get(p)),
      missingParent,
    };
  }

  searchPosts(q: string, limit: number): SearchResponse {
    const started = performance.now();
    const { positions, hits } = this.resolve({ q }, 'relevance');
    const results: SearchResult[] = [];
    for (let k = 0; k < Math.min(positions.length, Math.max(0, limit)); k++) {
      const post = this.store.get(positions[k]!);
      const ranges = hits ? hits.matches(post).filter((m) => m.field === 'text') : [];
      results.push({ id: post.id, url: post.url, published: post.published, snippet: snippet(post, ranges[0]?.start) });
    }
    return { query: q, total: positions.length, tookMs: Math.round((performance.now() - started) * 100) / 100, results };
  }

  /** likesCount and sharesCount per position (-1: no total), read from the posts once, when first asked. */
  private counts: { likes: Int32Array; boosts: Int32Array } | null = null;

  private popularity(): { likes: Int32Array; boosts: Int32Array } {
    if (this.counts) return this.counts;
    const n = this.tables.count;
    const likes = new Int32Array(n);
    const boosts = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const post = this.store.get(i);
      likes[i] = post.likesCount ?? -1;
      boosts[i] = post.sharesCount ?? -1;
    }
    return (this.counts = { likes, boosts });
  }

  private resolve(asked: PostFilter, order: SortOrder): Resolved {
    const key = JSON.stringify([asked, order]);
    const cached = this.resolved.get(key);
    if (cached) {
      this.resolved.delete(key);
      this.resolved.set(key, cached);
      return cached;
    }
    // `likes:>10` in the words is the same as the filter's minimum: the search index holds no totals.
    const taken = asked.q ? takePopularity(asked.q) : null;
    const filter: PostFilter = taken ? { ...asked, q: taken.rest, ...maxOf(asked, taken.popularity) } : asked;
    let test = compileFilter(this.tables, filter);
    if (filter.minLikes !== undefined || filter.minBoosts !== undefined) {
      const { likes, boosts } = this.popularity();
      const minLikes = filter.minLikes ?? -1;
      const minBoosts = filter.minBoosts ?? -1;
      const base: PostTest | null = test;
      test = (i) => likes[i]! >= minLikes && boosts[i]! >= minBoosts && (!base || base(i));
    }
    const q = filter.q?.trim() ?? '';
    const hits = q ? this.search().query(q, { order: 'relevance' }) : null;
    const out = new Uint32Array(hits ? hits.seqs.length : this.tables.count);
    let n = 0;
    if (hits && order === 'relevance') {
      for (const seq of hits.seqs) {
        const pos = this.positionOf(seq);
        if (pos >= 0 && (!test || test(pos))) out[n++] = pos;
      }
    } else {
      let member: Uint8Array | null = null;
      if (hits) {
        member = new Uint8Array(this.tables.count);
        for (const seq of hits.seqs) {
          const pos = this.positionOf(seq);
          if (pos >= 0) member[pos] = 1;
        }
      }
      const byTime = this.tables.columns.byTime;
      const newest = order !== 'oldest';
      for (let k = 0; k < byTime.length; k++) {
        const pos = byTime[newest ? byTime.length - 1 - k : k]!;
        if ((!member || member[pos]) && (!test || test(pos))) out[n++] = pos;
      }
    }
    let positions = out.subarray(0, n);
    if (order === 'likes' || order === 'boosts') {
      // Stable over the newest-first list: equal totals stay newest first.
      const column = this.popularity()[order];
      positions = Uint32Array.from([...positions].sort((a, b) => column[b]! - column[a]!));
    }
    const result: Resolved = { positions, hits };
    this.resolved.set(key, result);
    if (this.resolved.size > RESOLVED_KEEP) this.resolved.delete(this.resolved.keys().next().value!);
    return result;
  }

  private searchedSeqs = 0;

  private positionOf(seq: number): number {
    if (!this.seqToPos) {
      // Seqs ascend with positions (they differ only where items were skipped): a binary search finds a hit's
      // position without a map of every post (a warm search's one query would pay several ms for it). Any miss
      // builds the map, so an order this does not expect still answers right; so do as many lookups as posts (a
      // server answering query after query).
      const seqs = this.tables.columns.seq;
      if (seqs[seq] === seq) return seq; // no item skipped before it: the usual case, one read
      let lo = this.searchedSeqs++ < seqs.length ? 0 : seqs.length;
      let hi = seqs.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (seqs[mid]! < seq) lo = mid + 1;
        else hi = mid;
      }
      if (lo < seqs.length && seqs[lo] === seq) return lo;
      let max = -1;
      for (let i = 0; i < seqs.length; i++) if (seqs[i]! > max) max = seqs[i]!;
      const map = new Int32Array(max + 1).fill(-1);
      for (let i = 0; i < seqs.length; i++) map[seqs[i]!] = i;
      this.seqToPos = map;
    }
    return seq < this.seqToPos.length ? this.seqToPos[seq]! : -1;
  }

  /** Children per position as a CSR table built from the parent column. */
  private childLists(): { start: Uint32Array; list: Uint32Array } {
    if (this.children) return this.children;
    const { parent } = this.tables.columns;
    const n = this.tables.count;
    const start = new Uint32Array(n + 1);
    for (let i = 0; i < n; i++) if (parent[i]! >= 0) start[parent[i]! + 1]!++;
    for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, n);
    const list = new Uint32Array(start[n]!);
    for (let i = 0; i < n; i++) if (parent[i]! >= 0) list[fill[parent[i]!]!++] = i;
    this.children = { start, list };
    return this.children;
  }
}

/** The stricter of two sets of popularity minimums. */
function maxOf(a: PostFilter, b: { minLikes?: number; minBoosts?: number }): { minLikes?: number; minBoosts?: number } {
  const out: { minLikes?: number; minBoosts?: number } = {};
  for (const k of ['minLikes', 'minBoosts'] as const) {
    const v = Math.max(a[k] ?? -1, b[k] ?? -1);
    if (v >= 0) out[k] = v;
  }
  return out;
}

/** About SNIPPET characters of plain text around `at` (the first match), on one line. */
export function snippet(post: Post, at: number | undefined): string {
  const text = post.text || post.summary || '';
  if (text.length <= SNIPPET) return text.replace(/\s+/g, ' ').trim();
  const start = at === undefined ? 0 : Math.max(0, Math.min(at - 60, text.length - SNIPPET));
  const end = Math.min(text.length, start + SNIPPET);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}
