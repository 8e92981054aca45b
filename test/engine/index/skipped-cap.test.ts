// Issue 13 item 3: an outbox.json of 10 million junk items opens with every one counted, the first few hundred listed
// with their reasons, and memory bounded (it used to end in "Invalid string length" at 4.1 GB).
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_SKIPPED_KEPT } from '../../../main/engine/index/read-archive.js';
import { openArchive } from '../../../main/engine/open.js';

const JUNK = 10_000_000;
const tmp = mkdtempSync(join(tmpdir(), 'outbox-junk-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** An unpacked archive whose outbox.json holds one real post between `junk` items that are the number 0. */
async function junkArchive(junk: number): Promise<string> {
  const dir = join(tmp, 'archive');
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(join(dir, 'outbox.json'));
  out.write('{"@context":"https://www.w3.org/ns/activitystreams","type":"OrderedCollection","orderedItems":[');
  const post = JSON.stringify({
    type: 'Create', id: 'https://example.social/users/sam/statuses/1/activity', published: '2024-01-01T00:00:00Z',
    object: { type: 'Note', id: 'https://example.social/users/sam/statuses/1', published: '2024-01-01T00:00:00Z', content: '<p>the one real post</p>', to: ['https://www.w3.org/ns/activitystreams#Public'] },
  });
  const block = '0,'.repeat(100_000);
  for (let written = 0; written < junk; written += 100_000) {
    if (written === junk / 2) out.write(`${post},`);
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end('0]}');
  await once(out, 'finish');
  return dir;
}

describe('skipped items', () => {
  it('counts 10 million junk items, lists the first few hundred, and keeps memory bounded', async () => {
    const path = await junkArchive(JUNK);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const archive = await openArchive(path, { cacheDir: null });
    clearInterval(sample);
    try {
      const { summary, warnings } = archive.info;
      expect(summary.counts.items).toBe(1);
      expect(summary.counts.skipped).toBe(JUNK + 1);
      expect(summary.skippedItems).toHaveLength(MAX_SKIPPED_KEPT);
      expect(summary.skippedItems[0]).toEqual({ index: 0, reason: 'the item is a number, not an object' });
      expect(summary.skippedItems.map((s) => s.index)).toEqual([...Array(MAX_SKIPPED_KEPT).keys()]);
      expect(warnings.join('\n')).toContain(`${JUNK + 1} items of outbox.json could not be read and were left out (the first ${MAX_SKIPPED_KEPT} are listed`);
      // what /api/current answers stays small
      expect(JSON.stringify(archive.info).length).toBeLessThan(100_000);
      expect(peak - before).toBeLessThan(400 * 1024 * 1024);
    } finally {
      await archive.close();
    }
  }, 180_000);
});
