// A cold index: tables built over posts held in memory.
import type { Post } from '../../../preload/contract.js';
import { ArchiveIndex } from './archive-index.js';
import type { Slicer } from '../time-slice.js';
import { searchInputInSlices } from '../search/build.js';
import { buildTextSearch, buildTextSearchInSlices, loadTextSearch, type TextSearch } from './search-adapter.js';
import type { SearchThread } from './search-thread.js';
import { buildTables, setParents, type IndexTables } from './tables.js';
import type { IdLookup } from './archive-index.js';

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
 * The most posts whose search goes to a worker thread. The thread holds a second copy of every text and builds in
 * its own heap: at 100k that is ~130 MB more peak RSS for ~0.6 s less on this thread, but at 1M the cold open's
 * peak went from 2772 to 3656 MB (measured with `npm run bench -- --sizes 0 --million`), far over the 2 GB a 1M
 * archive may take. Above this, memory matters more than the second core: the search is built here, between turns.
 */
export const SEARCH_THREAD_MAX_POSTS = 300_000;

/**
 * A cold open's index, ready for pages now, its text search built behind it: on `thread` (a worker, the second
 * core) when given, else between the slicer's turns (the text search was about a third of a cold open, and a
 * viewer's first page needs none of it). `search()` has it at once: the finished one, or, asked before the build
 * ends, one built on the spot (the build behind then stops). A thread that fails costs only time: the build is
 * done here instead, and a process warning says why. Over `maxThreadPosts` posts the thread is stopped unused.
 */
export function indexPostsSearchBehind(
  posts: Post[], slicer: Slicer, given?: SearchThread | null, maxThreadPosts = SEARCH_THREAD_MAX_POSTS,
  /** the search's bytes from a thread that was streamed the post records (open-cold.ts): `given` is then unused */
  streamed?: Promise<Buffer | null>,
  /** the tables over these posts, built by that thread from the records (open-cold.ts): not built again here */
  prebuilt?: IndexTables | null,
): {
  index: ArchiveIndex;
  search(): TextSearch;
  /** the search, once built (behind, or on the spot); null when abandoned first */
  built: Promise<TextSearch | null>;
  /** the archive is closed: stop building (at the next turn) */
  abandon(): void;
  /**
   * Resolves once the thread has its input (at once without a thread): work that competes for this thread's turns
   * (the stats tally) waits for it, so the other core starts as early as it can.
   */
  handedOver: Promise<void>;
} {
  let thread = given ?? null;
  if (thread && !streamed && posts.length > maxThreadPosts) {
    thread.stop();
    thread = null;
  }
  const { tables, ids } = prebuilt && prebuilt.count === posts.length ? adopt(posts, prebuilt) : buildTables(posts);
  let search: TextSearch | null = null;
  let abandoned = false;
  const stopped = () => search !== null || abandoned;
  const now = (): TextSearch => {
    if (!search) {
      thread?.stop(); // asked before the thread answered: built here now, the thread's work is not needed
      search = buildTextSearch(posts, tables.columns.published);
    }
    return search;
  };
  let handOver = (): void => undefined;
  const handedOver = thread && !streamed ? new Promise<void>((resolve) => (handOver = resolve)) : Promise.resolve();
  const built = (async () => {
    await slicer.turn(); // the caller's first page comes first
    if (streamed) {
      const bytes = await streamed;
      if (bytes) return (search ??= storedSearch(bytes, () => buildTextSearch(posts, tables.columns.published)));
      if (!stopped()) {
        process.emitWarning(`The search index was built on the main thread instead of its worker: ${thread?.why ?? 'its answer was unreadable'}.`,
          { code: 'OUTBOX_SEARCH_WORKER' });
      }
    } else if (thread) {
      const input = await searchInputInSlices(posts, tables.columns.published, slicer, stopped);
      const building = input && thread.build(input);
      handOver();
      const bytes = await building;
      if (bytes) return (search ??= storedSearch(bytes, () => buildTextSearch(posts, tables.columns.published)));
      if (!stopped()) {
        process.emitWarning(`The search index was built on the main thread instead of its worker: ${thread.why ?? 'its answer was unreadable'}.`,
          { code: 'OUTBOX_SEARCH_WORKER' });
      }
    }
    const behind = await buildTextSearchInSlices(posts, tables.columns.published, slicer, stopped);
    return (search ??= behind ?? (abandoned ? null : now()));
  })();
  built.finally(handOver).catch(() => undefined);
  return {
    index: new ArchiveIndex(tables, { get: (pos) => posts[pos]! }, ids, now), search: now, built, handedOver,
    abandon: () => {
      abandoned = true;
      thread?.stop();
    },
  };
}

/**
 * The search a worker built, as the bytes it sent: the cache stores those same bytes (no second serialization), and
 * they are loaded when first queried (a cold `outbox summary` never queries). Bytes that do not load (never seen:
 * the worker is this same build) are replaced by a search built from the posts.
 */
function storedSearch(bytes: Buffer, rebuild: () => TextSearch): TextSearch {
  let loaded: TextSearch | null = null;
  return {
    query: (q, options) => (loaded ??= loadTextSearch(bytes, true) ?? rebuild()).query(q, options),
    serialize: () => bytes,
    serializeInParts: () => Promise.resolve([bytes]),
  };
}

/**
 * Tables a thread built over copies of these posts: the posts get their parentInArchive from it, and the id lookup
 * (a Map of every id, which a cold `outbox summary` never asks) is built when first asked.
 */
function adopt(posts: Post[], tables: IndexTables): { tables: IndexTables; ids: IdLookup } {
  setParents(posts, tables.columns);
  let map: Map<string, number> | null = null;
  const ids: IdLookup = {
    get: (id) => {
      if (!map) {
        map = new Map();
        for (let i = posts.length - 1; i >= 0; i--) map.set(posts[i]!.id, i);
      }
      return map.get(id);
    },
  };
  return { tables, ids };
}
