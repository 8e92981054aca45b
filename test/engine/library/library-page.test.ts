// Library.page: the merged timeline in pages, equal to Archive.page for one archive, de-duplicated across several.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, PageQuery } from '../../../preload/contract.js';
import type { LibraryPage } from '../../../main/engine/library/library.js';
import { openLibrary } from '../../../main/engine/library/library.js';
import { openArchive } from '../../../main/engine/open.js';
import { generatePosts, writeArchive } from '../../fixtures/archive-builder.js';
import { IDS, NEW_URI, P3_URI, writeMovedExports, type MovedExports } from './moved-account.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-library-page-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const NO_CACHE = { cacheDir: null };
let paths: MovedExports;
beforeAll(async () => {
  paths = await writeMovedExports(tmp);
});

const untagged = (page: LibraryPage): Page => ({ ...page, items: page.items.map(({ archive: _, ...item }) => item) });

describe('one archive', () => {
  const queries: Array<Omit<PageQuery, 'archive'>> = [
    { filter: {}, order: 'newest', offset: 0, limit: 50 },
    { filter: {}, order: 'oldest', offset: 100, limit: 25 },
    { filter: { kinds: ['reply'], hasMedia: true }, order: 'newest', offset: 0, limit: 500 },
    { filter: { from: '2020', to: '2021-06' }, order: 'oldest', offset: 0, limit: 40 },
    { filter: { q: 'the' }, order: 'relevance', offset: 0, limit: 20 },
    { filter: { q: 'the' }, order: 'newest', offset: 5, limit: 20 },
    { filter: {}, order: 'relevance', offset: 0, limit: 10 },
  ];

  it('pages exactly as the archive does: items, order, totals, facets and terms', async () => {
    const { spec } = generatePosts(700, 5);
    const path = await writeArchive(spec, join(tmp, 'gen'), { container: 'zip' });
    const archive = await openArchive(path, NO_CACHE);
    const library = await openLibrary([path], NO_CACHE);
    try {
      for (const q of queries) {
        const mine = library.page(q);
        expect(untagged(mine), JSON.stringify(q)).toEqual(archive.page(q));
        expect(mine.items.every((i) => i.archive === archive.info.id)).toBe(true);
      }
    } finally {
      await library.close();
      await archive.close();
    }
  });
});

describe('a moved account\'s three exports', () => {
  it('pages the merged timeline once per post, newest first, with merged facets', async () => {
    const library = await openLibrary([paths.oldEarly, paths.oldLate, paths.newer], NO_CACHE);
    try {
      const first = library.page({ filter: {}, order: 'newest', offset: 0, limit: 5 });
      expect(first.total).toBe(12);
      expect(first.items.map((i) => i.post.id)).toEqual([
        `${NEW_URI}/statuses/${IDS.n3}`, `${NEW_URI}/statuses/${IDS.b2}/activity`, `${NEW_URI}/statuses/${IDS.n2}`,
        `${NEW_URI}/statuses/${IDS.n1}`, 'https://old.example/users/wren/statuses/' + IDS.p7,
      ]);
      expect(first.facets).toMatchObject({
        posts: 8, replies: 2, boosts: 2, polls: 1, cw: 1, edited: 1,
        visibility: { public: 9, unlisted: 1, private: 1, direct: 1 },
        hashtags: { garden: 3 },
        months: { '2022-01': 1, '2023-07': 1, '2024-05': 1 },
      });
      const rest = library.page({ filter: {}, order: 'newest', offset: 5, limit: 50 });
      expect(rest.facets).toBeNull();
      const all = [...first.items, ...rest.items].map((i) => i.post.id);
      expect(new Set(all).size).toBe(12);
      const oldest = library.page({ filter: {}, order: 'oldest', offset: 0, limit: 50 });
      expect(oldest.items.map((i) => i.post.id)).toEqual([...all].reverse());
      expect(library.page({ filter: { q: 'original' }, order: 'relevance', offset: 0, limit: 10 }).total).toBe(0);
      const tomatoes = library.page({ filter: { q: 'tomatoes' }, order: 'relevance', offset: 0, limit: 10 });
      expect(tomatoes.items.map((i) => [i.post.id, i.archive, i.post.updated])).toEqual([[P3_URI, library.archives[1]!.info.id, '2023-06-15T10:00:00Z']]);
      expect(tomatoes.terms.length).toBeGreaterThan(0);
      expect(tomatoes.items[0]!.matches?.length).toBeGreaterThan(0);
    } finally {
      await library.close();
    }
  });
});
