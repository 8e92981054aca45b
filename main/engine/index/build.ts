// A cold index: tables built over posts held in memory.
import type { Post } from '../../../preload/contract.js';
import { ArchiveIndex } from './archive-index.js';
import { buildTextSearch, type TextSearch } from './search-adapter.js';
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
