// Every export format as a person runs it: a whole `outbox export <zip> --format F --out …` process, timed from spawn to
// exit with its own peak RSS, cold (empty cache: the open and the cache write included) and warm (the cache filled).
// Judged against a floor measured in the same rounds (interleaved: a burst of load on a shared machine touches both).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildResult } from './child.js';
import { JUDGED_FROM } from './cli-suite.js';
import { cliPath, runNode, type ProcessResult } from './process-run.js';
import { measureInterleaved, ratio, target, type Suite, type Target } from './suite.js';

/** The line: every format written in ≤ 5× the floor (inflate + one JSON.parse), memory ≤ the floor's. */
export const EXPORT_LIMIT = 5;

/** Each measured export: its row name, its flags, and whether --out is a file or a folder. */
export const EXPORTS: Array<{ name: string; args: string[]; out: 'file' | 'folder' }> = [
  { name: 'jsonl', args: ['--format', 'jsonl'], out: 'file' },
  { name: 'csv', args: ['--format', 'csv'], out: 'file' },
  { name: 'edges', args: ['--format', 'edges'], out: 'file' },
  { name: 'sqlite', args: ['--format', 'sqlite'], out: 'file' },
  { name: 'md', args: ['--format', 'md'], out: 'folder' },
  { name: 'md-post', args: ['--format', 'md', '--one-file-per-post'], out: 'folder' },
  { name: 'html', args: ['--format', 'html'], out: 'folder' },
];

/** "Wrote 9227 posts …" (md, html, sqlite): the count the export reports; null for the formats that print nothing. */
export function postsWritten(stderr: string): number | null {
  const m = /Wrote (\d+) posts?\b/.exec(stderr);
  return m ? Number(m[1]) : null;
}

/**
 * Waits (not timed) until the disk has written back what earlier runs left in memory: `sync`. An export of a folder
 * leaves ~117k new files dirty (0.5–0.65 GB of pages after a cold md-post here, /proc/vmstat nr_dirty), written back
 * from ~30 s later (vm.dirty_expire_centisecs): during the next run. On this VM the write-back itself cost little
 * (its kernel threads: 0.05% of perf's samples during a warm md-post run right after a cold one), but on a real disk
 * it is I/O the next run would wait behind; a person's export starts on a disk that is not busy writing back the
 * bench's previous one. Where there is no `sync` (Windows), nothing is waited for.
 */
export function settleDisk(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

async function exportOnce(zip: string, cacheDir: string, outs: string, spec: (typeof EXPORTS)[number]): Promise<ChildResult> {
  const out = join(mkdtempSync(join(outs, 'export-out-')), spec.out === 'file' ? `out.${spec.name === 'sqlite' ? 'sqlite' : 'txt'}` : 'site');
  settleDisk();
  const r: ProcessResult = await runNode([cliPath, 'export', zip, ...spec.args, '--out', out], { env: { OUTBOX_CACHE_DIR: cacheDir } });
  return { ms: r.ms, peakRssMb: r.peakRssMb ?? 0, posts: postsWritten(r.stderr) };
}

export const exportSuite: Suite = {
  name: 'export',
  heavy: true,
  tasks: {},
  async measure(ctx) {
    const zip = ctx.archive.zip;
    const names = ['export floor', ...EXPORTS.flatMap((e) => [`export ${e.name} cold`, `export ${e.name} warm`])];
    // Outputs are never removed here: they go with the bench's temp folder when the whole bench ends (bench.ts). On
    // ext4 without a journal (this machine's /) an inode freed in the last 60 s, or 360 s while its inode-table block
    // is dirty (and every file created dirties it), is skipped, one look at a time, by every file created after it
    // (ext4's recently_deleted). perf during a slow md-post run: recently_deleted and the block lookups under it were
    // 45% of all samples, 90% of a core. Removing the 10k archive's outputs (~120k files) before the 100k exports made
    // md-post 12–23× the floor instead of 3.4×. A person's disk does not hold the bench's leftovers, but neither has it
    // just deleted them. Each run starts after a settleDisk() instead.
    const outs = mkdtempSync(join(ctx.tmp, 'export-outs-'));
    const rows = await measureInterleaved(ctx, names, async (_round, measure) => {
      // The floor as the open suite measures it (a fresh child), again in every round, beside the exports it judges.
      settleDisk();
      await measure('export floor', () => ctx.child('floor', { zip }));
      for (const spec of EXPORTS) {
        // cold: a cache folder of its own, empty; warm: the same folder again, now holding what the cold run wrote
        const cacheDir = mkdtempSync(join(ctx.tmp, 'export-cache-'));
        try {
          await measure(`export ${spec.name} cold`, () => exportOnce(zip, cacheDir, outs, spec));
          await measure(`export ${spec.name} warm`, () => exportOnce(zip, cacheDir, outs, spec));
        } finally {
          rmSync(cacheDir, { recursive: true, force: true });
        }
      }
    });
    const floor = ctx.rows.get('export floor');
    // Each row carries its ratios to this suite's floor (the table's "× floor" column is the open suite's).
    for (const row of rows) {
      if (row.name === 'export floor' || row.figures.error) continue;
      row.figures.xFloor = ratio(row.figures, floor);
      row.figures.xFloorRss = ratio(row.figures, floor, 'peakRssMb');
    }
    if (ctx.archive.size < JUDGED_FROM) return { rows, targets: [] };
    const targets: Target[] = [];
    for (const spec of EXPORTS) {
      for (const when of ['warm', 'cold']) {
        const row = ctx.rows.get(`export ${spec.name} ${when}`);
        targets.push(
          target(`${when} export ${spec.name} ≤ ${EXPORT_LIMIT}× floor`, ratio(row, floor), EXPORT_LIMIT, '×'),
          target(`${when} export ${spec.name} peak RSS ≤ floor's`, ratio(row, floor, 'peakRssMb'), 1, '×'),
        );
      }
    }
    return { rows, targets };
  },
};
