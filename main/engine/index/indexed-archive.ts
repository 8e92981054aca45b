// The Archive object every edge uses: an ArchiveIndex plus lists, media names and the (possibly lazy) source.
import type { ArchiveInfo, PostFilter, Summary, UriList } from '../../../preload/contract.js';
import type { Archive, MediaStream } from '../archive.js';
import type { Source } from '../source/source.js';
import { statsFrom, type StatsTally } from '../stats/stats.js';
import type { ArchiveIndex } from './archive-index.js';
import { Flag } from './tables.js';
import { groupByServer } from './uri-list.js';

export interface IndexedArchiveParts {
  info: ArchiveInfo;
  summary: Summary;
  index: ArchiveIndex;
  /** the lists, or what reads them when first asked for (a warm open's cache) */
  likes: readonly string[] | (() => readonly string[]);
  bookmarks: readonly string[] | (() => readonly string[]);
  /** entry name → media type: every resolved attachment path, the avatar and the header */
  media: ReadonlyMap<string, string> | (() => ReadonlyMap<string, string>);
  /** the archive's source, opened now (cold) or on the first media request (warm) */
  source: Source | (() => Promise<Source>);
  /** releases what the parts hold besides the source (the cache file) */
  release?: () => void;
  /** work still running for this archive (the cache write), awaited by close() */
  settle?: () => Promise<void>;
  /** the stats tally of every post (see StatsTally), when known */
  statsTally?: () => StatsTally | null;
}

export function createIndexedArchive(parts: IndexedArchiveParts): Archive {
  const { index } = parts;
  let source: Promise<Source> | null = typeof parts.source === 'function' ? null : Promise.resolve(parts.source);
  let likes: UriList | null = null;
  let bookmarks: UriList | null = null;
  let media: ReadonlyMap<string, string> | null = null;
  let closed = false;
  /** A media entry the index knows, with the source holding it (opened on first use). */
  const mediaEntry = async (path: string): Promise<{ source: Source; size: number; mediaType: string } | undefined> => {
    if (closed) return undefined;
    media ??= typeof parts.media === 'function' ? parts.media() : parts.media;
    const mediaType = media.get(path);
    if (mediaType === undefined) return undefined;
    source ??= (parts.source as () => Promise<Source>)();
    const s = await source;
    const entry = s.entries.get(path);
    return entry ? { source: s, size: entry.size, mediaType } : undefined;
  };
  return {
    info: parts.info,
    summary: () => parts.summary,
    page: (query) => index.page(query),
    post: (id) => index.post(id),
    thread: (id) => index.thread(id),
    search: (q, limit) => index.searchPosts(q, limit),
    likes: () => (likes ??= groupByServer(typeof parts.likes === 'function' ? parts.likes() : parts.likes)),
    bookmarks: () => (bookmarks ??= groupByServer(typeof parts.bookmarks === 'function' ? parts.bookmarks() : parts.bookmarks)),
    posts: (filter?: PostFilter) => index.posts(filter),
    statsOfAll(options) {
      const tally = parts.statsTally?.() ?? null;
      if (!tally) return null;
      const { published, flags } = index.tables.columns;
      return statsFrom(tally, { count: index.tables.count, published, flags, boostFlag: Flag.boost }, options);
    },
    async openMedia(path: string): Promise<MediaStream | undefined> {
      const found = await mediaEntry(path);
      if (!found) return undefined;
      return { stream: await found.source.open(path), size: found.size, mediaType: found.mediaType };
    },
    async mediaBytes(path: string, maxBytes: number): Promise<Buffer | null | undefined> {
      const found = await mediaEntry(path);
      if (!found) return undefined;
      return found.source.bytes ? found.source.bytes(path, maxBytes) : null;
    },
    async close() {
      if (closed) return;
      closed = true;
      await parts.settle?.();
      parts.release?.();
      if (source) await (await source.catch(() => null))?.close();
    },
  };
}
