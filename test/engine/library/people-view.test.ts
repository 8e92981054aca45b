// The people view reads posts only when a CSV names someone to count in them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openLibrary } from '../../../main/engine/library/library.js';
import { peopleOf } from '../../../main/engine/library/people-view.js';
import { generatePosts, writeArchive } from '../../fixtures/archive-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-people-view-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('relationships of the people view', () => {
  it('without a CSV of accounts, reads no post; with one, counts the posts that talk about them', async () => {
    const { spec } = generatePosts(200, 8);
    const zip = await writeArchive(spec, join(tmp, 'a'), { container: 'zip' });
    const alone = await openLibrary([zip], { cacheDir: null });
    let acct = '';
    try {
      const posts = vi.spyOn(alone, 'posts');
      const info = peopleOf(alone).relationships();
      expect(posts).not.toHaveBeenCalled();
      expect(info.inArchive).toEqual({});
      // Someone the archive's posts talk about, for the CSV below.
      acct = [...alone.posts()].find((p) => p.post.mentions.length)!.post.mentions[0]!.name.replace(/^@/, '');
    } finally {
      await alone.close();
    }
    const csv = join(tmp, 'following_accounts.csv');
    writeFileSync(csv, `Account address,Show boosts,Notify on new posts,Languages\n${acct},true,false,\n`);
    const withCsv = await openLibrary([zip, csv], { cacheDir: null });
    try {
      const info = peopleOf(withCsv).relationships();
      expect(info.inArchive[acct]).toBeGreaterThan(0);
    } finally {
      await withCsv.close();
    }
  });
});
