// The Archive: one opened, indexed archive, as every edge (CLI, server, desktop) uses it.
import type { Readable } from 'node:stream';
import type {
  ArchiveInfo, OpenProgress, Page, PageQuery, Post, PostFilter, SearchResponse, Summary, Thread, UriList,
} from '../../preload/contract.js';
import type { Source } from './source/source.js';
import type { Stats, StatsOptions } from './stats/stats.js';

export interface OpenOptions {
  /** Folder for the index cache; null disables the cache. Default: OUTBOX_CACHE_DIR or the OS cache folder. */
  cacheDir?: string | null;
  onProgress?: (progress: OpenProgress) => void;
  signal?: AbortSignal;
  /**
   * A cold open that can find the newest posts early (an ActivityPub outbox) hands over an Archive of them first
   * (ArchiveInfo.indexing, see createPreviewArchive), then reads the rest between turns of the event loop. Browser
   * mode shows its first page from it. Warm opens and other readers never call it. The rest of the read waits for
   * what it returns.
   */
  onPreview?: (preview: Archive) => void | Promise<void>;
  /**
   * The archive's source, already opened by the caller for the same path (`outbox serve` checks the container before
   * it prints its address): a cold open reads it instead of reading the container's listing again. The open owns it
   * from then on (a warm open closes it at once).
   */
  source?: Source;
  /**
   * Check a warm cache's ids and post records when each part is first read, not all at open (cache/cache-file.ts):
   * a damaged part then fails that read with ArchiveError 'damaged-cache' (the cache removed) instead of the open
   * falling back to the archive. For callers that run again from the archive on that error (the CLI). Default false.
   */
  checkCacheWhenRead?: boolean;
  /**
   * A cold open with a cache to write may make the posts' cache records as it reads and stream them to the search
   * thread (open-cold.ts): the search is then ready when the read ends. The records are held until the cache is
   * written, so a caller that goes on to hold much more (an export that renders a site) says false: a 100k site's
   * cold peak RSS was 1030–1040 MB with the stream, 873–914 MB without (the floor's ~920). Default true.
   */
  streamRecords?: boolean;
}

export interface MediaStream {
  stream: Readable;
  size: number;
  mediaType: string;
}

export interface Archive {
  readonly info: ArchiveInfo;
  summary(): Summary;
  /** A window of the posts matching the filter, in the order asked. */
  page(query: Omit<PageQuery, 'archive'>): Page;
  post(id: string): Post | undefined;
  thread(id: string): Thread | undefined;
  search(q: string, limit: number): SearchResponse;
  likes(): UriList;
  bookmarks(): UriList;
  /** Every post matching the filter in archive order (oldest first): for exports. */
  posts(filter?: PostFilter): Iterable<Post>;
  /**
   * computeStats over every post (no filter), answered from the stored tally and the index's columns without
   * reading a post; null when this archive has no tally yet (a cache written before it kept one).
   */
  statsOfAll?(options?: StatsOptions): Stats | null;
  /**
   * Bytes of one archive entry that the index knows (media, avatar, header), resolved through the entry map,
   * never by joining paths. Undefined for any other name.
   */
  openMedia(path: string): Promise<MediaStream | undefined>;
  /**
   * openMedia's entry whole in memory, for exports that copy thousands of small files: undefined for the names
   * openMedia refuses, null when the entry is larger than maxBytes or the container has no cheaper way (stream it).
   */
  mediaBytes?(path: string, maxBytes: number): Promise<Buffer | null | undefined>;
  close(): Promise<void>;
}
