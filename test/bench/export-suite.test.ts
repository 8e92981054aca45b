// The export suite on a small generated zip: every format runs as a whole process and gets a row with its ratios
// to the floor of the same run (timings are never asserted: this machine is shared).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePosts } from '../fixtures/generate-posts.js';
import { writeArchive } from '../fixtures/archive-builder.js';
import { assertBuilt } from '../cli/run-cli.js';
import { round, type Figures } from './child.js';
import { EXPORTS, exportSuite, postsWritten } from './export-suite.js';
import { floorTask } from './open-suite.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-export-suite-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('export suite', () => {
  it('reads the count an export reports', () => {
    expect(postsWritten('Wrote 9227 posts in 96 months and 2495 media files to out')).toBe(9227);
    expect(postsWritten('Wrote 1 post in 1 month')).toBe(1);
    expect(postsWritten('')).toBeNull();
  });

  it('measures every format cold and warm as whole processes, beside its own floor', async () => {
    assertBuilt();
    const { spec, truth } = generatePosts(400, 7);
    const zip = await writeArchive(spec, tmp, { fileName: 'suite.zip' });
    const rows = new Map<string, Figures>();
    const result = await exportSuite.measure({
      archive: { size: 400, zip, zipBytes: 0, outboxBytes: 0, truth },
      tmp, rows, repeat: 1,
      // the floor in this process: the suite only needs its figures
      child: async (task, args) => {
        expect(task).toBe('floor');
        const t0 = performance.now();
        const figures = await floorTask(args);
        return { ...figures, ms: round(performance.now() - t0), peakRssMb: 1 };
      },
    });
    expect(result.targets).toEqual([]); // judged from 100k posts only
    const names = result.rows.map((r) => r.name);
    expect(names).toEqual(['export floor', ...EXPORTS.flatMap((e) => [`export ${e.name} cold`, `export ${e.name} warm`])]);
    for (const row of result.rows.slice(1)) {
      expect(row.figures.error, row.name).toBeUndefined();
      expect(row.figures.ms).toBeGreaterThan(0);
      expect(row.figures.peakRssMb).toBeGreaterThan(10); // the process's own, from its exit hook
      expect(row.figures.xFloor).toBeGreaterThan(0);
    }
    // md and html leave out followers-only and direct posts; sqlite writes every one
    expect(rows.get('export sqlite warm')!.posts).toBe(truth.posts + truth.boosts);
    const html = rows.get('export html warm')!.posts as number;
    expect(html).toBeGreaterThan(0);
    expect(rows.get('export md cold')!.posts).toBe(html);
    expect(rows.get('export md-post warm')!.posts).toBe(html);
  });
});
