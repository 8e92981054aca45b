// The cache written in slices (behind a serving thread) is byte for byte the file written in one go, and the
// writer gives the thread back per post and per MiB, so a request waiting meanwhile is answered between slices.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCacheFile, writeCacheFile, type CacheContent } from '../../../main/engine/cache/cache-file.js';
import { indexPostsWithSearch } from '../../../main/engine/index/build.js';
import { loadTextSearch } from '../../../main/engine/index/search-adapter.js';
import { NO_SLICES, type Slicer } from '../../../main/engine/time-slice.js';
import { generatePosts } from '../../bench/search-posts.js';

const dir = mkdtempSync(join(tmpdir(), 'outbox-sliced-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Always due: counts the turns the writer takes, and proves each one really yields to the event loop. */
function countingSlicer(): Slicer & { turns: number } {
  const s = {
    turns: 0,
    due: () => true,
    turn: () => {
      s.turns++;
      return new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
  return s;
}

describe('the cache written in slices', () => {
  const posts = generatePosts(3000, 9);
  const { index, search } = indexPostsWithSearch(posts);
  const content = (parts: boolean): CacheContent => ({
    tables: index.tables, posts, extra: { note: 'x' },
    search: parts ? (slicer) => search.serializeInParts!(slicer) : search.serialize!(),
  });

  it('is the same file as one written without turns, and reads back the same index', async () => {
    const whole = join(dir, 'whole.outbox-index');
    const sliced = join(dir, 'sliced.outbox-index');
    await writeCacheFile(whole, content(false), NO_SLICES);
    await writeCacheFile(sliced, content(true), countingSlicer());
    expect(readFileSync(sliced).equals(readFileSync(whole))).toBe(true);
    const warm = readCacheFile(sliced)!;
    try {
      expect(warm.ids().size).toBe(posts.length);
      expect(warm.post(1234)).toEqual(JSON.parse(JSON.stringify(posts[1234])));
      const loaded = loadTextSearch(warm.search())!;
      for (const q of ['has:media', 'lang:de -is:reply', posts[77]!.text.split(' ').slice(0, 2).join(' ')]) {
        expect([...loaded.query(q).seqs]).toEqual([...search.query(q).seqs]);
      }
    } finally {
      warm.close();
    }
  });

  it('yields at least once per post and lets other work run meanwhile', async () => {
    const slicer = countingSlicer();
    let ran = 0;
    let writing = true;
    const other = () => {
      ran++;
      if (writing) setImmediate(other);
    };
    setImmediate(other);
    await writeCacheFile(join(dir, 'turns.outbox-index'), content(true), slicer);
    writing = false;
    expect(slicer.turns).toBeGreaterThanOrEqual(posts.length);
    expect(ran).toBeGreaterThanOrEqual(posts.length);
  });
});
