// The search engine's API: build an index from posts, persist it as bytes, load it back, query it.
//
// Query language (parseQuery): words (typos: 1 edit from 4 letters, 2 from 8; the last word, while typing,
// i.e. when the query does not end in a space, also matches as a prefix), "exact phrases" (and words joined by
// punctuation, e-mail, urls), runs of CJK/kana/Hangul/Thai characters (any run, by bigrams), -excludes (words,
// phrases and operators; exact), #tag and @user or @user@domain (prefix while typed, fuse.js for typos),
// has:media|poll|cw|alt|noalt, is:post|boost|reply|edited|quote|deleted|public|unlisted|private|direct, lang:xx,
// before:/after:/on: YYYY-MM-DD, YYYY-MM or YYYY (UTC; before: is earlier than the period's start, after: is
// later than its end). Operators alone are valid queries; an empty query finds nothing.
// The index is plain data (typed arrays, strings) plus functions, so it can live in a worker thread.
import type { MatchRange, Post } from '../../../preload/contract.js';
import { buildSearchData, buildSearchDataInSlices } from './build.js';
import type { Slicer } from '../time-slice.js';
import { loadData, openData, serializeData, serializeDataInParts, type SearchBytes } from './codec.js';
import type { SearchData } from './data.js';
import { Derived, execute, type Order } from './execute.js';
import { NameFinder } from './fuzzy.js';
import { matchRanges } from './highlight.js';
import { makePlan, type PlanContext } from './plan.js';
import { parseQuery } from './query.js';
import { TypoFinder } from './typo.js';

export { parseQuery } from './query.js';
export type { Clause, ParsedQuery } from './query.js';
export { naiveScan } from './naive.js';
export { fold } from './fold.js';

export interface SearchHits {
  /** Post.seq of every hit, in the order asked */
  seqs: Uint32Array;
  /** exact number of hits (seqs.length) */
  total: number;
  /** folded words the query matched (exact, prefix and typo expansions, phrases, tags), for highlighting */
  terms: string[];
  /** ranges to highlight in a post's text and content warning */
  matches(post: Post): MatchRange[];
}

export interface QueryOptions {
  order?: Order;
}

export class SearchIndex {
  private derivedCache: Derived | null = null;
  private typoCache: TypoFinder | null = null;
  private tagCache: NameFinder | null = null;
  private mentionCache: NameFinder | null = null;

  constructor(readonly data: SearchData) {}

  /** Number of indexed posts. */
  get size(): number {
    return this.data.n;
  }

  serialize(): Buffer {
    return serializeData(this.data);
  }

  /** serialize()'s bytes in parts, made between the slicer's turns (the cache writer's form). */
  serializeInParts(slicer: Slicer): Promise<Uint8Array[]> {
    return serializeDataInParts(this.data, slicer);
  }

  query(q: string, options: QueryOptions = {}): SearchHits {
    const data = this.data;
    const ctx: PlanContext = {
      data,
      typos: () => (this.typoCache ??= new TypoFinder(data.words.terms)),
      tagNames: () => (this.tagCache ??= new NameFinder(data.tags.terms)),
      mentionNames: () => (this.mentionCache ??= new NameFinder(data.mentions.terms)),
    };
    const plan = makePlan(parseQuery(q).clauses, ctx);
    const docs = execute(data, (this.derivedCache ??= new Derived(data)), plan, options.order ?? 'relevance');
    const seqs = new Uint32Array(docs.length);
    for (let k = 0; k < docs.length; k++) seqs[k] = data.seq[docs[k]!]!;
    const terms = [...new Set(plan.terms)];
    return { seqs, total: seqs.length, terms, matches: (post) => matchRanges(post, plan.highlight) };
  }
}

/** buildSearchIndex between the slicer's turns; null when `stop()` said to give up (see buildSearchDataInSlices). */
export async function buildSearchIndexInSlices(
  posts: readonly Post[], published: ArrayLike<number> | undefined, slicer: Slicer, stop: () => boolean,
): Promise<SearchIndex | null> {
  const data = await buildSearchDataInSlices(posts, published, slicer, stop);
  return data ? new SearchIndex(data) : null;
}

/** published: the posts' dates in ms when already known (see buildSearchData). */
export function buildSearchIndex(posts: Iterable<Post>, published?: ArrayLike<number>): SearchIndex {
  return new SearchIndex(buildSearchData(posts, published));
}

/** Throws (ArchiveError 'internal') when the bytes are not an intact index of this version: rebuild then. */
/** `checked`: the bytes were verified end to end by the caller (see loadData). */
export function loadSearchIndex(buf: Buffer, checked = false): SearchIndex {
  return new SearchIndex(loadData(buf, checked));
}

export type { SearchBytes } from './codec.js';

/**
 * The index over a block read in parts, each checked as it is read (see openData): throws now when its header or
 * small sections are damaged; `fail` is called (and must throw) when a part a query reads later is.
 */
export function openSearchIndex(block: SearchBytes, fail?: (why: string) => never): SearchIndex {
  return new SearchIndex(openData(block, fail));
}
