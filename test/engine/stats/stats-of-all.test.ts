// Stats over every post from the stored tally and the index's columns: equal to counting the posts, cold and warm
// (from the cache, without reading a post), in any time zone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openArchive } from '../../../main/engine/open.js';
import { computeStats } from '../../../main/engine/stats/stats.js';
import { generatePosts, writeArchive } from '../../fixtures/archive-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-stats-of-all-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let zip = '';
beforeAll(async () => {
  const { spec } = generatePosts(700, 17);
  zip = await writeArchive(spec, join(tmp, 'gen'), { container: 'zip' });
});

const zones = [{ utc: true }, { timeZone: 'America/New_York' }, { timeZone: 'Asia/Kolkata', top: 3 }];

describe('statsOfAll', () => {
  it('equals computeStats over the posts on a cold open (with and without a cache being written)', async () => {
    for (const cacheDir of [null, join(tmp, 'cache-cold')]) {
      const archive = await openArchive(zip, { cacheDir });
      try {
        for (const options of zones) expect(archive.statsOfAll!(options)).toEqual(computeStats(archive.posts(), options));
      } finally {
        await archive.close();
      }
    }
  });

  it('on a warm open answers from the cache without reading a post', async () => {
    const cacheDir = join(tmp, 'cache-warm');
    const cold = await openArchive(zip, { cacheDir });
    const expected = zones.map((options) => computeStats(cold.posts(), options));
    await cold.close();
    const warm = await openArchive(zip, { cacheDir });
    try {
      expect(warm.info.fromCache).toBe(true);
      const posts = vi.spyOn(warm, 'posts');
      const post = vi.spyOn(warm, 'post');
      zones.forEach((options, i) => expect(warm.statsOfAll!(options)).toEqual(expected[i]));
      expect(posts).not.toHaveBeenCalled();
      expect(post).not.toHaveBeenCalled();
      expect(expected[0]!.totals.posts + expected[0]!.totals.boosts).toBe(700);
    } finally {
      await warm.close();
    }
  });
});
