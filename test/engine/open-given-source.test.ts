// openArchive with a source the caller opened already (`outbox serve` checks the container first): a cold open reads
// that source rather than listing the container again, owns it, and a warm open closes it at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../main/engine/open.js';
import { openExport } from '../../main/engine/readers/pick.js';
import type { Source } from '../../main/engine/source/source.js';
import { generatePosts, writeArchive } from '../fixtures/archive-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-given-source-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The source with its reads and its close counted. */
async function counted(path: string): Promise<{ source: Source; opens: () => number; closes: () => number }> {
  const inner = await openExport(path);
  let opens = 0;
  let closes = 0;
  const source = Object.create(inner) as Source;
  source.open = (name: string) => ((opens++), inner.open(name));
  source.close = () => ((closes++), inner.close());
  return { source, opens: () => opens, closes: () => closes };
}

describe('openArchive with a source already open', () => {
  it('cold: reads the given source, and closes it with the archive', async () => {
    const { spec, truth } = generatePosts(120, 9);
    const zip = await writeArchive(spec, join(tmp, 'a'), { container: 'zip' });
    const cacheDir = join(tmp, 'cache');
    const given = await counted(zip);
    const cold = await openArchive(zip, { cacheDir, source: given.source });
    expect(cold.info.fromCache).toBe(false);
    expect(cold.summary().counts.items).toBe(truth.items);
    expect(given.opens()).toBeGreaterThan(0); // outbox.json came through it
    expect(given.closes()).toBe(0);
    await cold.close();
    expect(given.closes()).toBe(1);

    const again = await counted(zip);
    const warm = await openArchive(zip, { cacheDir, source: again.source });
    expect(warm.info.fromCache).toBe(true);
    expect(again.closes()).toBe(1); // not needed: closed at once
    await warm.close();
  });

  it('a failed open closes the given source too', async () => {
    const zip = await writeArchive(generatePosts(5, 1).spec, join(tmp, 'b'), { container: 'zip' });
    const given = await counted(zip);
    const stop = new AbortController();
    stop.abort();
    await expect(openArchive(zip, { cacheDir: null, source: given.source, signal: stop.signal })).rejects.toThrow();
    expect(given.closes()).toBe(1);
  });
});
