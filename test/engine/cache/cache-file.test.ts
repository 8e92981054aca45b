// The cache file: a round trip gives the same pages, posts and threads; any damage makes it unreadable (null).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Post } from '../../../preload/contract.js';
import { CacheDamaged, RECORD_RUN, readCacheFile, writeCacheFile, type WarmCache } from '../../../main/engine/cache/cache-file.js';
import { ArchiveIndex } from '../../../main/engine/index/archive-index.js';
import { indexPosts } from '../../../main/engine/index/build.js';
import { fallbackTextSearch } from '../../../main/engine/index/search-adapter.js';
import { makeMedia, makePost, statusId } from '../../fixtures/make-post.js';
import { blockOffset, columnsOffset } from './cache-bytes.js';

const dir = mkdtempSync(join(tmpdir(), 'outbox-cache-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function posts(): Post[] {
  return Array.from({ length: 300 }, (_, i) =>
    makePost(i, {
      text: `post ${i} ${i % 7 === 0 ? 'seventh café' : 'plain'} ünïcødé ✓`,
      inReplyTo: i % 5 === 1 ? statusId(i - 1) : null,
      hashtags: i % 3 === 0 ? ['three'] : [],
      mentions: i % 11 === 0 ? [{ name: '@bob@other.example', href: 'https://other.example/users/bob' }] : [],
      media: i % 4 === 0 ? [makeMedia({ description: i % 8 === 0 ? null : 'alt' })] : [],
      language: i % 2 ? 'en' : 'fr',
      type: i % 13 === 12 ? 'boost' : 'post',
    }));
}

function warmIndex(warm: WarmCache): ArchiveIndex {
  return new ArchiveIndex(warm.tables, { get: (p) => warm.post(p) }, { get: (id) => warm.ids().get(id) },
    () => {
      const all = warm.allPosts();
      return fallbackTextSearch(all.length, (i) => all[i]!);
    });
}

describe('cache file', () => {
  it('round-trips: the warm index answers exactly like the cold one', async () => {
    const cold = indexPosts(posts());
    const file = join(dir, 'a.outbox-index');
    await writeCacheFile(file, { tables: cold.tables, posts: posts().map((p) => cold.post(p.id)!), search: null, extra: { hello: ['world'] } });
    const warm = readCacheFile(file)!;
    expect(warm).not.toBeNull();
    expect(warm.extra).toEqual({ hello: ['world'] });
    const index = warmIndex(warm);
    const queries = [
      { filter: {}, order: 'newest' as const, offset: 0, limit: 50 },
      { filter: {}, order: 'oldest' as const, offset: 120, limit: 30 },
      { filter: { kinds: ['reply' as const], hasMedia: true }, order: 'newest' as const, offset: 0, limit: 500 },
      { filter: { hashtag: 'THREE', language: 'fr' }, order: 'oldest' as const, offset: 0, limit: 20 },
      { filter: { mention: '@bob@other.example' }, order: 'oldest' as const, offset: 0, limit: 20 },
      { filter: { q: 'cafe seventh' }, order: 'relevance' as const, offset: 0, limit: 20 },
    ];
    for (const q of queries) expect(index.page(q)).toEqual(cold.page(q));
    expect(index.post(statusId(42))).toEqual(cold.post(statusId(42)));
    expect(index.thread(statusId(6))).toEqual(cold.thread(statusId(6)));
    expect(index.tables.months).toEqual(cold.tables.months);
    expect([...index.posts({ noAlt: true })]).toEqual([...cold.posts({ noAlt: true })]);
    warm.close();
  });

  it('is readable by its owner only (it holds direct messages)', async () => {
    const folder = join(dir, 'private', 'cache');
    const file = join(folder, 'owner-only.bin');
    const cold = indexPosts(posts());
    await writeCacheFile(file, { tables: cold.tables, posts: posts(), search: null, extra: {} });
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(statSync(folder).mode & 0o077).toBe(0);
  });

  it('refuses damaged files: bad magic, flipped bytes anywhere checked, truncation, garbage', async () => {
    const cold = indexPosts(posts());
    const file = join(dir, 'b.outbox-index');
    await writeCacheFile(file, { tables: cold.tables, posts: posts(), search: null, extra: {} });
    const good = readFileSync(file);
    const damaged = (mutate: (b: Buffer) => Buffer) => {
      writeFileSync(file, mutate(Buffer.from(good)));
      const warm = readCacheFile(file);
      warm?.close();
      return warm;
    };
    expect(damaged((b) => b)).not.toBeNull();
    expect(damaged((b) => (b.write('X', 0), b))).toBeNull(); // magic
    expect(damaged((b) => (b[columnsOffset(b)] ^= 0xff, b))).toBeNull(); // columns
    expect(damaged((b) => (b[70] ^= 0xff, b))).toBeNull(); // a post record: checked before any is used
    expect(damaged((b) => (b[b.length - 5] ^= 0xff, b))).toBeNull(); // meta
    expect(damaged((b) => b.subarray(0, b.length - 1))).toBeNull(); // truncated
    expect(damaged((b) => b.subarray(0, 30))).toBeNull(); // shorter than a header
    expect(damaged(() => Buffer.from('{"not":"a cache"}'))).toBeNull();
    expect(readCacheFile(join(dir, 'missing.outbox-index'))).toBeNull();
  });

  it('refuses a damaged post record before any post is read', async () => {
    const list = posts();
    const cold = indexPosts(list);
    const file = join(dir, 'c.outbox-index');
    await writeCacheFile(file, { tables: cold.tables, posts: list, search: null, extra: {} });
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('"seq":5}'));
    bytes.write('"seq":7}', at); // same length, wrong post
    writeFileSync(file, bytes);
    expect(readCacheFile(file)).toBeNull();
  });

  it('with checkWhenRead, opens without reading the records and refuses a damaged run when it is read', async () => {
    const list = posts();
    const cold = indexPosts(list);
    const file = join(dir, 'd.outbox-index');
    await writeCacheFile(file, { tables: cold.tables, posts: list, search: null, extra: {} });
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('"seq":200}'));
    bytes.write('"seq":201}', at); // same length, wrong post, in run 200 / RECORD_RUN
    writeFileSync(file, bytes);
    expect(readCacheFile(file)).toBeNull(); // checked at open by default
    const warm = readCacheFile(file, undefined, { checkWhenRead: true })!;
    expect(warm).not.toBeNull();
    try {
      // Posts of whole runs are served; the damaged run is refused however it is reached, and again on a second try.
      const bad = Math.floor(200 / RECORD_RUN);
      expect(warm.post(0)).toEqual(JSON.parse(JSON.stringify(cold.postAt(0))));
      expect(warm.post(bad * RECORD_RUN - 1).seq).toBe(cold.postAt(bad * RECORD_RUN - 1).seq);
      expect(() => warm.post(bad * RECORD_RUN)).toThrow(CacheDamaged);
      expect(() => warm.post(bad * RECORD_RUN + 1)).toThrow(CacheDamaged);
      expect(() => warm.allPosts()).toThrow(CacheDamaged);
      expect(warm.post((bad + 1) * RECORD_RUN).seq).toBe(cold.postAt((bad + 1) * RECORD_RUN).seq);
    } finally {
      warm.close();
    }
  });

  it('with checkWhenRead, a changed byte anywhere in a run is found, in every run', async () => {
    const list = posts();
    const cold = indexPosts(list);
    const file = join(dir, 'e.outbox-index');
    await writeCacheFile(file, { tables: cold.tables, posts: list, search: null, extra: {} });
    const good = readFileSync(file);
    const recordsAt = 64;
    for (const pos of [0, 63, 64, 150, list.length - 1]) {
      const bytes = Buffer.from(good);
      // one letter of the post's text (still valid JSON, same seq): only the run's checksum can tell
      const text = `"text":"post ${pos} `;
      const at = bytes.indexOf(Buffer.from(text), recordsAt);
      expect(at).toBeGreaterThan(0);
      bytes.write('P', at + 8);
      writeFileSync(file, bytes);
      const warm = readCacheFile(file, undefined, { checkWhenRead: true })!;
      try {
        expect(() => warm.post(pos)).toThrow(CacheDamaged);
        const other = pos < RECORD_RUN ? list.length - 1 : 0;
        expect(warm.post(other).seq).toBe(cold.postAt(other).seq);
      } finally {
        warm.close();
      }
    }
  });

  it('with checkWhenRead, damaged ids fail when the ids are first used', async () => {
    const list = posts();
    const cold = indexPosts(list);
    const file = join(dir, 'f.outbox-index');
    await writeCacheFile(file, { tables: cold.tables, posts: list, search: null, extra: {} });
    const bytes = readFileSync(file);
    bytes[blockOffset(bytes, 'ids') + 2] ^= 0x01;
    writeFileSync(file, bytes);
    expect(readCacheFile(file)).toBeNull();
    const warm = readCacheFile(file, undefined, { checkWhenRead: true })!;
    try {
      expect(warm.post(5).seq).toBe(cold.postAt(5).seq);
      expect(() => warm.ids()).toThrow(CacheDamaged);
    } finally {
      warm.close();
    }
  });

  it('keeps the extra keys asked for apart: the same extra back, checked at open or when first used', async () => {
    const list = posts();
    const cold = indexPosts(list);
    const file = join(dir, 'g.outbox-index');
    const extra = { small: 'kept in the meta', likes: Array.from({ length: 500 }, (_, i) => `https://x.example/s/${i}`), none: null };
    await writeCacheFile(file, { tables: cold.tables, posts: list, search: null, extra, apart: ['likes', 'absent'] });
    const eager = readCacheFile(file)!;
    expect(eager.extra).toEqual(extra);
    eager.close();
    const lazy = readCacheFile(file, undefined, { checkWhenRead: true })!;
    expect(lazy.extra.small).toBe('kept in the meta');
    expect(lazy.extra.likes).toEqual(extra.likes);
    expect({ ...lazy.extra }).toEqual(extra);
    lazy.close();
    // Damage in the block kept apart: refused at open by default, by the getter with checkWhenRead.
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('https://x.example/s/250"'));
    bytes.write('X', at + 8);
    writeFileSync(file, bytes);
    expect(readCacheFile(file)).toBeNull();
    const damaged = readCacheFile(file, undefined, { checkWhenRead: true })!;
    try {
      expect(damaged.extra.small).toBe('kept in the meta');
      expect(() => damaged.extra.likes).toThrow(CacheDamaged);
    } finally {
      damaged.close();
    }
  });

  it('writes a long list kept apart as JSON.stringify(list)\'s bytes, made in runs of elements', async () => {
    const list = posts();
    const cold = indexPosts(list);
    // Lengths on and around the runs' edges (4096 elements a run), empty, tuples and text that JSON escapes.
    const lists: Record<string, unknown[]> = {
      empty: [], one: ['ünïcødé "quoted"\n'], run: Array.from({ length: 4096 }, (_, i) => `a${i}`),
      runs: Array.from({ length: 8193 }, (_, i) => [`media/${i}.png`, i % 2 ? 'image/png' : null]),
    };
    const file = join(dir, 'h.outbox-index');
    await writeCacheFile(file, { tables: cold.tables, posts: list, search: null, extra: { ...lists }, apart: Object.keys(lists) });
    const bytes = readFileSync(file);
    const meta = JSON.parse(bytes.subarray(bytes.readDoubleLE(16)).toString('utf8')) as { apart: Record<string, [number, number, string]> };
    for (const [key, value] of Object.entries(lists)) {
      const [at, length] = meta.apart[key]!;
      expect(bytes.subarray(at, at + length).equals(Buffer.from(JSON.stringify(value)))).toBe(true);
    }
    const warm = readCacheFile(file)!;
    expect(warm.extra).toEqual(lists);
    warm.close();
  });
});
