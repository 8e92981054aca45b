// The one place that picks the text search behind filter.q: swap the engine here (see INTERFACES.md, Search).
import type { MatchRange, Post } from '../../../preload/contract.js';
import { buildSearchIndex, buildSearchIndexInSlices, loadSearchIndex, openSearchIndex, type SearchBytes } from '../search/index.js';
import type { Slicer } from '../time-slice.js';

/** What the index needs from a text search (the SEARCH engine's SearchIndex has this shape). */
export interface SearchHits {
  /** Post.seq of every hit, in the order asked */
  seqs: Uint32Array;
  total: number;
  terms: string[];
  matches(post: Post): MatchRange[];
}

export interface TextSearch {
  query(q: string, options?: { order?: 'relevance' | 'newest' | 'oldest' }): SearchHits;
  /** bytes for the cache; absent when the search cannot be stored (it is rebuilt from the posts) */
  serialize?(): Buffer;
  /** the same bytes in parts, made between the slicer's turns (so a serving thread is never held for long) */
  serializeInParts?(slicer: Slicer): Promise<Uint8Array[]>;
}

/** buildTextSearch between the slicer's turns (a cold open's search, built behind it); null once `stop()` says so. */
export function buildTextSearchInSlices(
  posts: readonly Post[], published: Float64Array, slicer: Slicer, stop: () => boolean,
): Promise<TextSearch | null> {
  return buildSearchIndexInSlices(posts, published, slicer, stop);
}

/** Built at a cold open over every post in archive order; published: the tables' column, when built. */
export function buildTextSearch(posts: Post[], published?: Float64Array): TextSearch {
  return buildSearchIndex(posts, published);
}

/** From the cache's search block (`checked`: its sha256 already verified); null means "rebuild from the posts" (the block is absent or unreadable). */
export function loadTextSearch(bytes: Buffer | null, checked = false): TextSearch | null {
  if (!bytes) return null;
  try {
    return loadSearchIndex(bytes, checked);
  } catch {
    return null; // damaged or of another version: rebuilt from the posts
  }
}

/**
 * From the cache's search block read in parts (a warm command: only what its query needs is read and checked).
 * null as loadTextSearch's; `fail` is called, and must throw, when a part a later query reads is damaged.
 */
export function openTextSearch(block: SearchBytes | null, fail: (why: string) => never): TextSearch | null {
  if (!block) return null;
  try {
    return openSearchIndex(block, fail);
  } catch {
    return null; // damaged header or small sections, or another version: rebuilt from the posts
  }
}

/** When the cache holds no usable search block: a search rebuilt over every post. */
export function fallbackTextSearch(count: number, get: (pos: number) => Post): TextSearch {
  return buildSearchIndex(Array.from({ length: count }, (_, i) => get(i)));
}
