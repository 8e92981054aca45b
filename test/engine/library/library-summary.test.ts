// One archive's library summary comes from the archive's own (cached) summary: equal to counting every post again,
// CSV bookmarks included, and no post is read for it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openLibrary } from '../../../main/engine/library/library.js';
import { librarySummary } from '../../../main/engine/library/library-summary.js';
import { openArchive } from '../../../main/engine/open.js';
import { generatePosts, writeArchive } from '../../fixtures/archive-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-library-summary-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the summary of a library of one archive', () => {
  it.each([false, true])('equals the count over every post and reads none (with a bookmarks CSV: %s)', async (withCsv) => {
    const { spec } = generatePosts(300, 5);
    const path = await writeArchive(spec, join(tmp, `gen-${withCsv}`), { container: 'zip' });
    const known = (spec.bookmarks ?? [])[0]!;
    const csv = join(tmp, `bookmarks-${withCsv}.csv`);
    // One the archive also holds (counted once) and one only the CSV holds (added).
    writeFileSync(csv, `${known}\nhttps://else.example/users/kit/statuses/999\n`);
    const cacheDir = join(tmp, `cache-${withCsv}`);
    await (await openArchive(path, { cacheDir })).close();
    const library = await openLibrary(withCsv ? [path, csv] : [path], { cacheDir });
    try {
      const archive = library.archives[0]!;
      expect(archive.info.fromCache).toBe(true);
      const posts = vi.spyOn(archive, 'posts');
      const post = vi.spyOn(archive, 'post');
      const fast = library.summary();
      expect(posts).not.toHaveBeenCalled();
      expect(post).not.toHaveBeenCalled();
      posts.mockRestore();
      const counted = librarySummary({
        accounts: [archive.summary()], about: archive.summary(), posts: library.posts(),
        likes: [Object.values(archive.likes().byServer).flat()],
        archiveBookmarks: [Object.values(archive.bookmarks().byServer).flat()],
        relationships: library.relationships, moves: [], warnings: archive.info.warnings,
      });
      expect(JSON.stringify(fast)).toBe(JSON.stringify(counted));
      expect(fast.counts.bookmarks).toBe(archive.summary().counts.bookmarks + (withCsv ? 1 : 0));
      expect(fast.counts.items).toBe(300);
    } finally {
      await library.close();
    }
  });
});
