// The service's stats request: unfiltered over one archive, answered from the stored tally (no post read), and
// equal to the count over the posts; a filter still counts the posts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ALL_ARCHIVES } from '../../../preload/contract.js';
import { computeStats } from '../../../main/engine/stats/stats.js';
import { createService, openArchive } from '../../../main/engine/service/index.js';
import { generatePosts, writeArchive } from '../../fixtures/archive-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-service-stats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('service stats', () => {
  it('answers an unfiltered request from the tally, a filtered one from the posts', async () => {
    const { spec } = generatePosts(300, 21);
    const zip = await writeArchive(spec, join(tmp, 'a'), { container: 'zip' });
    const cacheDir = join(tmp, 'cache');
    await (await openArchive(zip, { cacheDir })).close();
    const archive = await openArchive(zip, { cacheDir });
    const service = createService({ cacheDir });
    try {
      service.adopt([archive]);
      const expected = computeStats(archive.posts(), { timeZone: 'Europe/Berlin' });
      const posts = vi.spyOn(archive, 'posts');
      for (const id of [archive.info.id, ALL_ARCHIVES]) {
        const answer = await service.request('stats', { archive: id, filter: {}, timeZone: 'Europe/Berlin', utc: false });
        expect(answer).toEqual({ ok: true, value: expected });
      }
      expect(posts).not.toHaveBeenCalled();
      const filtered = await service.request('stats', { archive: archive.info.id, filter: { hasMedia: true }, timeZone: 'UTC', utc: true });
      expect(posts).toHaveBeenCalled();
      posts.mockRestore();
      expect(filtered).toEqual({ ok: true, value: computeStats(archive.posts({ hasMedia: true }), { utc: true }) });
    } finally {
      await archive.close();
    }
  });
});
