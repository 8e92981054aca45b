// openArchive: an archive path → an indexed Archive, from the cache when it is still valid, else read cold.
import { promises as fs, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ArchiveInfo, OpenProgress, Post, Profile, Summary } from '../../preload/contract.js';
import type { Archive, OpenOptions } from './archive.js';
import { CacheDamaged, looksLikeCacheFile, readCacheFile, writeCacheFile, type CacheContent } from './cache/cache-file.js';
import { archiveIdentity, cacheFileName, cacheFolder, cacheFolderWarning, removeStale, type ArchiveIdentity } from './cache/location.js';
import { demoArchivePath } from './demo.js';
import { ArchiveError } from './errors.js';
import { ArchiveIndex } from './index/archive-index.js';
import { indexPostsSearchBehind } from './index/build.js';
import { startSearchThread } from './index/search-thread.js';
import { createIndexedArchive } from './index/indexed-archive.js';
import { createPreviewArchive, PREVIEW_POSTS } from './index/preview-archive.js';
import type { NewestPage } from './readers/reader.js';
import { fallbackTextSearch, loadTextSearch, openTextSearch } from './index/search-adapter.js';
import { openExport, pickReader } from './readers/pick.js';
import { mediaTypeOf } from './source/media-type.js';
import { openSource } from './source/open-source.js';
import type { Source } from './source/source.js';
import { StatsCounter, type StatsTally } from './stats/stats.js';
import { summarize } from './summary.js';
import { timeSlicer, type Slicer } from './time-slice.js';

/** What the cache keeps beside the index: everything ArchiveInfo and the Archive need without the posts. */
interface CachedExtra {
  /** realpath of the archive, for opening its media later */
  location: string;
  name: string;
  profile: Profile;
  summary: Summary;
  warnings: string[];
  likes: string[];
  bookmarks: string[];
  media: Array<[string, string]>;
  /** files whose size and mtime must still match (a folder archive's outbox.json) */
  checks: Array<[string, number, number]>;
  /** the stats tally of every post (absent in caches written before it was kept): `outbox stats` reads no post */
  stats?: StatsTally;
}

/** The long lists of CachedExtra, kept in blocks of their own: a warm `outbox summary` never parses them. */
const APART: ReadonlyArray<keyof CachedExtra> = ['likes', 'media'];

type Report = (phase: OpenProgress['phase'], bytesRead: number, bytesTotal: number, items: number) => void;

/** Progress, throttled to about every 100 ms or 1% (phase changes always pass). */
function progressReporter(archive: string, listener: OpenOptions['onProgress']): Report {
  let lastAt = 0;
  let lastBytes = 0;
  let lastPhase = '';
  return (phase, bytesRead, bytesTotal, items) => {
    if (!listener) return;
    const now = performance.now();
    if (phase === lastPhase && now - lastAt < 100 && bytesRead - lastBytes < bytesTotal / 100) return;
    lastAt = now;
    lastBytes = bytesRead;
    lastPhase = phase;
    listener({ archive, phase, bytesRead, bytesTotal, items });
  };
}

async function identify(path: string): Promise<ArchiveIdentity> {
  try {
    return await archiveIdentity(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ArchiveError('not-found', `There is no file or folder at ${path}. Check the path and open it again.`, path);
    }
    throw new ArchiveError('io', `The system refused to read ${path} (${code ?? String(error)}). Check its permissions.`, path);
  }
}

export async function openArchive(path: string, options: OpenOptions = {}): Promise<Archive> {
  let given = options.source;
  try {
    const archive = await openFrom(path, options, () => {
      const source = given;
      given = undefined;
      return source;
    });
    return archive;
  } finally {
    await given?.close().catch(() => undefined); // not taken: a warm open, or a failure before the read
  }
}

async function openFrom(path: string, options: OpenOptions, given: () => Source | undefined): Promise<Archive> {
  options.signal?.throwIfAborted();
  const identity = await identify(path);
  const id = identity.key.slice(0, 16);
  const name = basename(path) || basename(identity.location);
  const report = progressReporter(id, options.onProgress);
  const folder = cacheFolder(options.cacheDir);
  const cacheFile = folder ? join(folder, cacheFileName(identity)) : null;
  // A folder others can write may hold a forged index: read the archive itself, and say why it is slower.
  const unsafe = folder ? await cacheFolderWarning(folder) : null;
  if (cacheFile && !unsafe) {
    await writes.get(cacheFile);
    const warm = await openWarm(cacheFile, id, name, identity.key, options.checkCacheWhenRead === true);
    if (warm) {
      report('cache', 0, 0, warm.info.summary.counts.items);
      report('done', 0, 0, warm.info.summary.counts.items);
      return warm;
    }
  }
  const archive = await openCold(identity, id, name, unsafe ? null : cacheFile, report, options.signal, options.onPreview, given());
  if (unsafe) archive.info.warnings = [...archive.info.warnings, unsafe];
  return archive;
}

/**
 * Whether the archive file at `path` has a cache file written for exactly this file (same real path, size and
 * modification time, this cache version): its container was read whole when that cache was written, so a check
 * of the container (`outbox serve` lists a zip's central directory before printing its address) can be skipped.
 * Folders answer false (listing one is cheap). openArchive still verifies the cache and falls back to a cold read.
 */
export async function hasWarmCache(path: string, cacheDir?: string | null): Promise<boolean> {
  const folder = cacheFolder(cacheDir);
  if (!folder) return false;
  const identity = await archiveIdentity(path).catch(() => null);
  if (!identity || identity.isFolder) return false;
  return looksLikeCacheFile(join(folder, cacheFileName(identity)));
}

/** Opens the built-in demo archive (dist/demo/demo-archive.zip). */
export function openDemo(options: OpenOptions = {}): Promise<Archive> {
  return openArchive(demoArchivePath(), options);
}

async function stillSame(checks: CachedExtra['checks']): Promise<boolean> {
  for (const [file, size, mtimeMs] of checks) {
    const stat = await fs.stat(file).catch(() => null);
    if (!stat || stat.size !== size || stat.mtimeMs !== mtimeMs) return false;
  }
  return true;
}

async function openWarm(cacheFile: string, id: string, name: string, identity: string, checkWhenRead: boolean): Promise<Archive | null> {
  const warm = readCacheFile(cacheFile, identity, { checkWhenRead });
  if (!warm) return null;
  const extra = warm.extra as unknown as CachedExtra;
  if (!(await stillSame(extra.checks ?? []))) {
    warm.close();
    return null;
  }
  const damaged = (error: unknown): never => {
    if (error instanceof CacheDamaged) {
      try {
        rmSync(cacheFile, { force: true }); // now, so the next open reads the archive again
      } catch {
        // Windows keeps an open file: the checksums refuse it on the next open anyway
      }
      // The person's file is fine and Outbox has no bug to report: only the copy we saved went bad.
      throw new ArchiveError('damaged-cache', `The saved index of ${name} is damaged and was removed: open the archive again.`);
    }
    throw error;
  };
  const guard = <T>(read: () => T): T => {
    try {
      return read();
    } catch (error) {
      return damaged(error);
    }
  };
  const recent = new Map<number, Post>();
  const store = {
    get(pos: number): Post {
      let post = recent.get(pos);
      if (post) {
        recent.delete(pos); // most recent last
        recent.set(pos, post);
        return post;
      }
      post = guard(() => warm.post(pos));
      recent.set(pos, post);
      if (recent.size > 1000) recent.delete(recent.keys().next().value!);
      return post;
    },
  };
  const search = () =>
    guard(() => {
      // search() returns the block only when its sha256 matches; searchParts(), its parts, each checked when read.
      const loaded = checkWhenRead
        ? openTextSearch(warm.searchParts(), (why) => damaged(new CacheDamaged(`search ${why}`)))
        : loadTextSearch(warm.search(), true);
      if (loaded) return loaded;
      const all = warm.allPosts();
      return fallbackTextSearch(all.length, (i) => all[i]!);
    });
  const index = new ArchiveIndex(warm.tables, store, { get: (pid) => guard(() => warm.ids()).get(pid) }, search);
  const info: ArchiveInfo = {
    id, name, profile: extra.profile, summary: extra.summary, months: warm.tables.months, fromCache: true,
    warnings: extra.warnings,
  };
  return createIndexedArchive({
    // The long lists are kept apart in the cache (APART): read when first asked for.
    info, summary: extra.summary, index, likes: () => guard(() => extra.likes), bookmarks: () => guard(() => extra.bookmarks),
    media: () => new Map(guard(() => extra.media)),
    source: () => openExport(extra.location),
    release: () => warm.close(),
    statsTally: () => extra.stats ?? null,
  });
}

function tallyOf(posts: readonly Post[]): StatsTally {
  const counter = new StatsCounter();
  for (const post of posts) counter.add(post);
  return counter.tally();
}

function mediaNames(posts: readonly Post[], profile: Profile): Map<string, string> {
  const media = new Map<string, string>();
  const add = (post: Post) => {
    for (const m of post.media) if (m.path) media.set(m.path, m.mediaType || mediaTypeOf(m.path));
  };
  for (const post of posts) {
    add(post);
    if (post.boosted) add(post.boosted);
  }
  for (const entry of [profile.avatar, profile.header]) if (entry) media.set(entry, mediaTypeOf(entry));
  return media;
}

async function openCold(
  identity: ArchiveIdentity, id: string, name: string, cacheFile: string | null, report: Report, signal?: AbortSignal,
  onPreview?: (preview: Archive) => void | Promise<void>, given?: Source,
): Promise<Archive> {
  const source = given ?? await openExport(identity.location);
  // Started before the read: the thread boots on the other core while this one reads, and is ready for the search.
  const thread = startSearchThread();
  try {
    const plan = await pickReader(source);
    const warnings = [...source.problems];
    report('reading', 0, source.entries.get(plan.main)?.size ?? 0, 0);
    // Once the newest page is out, the rest of the read is indexing as far as the viewer can tell.
    let phase: OpenProgress['phase'] = 'reading';
    const newest: NewestPage | undefined = onPreview && {
      count: PREVIEW_POSTS,
      slicer: timeSlicer(),
      onNewest: ({ posts, profile }) => {
        phase = 'indexing';
        return onPreview(createPreviewArchive({ id, name, format: source.format, profile, posts, media: mediaNames(posts, profile), source }));
      },
    };
    const read = await plan.read((b, t, n) => report(phase, b, t, n), signal, newest);
    const { posts, skipped, profile, likes, bookmarks } = read;
    const skippedCount = read.skippedCount ?? skipped.length;
    report('indexing', 0, 0, posts.length);
    warnings.push(...read.warnings);
    signal?.throwIfAborted();
    // Pages are ready now; the text search is built behind, in slices (sets parentInArchive, which the summary counts).
    const { index, built, abandon, handedOver } = indexPostsSearchBehind(posts, timeSlicer(), thread);
    const summary = summarize({
      format: source.format, source: read.source, profile, posts, likes: likes.length, bookmarks: bookmarks.length, skipped, skippedCount,
      published: index.tables.columns.published,
    });
    warnings.push(...partialWarnings(summary, basename(plan.main)));
    const media = mediaNames(posts, profile);
    const info: ArchiveInfo = { id, name, profile, summary, months: index.tables.months, fromCache: false, warnings };
    // The stats tally: counted behind the open (for the cache), or at once when asked first.
    let tally: StatsTally | null = null;
    const tallyInSlices = async (slicer: Slicer): Promise<StatsTally> => {
      const counter = new StatsCounter();
      for (const post of posts) {
        if (tally) return tally;
        if (slicer.due()) await slicer.turn();
        counter.add(post);
      }
      return (tally ??= counter.tally());
    };
    const statsTally = () => (tally ??= tallyOf(posts));
    let settle: (() => Promise<void>) | undefined;
    if (cacheFile) {
      const checks: CachedExtra['checks'] = [];
      if (identity.isFolder) {
        for (const entry of [plan.main, ...(plan.parts ?? [])]) {
          const file = join(identity.location, entry);
          const stat = await fs.stat(file);
          checks.push([file, stat.size, stat.mtimeMs]);
        }
      }
      const extra: CachedExtra = {
        name, profile, summary, warnings, likes, bookmarks, media: [...media], checks, location: identity.location,
      };
      // Persisting is not part of being ready: the archive is returned now and the cache written behind it.
      // close() and a second open of the same archive wait for the write.
      const writing = persist(cacheFile, async (slicer) => {
        await handedOver; // the search thread's input first: the other core then works while this one counts
        const stats = await tallyInSlices(slicer);
        return {
          tables: index.tables, posts, extra: { ...extra, stats } as unknown as Record<string, unknown>, apart: APART,
          identity: identity.key,
          // Awaited once the records are written (the search may still be building on its thread meanwhile), then
          // in parts between the writer's turns where the engine can (see writeCacheFile): not one long block.
          search: async (s) => {
            const search = await built;
            if (search?.serializeInParts) return search.serializeInParts(s);
            const bytes = search?.serialize?.();
            return bytes ? [bytes] : null;
          },
        };
      });
      settle = () => writing;
    }
    signal?.throwIfAborted();
    report('done', 0, 0, posts.length);
    return createIndexedArchive({ info, summary, index, likes, bookmarks, media, source, settle, statsTally, release: abandon });
  } catch (error) {
    thread?.stop();
    await source.close().catch(() => undefined);
    throw error;
  }
}

/** Cache writes in flight, by cache file: an open of the same archive waits for its write. */
const writes = new Map<string, Promise<void>>();

function persist(cacheFile: string, content: (slicer: Slicer) => Promise<CacheContent>): Promise<void> {
  const writing = (async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const slicer = timeSlicer();
    await writeCacheFile(cacheFile, await content(slicer), slicer);
    await removeStale(dirname(cacheFile), basename(cacheFile));
  })()
    .catch(() => undefined) // a cache that cannot be written only costs the next open its speed
    .finally(() => {
      if (writes.get(cacheFile) === writing) writes.delete(cacheFile);
    });
  writes.set(cacheFile, writing);
  return writing;
}

function partialWarnings(summary: Summary, main: string): string[] {
  const out: string[] = [];
  const { missing, referenced } = summary.media;
  if (missing > 0) {
    out.push(`${missing} of ${referenced} media files that posts refer to are not in the archive; those posts show a placeholder.`);
  }
  const skipped = summary.counts.skipped;
  if (skipped > 0) {
    const listed = skipped > summary.skippedItems.length ? ` (the first ${summary.skippedItems.length} are listed with their reasons)` : '';
    out.push(`${skipped} item${skipped === 1 ? '' : 's'} of ${main} could not be read and ${skipped === 1 ? 'was' : 'were'} left out${listed}.`);
  }
  return out;
}
