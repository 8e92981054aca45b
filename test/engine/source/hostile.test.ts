// Hostile and damaged archives: each is refused with the right code, or its bad entries are left out.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveError } from '../../../main/engine/errors.js';
import { locateArchive } from '../../../main/engine/source/layout.js';
import { openSource } from '../../../main/engine/source/open-source.js';
import { hostile, tarGz } from '../../fixtures/hostile.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function drain(stream: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}

function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((d) => `${join(d.parentPath, d.name)} ${d.isFile() ? statSync(join(d.parentPath, d.name)).size : 'dir'}`)
    .sort();
}

describe('refused at open', () => {
  it('a missing path is not-found', async () => {
    await expect(openSource(join(tmp, 'nope.zip'))).rejects.toMatchObject({ code: 'not-found' });
  });

  it.each([
    ['random bytes named .zip', hostile.randomBytes, 'random.zip'],
    ['a text file', hostile.textFile, 'notes.txt'],
  ])('%s is not-archive, naming the file and what to open instead', async (_label, build, name) => {
    const error = await openSource(build(tmp)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect(error).toMatchObject({ code: 'not-archive' });
    expect((error as Error).message).toContain(`${name} is not a zip, a tar.gz or a folder`);
    expect((error as Error).message).toContain('Request your archive');
  });

  it('a zero-byte file is empty', async () => {
    await expect(openSource(hostile.empty(tmp))).rejects.toMatchObject({ code: 'empty' });
  });

  it('a zip cut in half is truncated, naming the file', async () => {
    const error = await openSource(hostile.truncatedZip(tmp)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'truncated' });
    expect((error as Error).message).toContain('archive-truncated.zip');
  });

  it('a tar.gz cut short, and a whole gzip holding a cut tar, are truncated', async () => {
    await expect(openSource(hostile.truncatedTarGz(tmp))).rejects.toMatchObject({ code: 'truncated' });
    await expect(openSource(hostile.truncatedTar(tmp))).rejects.toMatchObject({ code: 'truncated' });
  });

  it('a gzip that holds no tar is not-archive', async () => {
    await expect(openSource(hostile.gzipNotTar(tmp))).rejects.toMatchObject({ code: 'not-archive' });
  });

  it('overlapping entries (a Fifield-style bomb) are unsafe before anything inflates', async () => {
    const path = hostile.overlapBomb(tmp, 2000);
    const before = process.memoryUsage().arrayBuffers;
    const error = await openSource(path).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unsafe' });
    expect((error as Error).message).toMatch(/zip bomb/);
    // 2000 × 4 MiB would be 8 GiB inflated; refusing at the directory keeps memory where it was
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 ** 2);
    await expect(openSource(hostile.overlapQuoted(tmp))).rejects.toMatchObject({ code: 'unsafe' });
  });

  it('a zip with more entries than the limit is too-large', async () => {
    await expect(openSource(hostile.zipSlip(tmp), { maxEntries: 2 })).rejects.toMatchObject({ code: 'too-large' });
  });

  it('an archive without outbox.json is no-outbox, naming it', async () => {
    const source = await openSource(hostile.noOutbox(tmp));
    expect(() => locateArchive(source)).toThrow(/holiday-photos\.zip has no outbox\.json/);
    try {
      locateArchive(source);
    } catch (error) {
      expect(error).toMatchObject({ code: 'no-outbox' });
    }
    await source.close();
  });

  it('a tar.gz named .zip opens as a tar.gz: detection goes by content', async () => {
    const source = await openSource(hostile.tarGzNamedZip(tmp));
    expect(source.format).toBe('tar.gz');
    expect(locateArchive(source).outbox).toBe('outbox.json');
    await source.close();
  });
});

describe('refused per entry', () => {
  it('entries whose declared size lies error unsafe, naming the entry, while honest ones read', async () => {
    const source = await openSource(hostile.lyingSizes(tmp));
    try {
      expect(JSON.parse((await source.read('outbox.json', 1e6)).toString()).type).toBe('OrderedCollection');
      const more = await drain(await source.open('small.txt')).catch((e: unknown) => e);
      expect(more).toMatchObject({ code: 'unsafe', file: 'small.txt' });
      expect((more as Error).message).toMatch(/small\.txt .*says it holds 10 bytes but holds more/);
      const less = await drain(await source.open('big.txt')).catch((e: unknown) => e);
      expect(less).toMatchObject({ code: 'unsafe', file: 'big.txt' });
      expect((less as Error).message).toMatch(/big\.txt .*says it holds 9000 bytes but holds less/);
    } finally {
      await source.close();
    }
  });

  it('encrypted entries are left out and reported; an encrypted outbox.json is encrypted', async () => {
    const source = await openSource(hostile.encrypted(tmp));
    expect(source.entries.has('secret.txt')).toBe(false);
    expect(source.problems.join('\n')).toMatch(/secret\.txt.*encrypted/);
    await expect(source.open('secret.txt')).rejects.toMatchObject({ code: 'encrypted' });
    expect(locateArchive(source).outbox).toBe('outbox.json');
    await source.close();
    const locked = await openSource(hostile.encrypted(tmp, true));
    expect(() => locateArchive(locked)).toThrow(ArchiveError);
    try {
      locateArchive(locked);
    } catch (error) {
      expect(error).toMatchObject({ code: 'encrypted', file: 'outbox.json' });
    }
    await locked.close();
  });

  it('zip-slip names are never entries, never served, and nothing is written anywhere', async () => {
    const dir = join(tmp, 'slip', 'inner');
    const path = hostile.zipSlip(dir);
    const before = listing(tmp);
    const source = await openSource(path);
    try {
      const names = [...source.entries.keys()].sort();
      expect(names).toEqual(['media_attachments/files/ok.png', 'outbox.json']);
      expect(source.problems).toHaveLength(4);
      for (const bad of ['../evil.txt', '/etc/passwd', 'C:/Windows/evil.txt', 'evil.txt', 'etc/passwd', 'evil2.txt']) {
        await expect(source.open(bad)).rejects.toMatchObject({ code: 'not-found' });
      }
      const layout = locateArchive(source);
      expect(layout.resolve('../evil.txt')).toBeNull();
      expect(layout.resolve('/../../evil2.txt')).toBeNull();
      expect(layout.resolve('/media_attachments/files/ok.png')).toBe('media_attachments/files/ok.png');
      await drain(await source.open('media_attachments/files/ok.png'));
    } finally {
      await source.close();
    }
    expect(listing(tmp)).toEqual(before);
    expect(existsSync(join(tmp, 'slip', 'evil.txt'))).toBe(false);
    expect(existsSync(join(tmp, 'evil2.txt'))).toBe(false);
  });

  it('an entry inflating past maxEntryBytes errors unsafe mid-stream', async () => {
    const source = await openSource(hostile.inflation(tmp), { maxEntryBytes: 1024 ** 2 });
    const error = await drain(await source.open('zeros.bin')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unsafe', file: 'zeros.bin' });
    expect((error as Error).message).toMatch(/zeros\.bin .*inflates past 1048576 bytes/);
    await source.close();
  });

  it('an entry inflating past maxRatio errors unsafe mid-stream', async () => {
    const source = await openSource(hostile.inflation(tmp), { maxRatio: 100 });
    const error = await drain(await source.open('zeros.bin')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unsafe', file: 'zeros.bin' });
    expect((error as Error).message).toMatch(/more than 100 times/);
    await source.close();
  });

  it('read() refuses an entry larger than asked with too-large', async () => {
    const source = await openSource(hostile.inflation(tmp));
    await expect(source.read('zeros.bin', 1000)).rejects.toMatchObject({ code: 'too-large' });
    await source.close();
  });
});

describe('tar.gz entries', () => {
  it('leaves out climbing names and links, strips leading slashes, and reports each', async () => {
    const path = join(tmp, 'slip.tar.gz');
    writeFileSync(path, tarGz([
      { name: 'outbox.json', data: Buffer.from('{}') },
      { name: '../../evil.txt', data: Buffer.from('escaped') },
      { name: 'media_attachments/../../evil2.txt', data: Buffer.from('escaped') },
      { name: 'avatar.png', type: '2' },
      { name: '/opt/mastodon/public/system/media_attachments/files/1/original/a.png', data: Buffer.from('a') },
    ]));
    const before = listing(tmp);
    const source = await openSource(path);
    expect([...source.entries.keys()].sort())
      .toEqual(['opt/mastodon/public/system/media_attachments/files/1/original/a.png', 'outbox.json']);
    expect(source.problems).toHaveLength(3);
    expect(source.problems.join('\n')).toMatch(/avatar\.png.*link/);
    expect(locateArchive(source).resolve('https://cdn.example/media_attachments/files/1/original/a.png'))
      .toBe('opt/mastodon/public/system/media_attachments/files/1/original/a.png');
    await source.close();
    expect(listing(tmp)).toEqual(before);
  });

  it('a tar.gz that inflates past maxRatio is unsafe at open', async () => {
    const path = join(tmp, 'gzip-bomb.tar.gz');
    writeFileSync(path, tarGz([{ name: 'outbox.json', data: Buffer.from('{}') }, { name: 'z', data: Buffer.alloc(16 * 1024 ** 2) }]));
    await expect(openSource(path, { maxRatio: 100 })).rejects.toMatchObject({ code: 'unsafe' });
    const fine = await openSource(path, { maxRatio: 5000 });
    expect(fine.entries.get('z')?.size).toBe(16 * 1024 ** 2);
    await fine.close();
  });

  it('an entry over maxEntryBytes is left out and reported', async () => {
    const path = join(tmp, 'big-entry.tar.gz');
    writeFileSync(path, tarGz([{ name: 'outbox.json', data: Buffer.from('{}') }, { name: 'big.bin', data: Buffer.alloc(5000) }]));
    const source = await openSource(path, { maxEntryBytes: 4096 });
    expect(source.entries.has('big.bin')).toBe(false);
    expect(source.problems.join('\n')).toMatch(/big\.bin.*larger than 4096/);
    await source.close();
  });
});
