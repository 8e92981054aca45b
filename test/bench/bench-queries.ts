// The search queries the whole-process figures ask: the search suite's fixed, seeded set, drawn from the archive.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openArchive } from '../../main/engine/open.js';
import { buildSearchIndex } from '../../main/engine/search/index.js';
import type { Figures } from './child.js';
import { benchQueries } from './search-suite.js';
import type { SuiteContext } from './suite.js';

/** Child task: opens the archive, draws benchQueries from it (as the search suite does) and writes them to `out`. */
export async function queriesTask(args: Record<string, unknown>): Promise<Figures> {
  const archive = await openArchive(String(args.zip), { cacheDir: String(args.cacheDir) });
  try {
    const posts = [...archive.posts()];
    const queries = benchQueries(buildSearchIndex(posts), posts);
    writeFileSync(String(args.out), JSON.stringify(queries));
    return { queries: Object.values(queries).flat().length };
  } finally {
    await archive.close();
  }
}

const drawn = new Map<string, Promise<Record<string, string[]>>>();

/** The queries of this archive, drawn once per run in a child (the parent never loads posts). */
export function queriesFor(ctx: SuiteContext): Promise<Record<string, string[]>> {
  let queries = drawn.get(ctx.archive.zip);
  if (!queries) {
    queries = (async () => {
      const folder = mkdtempSync(join(ctx.tmp, 'queries-'));
      const out = join(folder, 'queries.json');
      await ctx.child('bench-queries', { zip: ctx.archive.zip, cacheDir: folder, out });
      return JSON.parse(readFileSync(out, 'utf8')) as Record<string, string[]>;
    })();
    drawn.set(ctx.archive.zip, queries);
  }
  return queries;
}
