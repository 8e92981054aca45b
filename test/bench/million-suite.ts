// `--million`: a 1M-post archive's cold open, for its peak RSS (target ≤ 2 GB). Off by default: writing the archive
// (~1.7 GB outbox.json) and opening it take minutes. There is no floor at this size: one JSON.parse of the file
// is refused by V8 (its string would pass ~512 MiB), which is why Outbox streams.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { failedRow, target, type Suite } from './suite.js';

export const MILLION = 1_000_000;

export const millionSuite: Suite = {
  name: 'million',
  tasks: {},
  async measure(ctx) {
    try {
      const figures = await ctx.child('open-archive', { zip: ctx.archive.zip, cacheDir: mkdtempSync(join(ctx.tmp, 'million-cache-')) });
      ctx.rows.set('cold open', figures);
      const targets = [target('1M-post cold open peak RSS ≤ 2 GB', figures.peakRssMb, 2048, ' MB')];
      if (figures.items !== ctx.archive.truth.items) targets.push({ label: 'cold open found every item', ok: false, detail: `${String(figures.items)} of ${ctx.archive.truth.items}` });
      return { rows: [{ name: 'cold open', figures }], targets };
    } catch (error) {
      return { rows: [failedRow('cold open', error)], targets: [] };
    }
  },
};
