// The --million suite's parts on a small generated zip: its open task (ready, then settled) and its judging. Sizes
// and timings are never asserted: only that the figures are there and that every item was found.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePosts } from '../fixtures/generate-posts.js';
import { writeArchive } from '../fixtures/archive-builder.js';
import type { ChildResult } from './child.js';
import { millionSuite, openMillionTask } from './million-suite.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-million-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bench --million', () => {
  it('opens cold, reports the ready and the settled figures, and leaves the cache written', async () => {
    const { spec, truth } = generatePosts(800, 5);
    const zip = await writeArchive(spec, tmp, { fileName: 'small.zip' });
    const cacheDir = mkdtempSync(join(tmp, 'cache-'));
    const figures = await openMillionTask({ zip, cacheDir });
    expect(figures.items).toBe(truth.items);
    expect(figures.posts).toBe(truth.posts);
    expect(figures.fromCache).toBe(false);
    expect(figures.readyPeakRssMb).toBeGreaterThan(0);
    expect(figures.settledMs).toBeGreaterThanOrEqual(figures.readyMs as number);
    expect(readdirSync(cacheDir).length).toBeGreaterThan(0); // close() waited for the cache write
    expect((await openMillionTask({ zip, cacheDir })).fromCache).toBe(true);
  });

  it('judges the peak against 2 GB and says when items are missing', async () => {
    const truth = generatePosts(10, 1).truth;
    const run = (figures: Partial<ChildResult>) => millionSuite.measure({
      archive: { size: 10, zip: 'x.zip', zipBytes: 1, outboxBytes: 1, truth }, tmp, rows: new Map(), repeat: 1,
      child: async () => ({ ms: 1, peakRssMb: 1, ...figures }) as ChildResult,
    });
    const good = await run({ peakRssMb: 1900, items: truth.items });
    expect(good.targets.map((t) => t.ok)).toEqual([true]);
    const bad = await run({ peakRssMb: 2300, items: truth.items - 1 });
    expect(bad.targets.map((t) => t.ok)).toEqual([false, false]);
    expect(bad.targets[1]!.detail).toBe(`${truth.items - 1} of ${truth.items}`);
  });
});
