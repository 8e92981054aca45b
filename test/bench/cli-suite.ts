// What a person waits for at the terminal: whole `outbox` processes (node's start included), cold and warm.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { queriesFor } from './bench-queries.js';
import type { ChildResult } from './child.js';
import { cliPath, launchNode, runNode, type ProcessResult } from './process-run.js';
import { measureInterleaved, ratio, target, type Suite, type Target } from './suite.js';

/** The targets are set for 100k posts: smaller archives report their figures, unjudged. */
export const JUDGED_FROM = 100_000;

const asRow = (r: ProcessResult, extra: Record<string, number | string | boolean | null> = {}): ChildResult =>
  ({ ms: r.ms, peakRssMb: r.peakRssMb ?? 0, ...extra });

/** `outbox export --format jsonl` to a pipe: the time to its first row, then to its end. */
async function exportFirstRow(zip: string, env: Record<string, string>): Promise<ChildResult> {
  const run = launchNode([cliPath, 'export', zip, '--format', 'jsonl'], { env });
  const first = await run.firstLine;
  const end = await run.done;
  if (end.code !== 0) throw new Error(`outbox export exited with ${end.code ?? end.signal}: ${end.stderr.slice(-300)}`);
  return { ms: Math.round(first.ms * 100) / 100, peakRssMb: end.peakRssMb ?? 0, totalMs: end.ms, mb: Math.round(end.stdoutBytes / 10485.76) / 100 };
}

export const cliSuite: Suite = {
  name: 'cli',
  tasks: {},
  async measure(ctx) {
    const queries = await queriesFor(ctx);
    const query = queries.exact?.[0] ?? 'the';
    const zip = ctx.archive.zip;
    let coldSummary = '';
    let warmSame: boolean | null = null;
    const names = ['node start', 'cli summary cold', 'cli summary warm', 'cli stats warm', 'cli search warm', 'cli export 1st row'];
    const rows = await measureInterleaved(ctx, names, async (_round, measure) => {
      const env = { OUTBOX_CACHE_DIR: mkdtempSync(join(ctx.tmp, 'cli-cache-')) };
      // The fixed cost of any command: node's own start and exit, nothing loaded.
      await measure('node start', async () => asRow(await runNode(['-e', '0'])));
      // Cold: reads the archive and writes the cache before the process ends (close() waits for the write).
      await measure('cli summary cold', async () => {
        const r = await runNode([cliPath, 'summary', zip, '--json'], { env, keepStdout: true });
        coldSummary = r.stdout;
        return asRow(r);
      });
      await measure('cli summary warm', async () => {
        const r = await runNode([cliPath, 'summary', zip, '--json'], { env, keepStdout: true });
        warmSame = (warmSame ?? true) && r.stdout === coldSummary;
        return asRow(r, { sameAsCold: r.stdout === coldSummary });
      });
      await measure('cli stats warm', async () => asRow(await runNode([cliPath, 'stats', zip, '--json', '--utc'], { env })));
      await measure('cli search warm', async () => asRow(await runNode([cliPath, 'search', zip, query, '--json'], { env }), { query }));
      await measure('cli export 1st row', () => exportFirstRow(zip, env));
    });
    if (ctx.archive.size < JUDGED_FROM) return { rows, targets: [] };
    const floor = ctx.rows.get('floor');
    const targets: Target[] = [
      target('cold `summary` ≤ 1.5× floor (cache write included)', ratio(ctx.rows.get('cli summary cold'), floor), 1.5, '×'),
      ...['summary', 'stats', 'search'].map((c) => target(`warm \`${c}\` ≤ 0.1× floor`, ratio(ctx.rows.get(`cli ${c} warm`), floor), 0.1, '×')),
      target('warm `export` first row ≤ 0.1× floor', ratio(ctx.rows.get('cli export 1st row'), floor), 0.1, '×'),
    ];
    if (warmSame === false) targets.push({ label: 'warm `summary` prints what the cold one printed', ok: false, detail: 'outputs differ' });
    return { rows, targets };
  },
};
