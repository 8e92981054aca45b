// A cold index: tables built over posts held in memory.
import type { Post } from '../../../preload/contract.js';
import { ArchiveIndex } from './archive-index.js';
import type { Slicer } from '../time-slice.js';
import { buildTextSearch, buildTextSearchInSlices, type TextSearch } from './search-adapter.js';
import { buildTables } from './tables.js';

export function indexPosts(posts: Post[], search?: TextSearch): ArchiveIndex {
  const { tables, ids } = buildTables(posts);
  return new ArchiveIndex(tables, { get: (pos) => posts[pos]! }, ids, () => search ?? buildTextSearch(posts));
}

/** A cold open's index with its text search built now, on the tables' dates (each date parsed once). */
export function indexPostsWithSearch(posts: Post[]): { index: ArchiveIndex; search: TextSearch } {
  const { tables, ids } = buildTables(posts);
  const search = buildTextSearch(posts, tables.columns.published);
  return { index: new ArchiveIndex(tables, { get: (pos) => posts[pos]! }, ids, () => search), search };
}

/**
 * A cold open's index, ready for pages now, its text search built behind it between the slicer's turns (the text
 * search was about a third of a cold open, and a viewer's first page needs none of it). `search()` has it at once:
 * the finished one, or, asked before the build ends, one built on the spot (the build behind then stops).
 */
export function indexPostsSearchBehind(posts: Post[], slicer: Slicer): {
  index: ArchiveIndex;
  search(): TextSearch;
  /** the search, once built (behind, or on the spot); null when abandoned first */
  built: Promise<TextSearch | null>;
  /** the archive is closed: stop building (at the next turn) */
  abandon(): void;
} {
  const { tables, ids } = buildTables(posts);
  let search: TextSearch | null = null;
  let abandoned = false;
  const now = (): TextSearch => (search ??= buildTextSearch(posts, tables.columns.published));
  const built = (async () => {
    await slicer.turn(); // the caller's first page comes first
    const behind = await buildTextSearchInSlices(posts, tables.columns.published, slicer, () => search !== null || abandoned);
    return (search ??= behind ?? (abandoned ? null : now()));
  })();
  return {
    index: new ArchiveIndex(tables, { get: (pos) => posts[pos]! }, ids, now), search: now, built,
    abandon: () => {
      abandoned = true;
    },
  };
}
