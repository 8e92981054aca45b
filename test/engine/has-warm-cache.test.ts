// hasWarmCache: true only for the very file a cache was written for (a serve may then skip its container check).
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasWarmCache, openArchive } from '../../main/engine/open.js';
import { generatePosts, writeArchive } from '../fixtures/archive-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-has-warm-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('hasWarmCache', () => {
  it('answers for this file and this cache folder only', async () => {
    const { spec } = generatePosts(50, 2);
    const zip = await writeArchive(spec, join(tmp, 'a'), { container: 'zip' });
    const cacheDir = join(tmp, 'cache');
    expect(await hasWarmCache(zip, cacheDir)).toBe(false);
    await (await openArchive(zip, { cacheDir })).close(); // close() waits for the cache write
    expect(await hasWarmCache(zip, cacheDir)).toBe(true);
    expect(await hasWarmCache(zip, null)).toBe(false);
    expect(await hasWarmCache(zip, join(tmp, 'other-cache'))).toBe(false);
    expect(await hasWarmCache(join(tmp, 'missing.zip'), cacheDir)).toBe(false);
    utimesSync(zip, new Date('2020-01-01'), new Date('2020-01-01')); // another file, as far as any cache knows
    expect(await hasWarmCache(zip, cacheDir)).toBe(false);
  });

  it('is false for a folder, and for a cache file that is not one', async () => {
    const { spec } = generatePosts(20, 3);
    const folder = await writeArchive(spec, join(tmp, 'b'), { container: 'folder' });
    const cacheDir = join(tmp, 'cache-b');
    await (await openArchive(folder, { cacheDir })).close();
    expect(await hasWarmCache(folder, cacheDir)).toBe(false);
    const zip = await writeArchive(spec, join(tmp, 'c'), { container: 'zip' });
    const cacheC = join(tmp, 'cache-c');
    await (await openArchive(zip, { cacheDir: cacheC })).close();
    for (const name of readdirSync(cacheC)) writeFileSync(join(cacheC, name), 'not a cache file at all, but long enough to hold a header of 64 bytes');
    expect(await hasWarmCache(zip, cacheC)).toBe(false);
  });
});
