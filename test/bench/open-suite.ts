// The open benchmark: the floor (inflate outbox.json + one JSON.parse) against Outbox's cold and warm opens.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { openArchive } from '../../main/engine/open.js';
import { round, type ChildResult, type Figures } from './child.js';
import { failedRow, medianRun, ratio, target, type Row, type Suite, type Target } from './suite.js';

/** Inflates one zip entry into a Buffer sized from the central directory. */
export async function inflateEntry(zipPath: string, name: string): Promise<Buffer> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  try {
    const entry = await new Promise<yauzl.Entry>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('entry', (e: yauzl.Entry) => (e.fileName === name ? resolve(e) : zip.readEntry()));
      zip.on('end', () => reject(new Error(`${name} is not in ${zipPath}`)));
      zip.readEntry();
    });
    const stream = await zip.openReadStreamPromise(entry);
    const out = Buffer.allocUnsafe(entry.uncompressedSize);
    let at = 0;
    for await (const chunk of stream) at += (chunk as Buffer).copy(out, at);
    return out.subarray(0, at);
  } finally {
    zip.close();
  }
}

/** The floor: what any viewer must at least do to read the posts at all. */
export async function floorTask(args: Record<string, unknown>): Promise<Figures> {
  const bytes = await inflateEntry(String(args.zip), 'outbox.json');
  const t0 = performance.now();
  const doc = JSON.parse(bytes.toString('utf8')) as { orderedItems?: unknown[] };
  return { items: doc.orderedItems?.length ?? 0, parseMs: round(performance.now() - t0), outboxMb: round(bytes.length / 1048576) };
}

/** Outbox's open to a ready index (cold with an empty cache folder, warm with the one a cold open filled). */
export async function openTask(args: Record<string, unknown>): Promise<Figures> {
  const t0 = performance.now();
  const archive = await openArchive(String(args.zip), { cacheDir: String(args.cacheDir) });
  const ms = round(performance.now() - t0);
  const info = archive.info;
  await archive.close();
  return { ms, items: info.summary.counts.items, posts: info.summary.counts.posts, fromCache: info.fromCache };
}

export const openSuite: Suite = {
  name: 'open',
  tasks: { floor: floorTask, 'open-archive': openTask },
  async measure(ctx) {
    const rows: Row[] = [];
    const runs = new Map<string, ChildResult[]>([['floor', []], ['cold open', []], ['warm open', []]]);
    const failures = new Map<string, unknown>();
    const run = async (name: string, task: string, args: Record<string, unknown>) => {
      try {
        runs.get(name)!.push(await ctx.child(task, args));
      } catch (error) {
        failures.set(name, error);
      }
    };
    // Interleaved, so a burst of load on a shared machine touches every measurement alike.
    for (let r = 0; r < ctx.repeat; r++) {
      const cacheDir = mkdtempSync(join(ctx.tmp, 'cache-'));
      await run('floor', 'floor', { zip: ctx.archive.zip });
      await run('cold open', 'open-archive', { zip: ctx.archive.zip, cacheDir });
      await run('warm open', 'open-archive', { zip: ctx.archive.zip, cacheDir });
    }
    for (const [name, list] of runs) {
      if (list.length) {
        const figures = medianRun(list);
        rows.push({ name, figures });
        ctx.rows.set(name, figures);
      } else {
        rows.push(failedRow(name, failures.get(name)));
      }
    }
    const floor = ctx.rows.get('floor');
    const cold = ctx.rows.get('cold open');
    const warm = ctx.rows.get('warm open');
    const targets: Target[] = [
      target('cold ≤ 1.5× floor', ratio(cold, floor, 'ms'), 1.5, '×'),
      target('warm ≤ 0.1× floor', ratio(warm, floor, 'ms'), 0.1, '×'),
      target('cold peak RSS ≤ floor peak RSS', ratio(cold, floor, 'peakRssMb'), 1, '×'),
    ];
    if (cold && cold.items !== ctx.archive.truth.items) targets.push({ label: 'cold open found every item', ok: false, detail: `${String(cold.items)} of ${ctx.archive.truth.items}` });
    if (warm && warm.fromCache !== true) targets.push({ label: 'warm open came from the cache', ok: false, detail: 'fromCache was false' });
    return { rows, targets };
  },
};
