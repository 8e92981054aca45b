// Wires the SEARCH engineer's searchSuite (search-suite.ts) into the bench: posts from a real opened archive.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { openArchive } from '../../main/engine/open.js';
import type { Figures } from './child.js';
import { searchSuite } from './search-suite.js';
import { failedRow, type Suite } from './suite.js';

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
      // Targets for search are the SEARCH engineer's to set; the figures are reported as they come.
      return { rows: [{ name: 'search', figures: await ctx.child('search', { zip: ctx.archive.zip, cacheDir }) }], targets: [] };
    } catch (error) {
      return { rows: [failedRow('search', error)], targets: [] };
    }
  },
};
