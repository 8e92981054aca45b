// The bench's own parts on a real generated zip: the floor task and the report (timings are never asserted).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePosts } from '../fixtures/generate-posts.js';
import { writeArchive } from '../fixtures/archive-builder.js';
import { floorTask, inflateEntry } from './open-suite.js';
import { formatSize } from './report.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-bench-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bench floor', () => {
  it('inflates outbox.json and parses every item of a generated archive', async () => {
    const { spec, truth } = generatePosts(1500, 11);
    const zip = await writeArchive(spec, tmp, { fileName: 'floor.zip' });
    const bytes = await inflateEntry(zip, 'outbox.json');
    expect(bytes.subarray(0, 12).toString()).toBe('{"@context":');
    const figures = await floorTask({ zip });
    expect(figures.items).toBe(truth.items);
    expect(figures.outboxMb).toBeCloseTo(bytes.length / 1048576, 2);
    await expect(inflateEntry(zip, 'nope.json')).rejects.toThrow(/nope\.json is not in/);
  });

  it('reports ratios to the floor and each target', () => {
    const text = formatSize({
      size: 10, zipMb: 1, outboxMb: 2, generateMs: 3,
      suites: {
        open: {
          rows: [{ name: 'floor', figures: { ms: 100, peakRssMb: 50 } }, { name: 'cold open', figures: { ms: 150, peakRssMb: 40 } }, { name: 'warm open', figures: { error: 'boom' } }],
          targets: [{ label: 'cold ≤ 1.5× floor', ok: true, detail: '1.5×' }, { label: 'warm ≤ 0.1× floor', ok: null, detail: 'not measured' }],
        },
      },
    });
    expect(text).toMatch(/cold open\s+150\s+1\.50\s+40\s/);
    expect(text).toContain('FAILED: boom');
    expect(text).toContain('✓ cold ≤ 1.5× floor');
    expect(text).toContain('? warm ≤ 0.1× floor');
  });
});
