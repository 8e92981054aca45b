// The cache written behind a cold open: one write in flight per cache file, which a second open of the same archive
// (and close()) waits for.
import { basename, dirname } from 'node:path';
import { timeSlicer, type Slicer } from '../time-slice.js';
import { writeCacheFile, type CacheContent } from './cache-file.js';
import { removeStale } from './location.js';

/** Cache writes in flight, by cache file: an open of the same archive waits for its write. */
export const writes = new Map<string, Promise<void>>();

export function persist(cacheFile: string, content: (slicer: Slicer) => Promise<CacheContent>): Promise<void> {
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
