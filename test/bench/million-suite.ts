// `--million`: a 1M-post archive's cold open, for its peak RSS (target ≤ 2 GB). Off by default: writing the archive
// (~1.8 GB outbox.json, ~2 min) and opening it (~2 min with the cache write) take minutes. There is no floor at this
// size: one JSON.parse of the file is refused by V8 (its string would pass ~512 MiB), which is why Outbox streams.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { openArchive } from '../../main/engine/open.js';
import { round, type Figures } from './child.js';
import { failedRow, target, type Suite } from './suite.js';

export const MILLION = 1_000_000;

const mb = (bytes: number) => round(bytes / 1048576);

/**
 * The cold open, split where the memory goes: ready for pages (posts, columns), then close(), which waits for the
 * text search built behind and the cache written behind. The harness's peakRssMb is the whole process's.
 */
export async function openMillionTask(args: Record<string, unknown>): Promise<Figures> {
  const t0 = performance.now();
  const archive = await openArchive(String(args.zip), { cacheDir: String(args.cacheDir) });
  const readyMs = round(performance.now() - t0);
  const readyPeakRssMb = mb(process.resourceUsage().maxRSS * 1024);
  const readyHeapMb = mb(process.memoryUsage().heapUsed);
  const info = archive.info;
  await archive.close();
  return {
    readyMs, readyPeakRssMb, readyHeapMb, settledMs: round(performance.now() - t0),
    items: info.summary.counts.items, posts: info.summary.counts.posts, fromCache: info.fromCache,
  };
}

export const millionSuite: Suite = {
  name: 'million',
  heavy: true,
  tasks: { 'open-million': openMillionTask },
  async measure(ctx) {
    try {
      const figures = await ctx.child('open-million', { zip: ctx.archive.zip, cacheDir: mkdtempSync(join(ctx.tmp, 'million-cache-')) });
      ctx.rows.set('cold open', figures);
      const targets = [target('1M-post cold open peak RSS ≤ 2 GB', figures.peakRssMb, 2048, ' MB')];
      if (figures.items !== ctx.archive.truth.items) targets.push({ label: 'cold open found every item', ok: false, detail: `${String(figures.items)} of ${ctx.archive.truth.items}` });
      return { rows: [{ name: 'cold open', figures }], targets };
    } catch (error) {
      return { rows: [failedRow('cold open', error)], targets: [] };
    }
  },
};
