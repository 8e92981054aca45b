// Wires the SEARCH engineer's searchSuite (search-suite.ts) into the bench: posts from a real opened archive.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { openArchive } from '../../main/engine/open.js';
import type { Figures } from './child.js';
import { searchSuite } from './search-suite.js';
import { failedRow, type Suite, type Target } from './suite.js';

async function searchTask(args: Record<string, unknown>): Promise<Figures> {
  const archive = await openArchive(String(args.zip), { cacheDir: String(args.cacheDir) });
  try {
    return await searchSuite([...archive.posts()]);
  } finally {
    await archive.close();
  }
}

export const searchBench: Suite = {
  name: 'search',
  tasks: { search: searchTask },
  async measure(ctx) {
    const cacheDir = mkdtempSync(join(ctx.tmp, 'search-cache-'));
    try {
      const figures = await ctx.child('search', { zip: ctx.archive.zip, cacheDir });
      ctx.rows.set('search', figures); // the viewer suite judges /api/search against its naive scan
      // The search issue sets its targets "for the 100k-post archive"; smaller sizes report their figures only.
      const judged = ctx.archive.size >= 100_000 ? searchTargets(figures, ctx.rows.get('floor')) : [];
      return { rows: [{ name: 'search', figures }], targets: judged };
    } catch (error) {
      return { rows: [failedRow('search', error)], targets: [] };
    }
  },
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The search issue's targets, judged against figures of this same run (the floor from the open suite). */
function searchTargets(figures: Figures, floor: Figures | undefined): Target[] {
  const p95 = num(figures.query_p95_ms);
  const naive = num(figures.naive_p95_ms);
  const build = num(figures.build_ms);
  const floorMs = num(floor?.ms);
  const judge = (label: string, a: number | null, b: number | null, detail: string): Target =>
    a === null || b === null ? { label, ok: null, detail: 'not measured' } : { label, ok: a <= b, detail };
  return [
    judge('search p95 ≤ 30 ms', p95, 30, `${String(p95)} ms`),
    judge('search p95 ≤ naive scan p95', p95, naive, `${String(p95)} ms vs ${String(naive)} ms`),
    judge('search index build ≤ 0.5× floor', build, floorMs === null ? null : floorMs / 2,
      `${String(build)} ms vs floor ${String(floorMs)} ms (${floorMs && build !== null ? (build / floorMs).toFixed(2) : '?'}×)`),
  ];
}
