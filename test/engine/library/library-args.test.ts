// The command line's side of the library (main/cli/library-args.ts): telling paths apart, and the summary in words.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryNotices, libraryPosts, librarySummaryText, searchLibrary, splitPaths } from '../../../main/cli/library-args.js';
import { summaryText } from '../../../main/cli/summary.js';
import { openLibrary } from '../../../main/engine/library/library.js';
import { openArchive } from '../../../main/engine/open.js';
import { writeMovedExports, type MovedExports } from './moved-account.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-library-args-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let paths: MovedExports;
beforeAll(async () => {
  paths = await writeMovedExports(tmp);
});

describe('splitPaths', () => {
  it('sorts archives from CSV exports by content, keeping the order given', async () => {
    const folder = join(tmp, 'unpacked');
    mkdirSync(folder);
    writeFileSync(join(tmp, 'following_accounts.csv'), 'Account address,Show boosts\na@b.example,true\n');
    writeFileSync(join(tmp, 'blocks'), '@x@y.example\n');
    writeFileSync(join(tmp, 'archive-renamed.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const given = [join(tmp, 'blocks'), paths.oldLate, folder, join(tmp, 'following_accounts.csv'), join(tmp, 'archive-renamed.csv'), join(tmp, 'missing')];
    expect(await splitPaths(given)).toEqual({
      archives: [paths.oldLate, folder, join(tmp, 'archive-renamed.csv'), join(tmp, 'missing')],
      csvs: [join(tmp, 'blocks'), join(tmp, 'following_accounts.csv')],
    });
  });
});

describe('librarySummaryText', () => {
  it('is exactly the one-archive text when one archive and no CSV are given', async () => {
    const archive = await openArchive(paths.oldLate, { cacheDir: null });
    const library = await openLibrary([paths.oldLate], { cacheDir: null });
    try {
      expect(librarySummaryText(library)).toBe(summaryText(archive.info, archive.summary()));
    } finally {
      await library.close();
      await archive.close();
    }
  });

  it('adds the merged set, the move with dates and the relationships', async () => {
    const lists = join(tmp, 'lists.csv');
    writeFileSync(lists, 'Garden,kit@else.example\nGarden,fox@else.example\nbroken\n');
    const library = await openLibrary([paths.oldEarly, paths.oldLate, paths.newer, lists], { cacheDir: null });
    try {
      const text = librarySummaryText(library);
      expect(text).toContain('Together   3 archives: 12 items (10 posts, 2 boosts), 6 duplicates shown once\n');
      expect(text).toContain('Moved      @wren@old.example (2022-01-10 → 2023-07-07) → @wren@new.example (2023-08-08 → 2024-05-05)\n');
      expect(text).toContain('Lists      1 (2 members)\n');
      expect(libraryNotices(library)).toContain(`outbox: ${lists}:3: 1 column where this file has 2\n`);
    } finally {
      await library.close();
    }
  });
});

describe('export and search helpers', () => {
  it('libraryPosts gives each post once; searchLibrary is the archive\'s own response for one archive', async () => {
    const one = await openLibrary([paths.oldLate], { cacheDir: null });
    const three = await openLibrary([paths.oldEarly, paths.oldLate, paths.newer], { cacheDir: null });
    try {
      expect([...libraryPosts(one)]).toEqual([...one.archives[0]!.posts()]);
      expect([...libraryPosts(three)]).toHaveLength(12);
      const single = await searchLibrary(one, 'garden', 10);
      if (!single.ok) throw new Error(single.message);
      expect(single.value.results.map((r) => Object.keys(r))).toEqual(one.archives[0]!.search('garden', 10).results.map((r) => Object.keys(r)));
      expect(await searchLibrary(three, 'garden', 10)).toMatchObject({ ok: true, value: { total: 3 } });
      // the query is checked by the service, as GET /api/search checks it
      expect(await searchLibrary(one, 'a\u0000b', 10)).toMatchObject({ ok: false, code: 'bad-request' });
    } finally {
      await one.close();
      await three.close();
    }
  });
});
