// The cache folder choice and the archive identity (key) the cache file is named by.
import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveIdentity, cacheFileName, cacheFolder } from '../../../main/engine/cache/location.js';

const dir = mkdtempSync(join(tmpdir(), 'outbox-cache-location-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cacheFolder', () => {
  it('is off for null, the option when given, else OUTBOX_CACHE_DIR, else the OS cache folder', () => {
    const saved = process.env.OUTBOX_CACHE_DIR;
    try {
      process.env.OUTBOX_CACHE_DIR = '/env/cache';
      expect(cacheFolder(null)).toBeNull();
      expect(cacheFolder('/my/cache')).toBe('/my/cache');
      expect(cacheFolder(undefined)).toBe('/env/cache');
      delete process.env.OUTBOX_CACHE_DIR;
      const os = cacheFolder(undefined)!;
      if (process.platform === 'linux') expect(os).toBe(join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'outbox'));
      expect(os.toLowerCase()).toContain('outbox');
    } finally {
      if (saved === undefined) delete process.env.OUTBOX_CACHE_DIR;
      else process.env.OUTBOX_CACHE_DIR = saved;
    }
  });
});

describe('archiveIdentity', () => {
  it('changes with size and mtime, and for folders with outbox.json', async () => {
    const file = join(dir, 'a.zip');
    writeFileSync(file, 'abc');
    utimesSync(file, 1_000_000, 1_000_000);
    const a = await archiveIdentity(file);
    expect(await archiveIdentity(file)).toEqual(a);
    utimesSync(file, 2_000_000, 2_000_000);
    const b = await archiveIdentity(file);
    expect(b.key).not.toBe(a.key);
    expect(cacheFileName(b).slice(0, 17)).toBe(cacheFileName(a).slice(0, 17)); // same archive, same prefix
    expect(cacheFileName(b)).not.toBe(cacheFileName(a));

    const folder = join(dir, 'unpacked');
    mkdirSync(folder);
    writeFileSync(join(folder, 'outbox.json'), '{}');
    const f1 = await archiveIdentity(folder);
    expect(f1.isFolder).toBe(true);
    writeFileSync(join(folder, 'outbox.json'), '{"a":1}');
    expect((await archiveIdentity(folder)).key).not.toBe(f1.key);
  });
});
