// openArchive: an archive path → an indexed Archive, from the cache when it is still valid, else read cold.
import { promises as fs, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ArchiveInfo, Post } from '../../preload/contract.js';
import type { Archive, OpenOptions } from './archive.js';
import { CacheDamaged, looksLikeCacheFile, readCacheFile } from './cache/cache-file.js';
import type { CachedExtra } from './cache/cached-extra.js';
import { writes } from './cache/cache-writes.js';
import { archiveIdentity, cacheFileName, cacheFolder, cacheFolderWarning, type ArchiveIdentity } from './cache/location.js';
import { demoArchivePath } from './demo.js';
import { ArchiveError } from './errors.js';
import { ArchiveIndex } from './index/archive-index.js';
import { createIndexedArchive } from './index/indexed-archive.js';
import { fallbackTextSearch, loadTextSearch, openTextSearch } from './index/search-adapter.js';
import type { Report } from './open-cold.js';
import type { Source } from './source/source.js';

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
  // The readers, normalization and the index build load only now: a warm open never needs them.
  const { openCold } = await import('./open-cold.js');
  const archive = await openCold(identity, id, name, unsafe ? null : cacheFile, report, options.signal, options.onPreview, given(),
    options.streamRecords !== false);
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
    source: async () => (await import('./readers/pick.js')).openExport(extra.location),
    release: () => warm.close(),
    statsTally: () => extra.stats ?? null,
  });
}

