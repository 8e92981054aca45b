// The three containers (zip with Zip64, tar.gz with absolute media paths and long names, folder) read alike.
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { locateArchive } from '../../../main/engine/source/layout.js';
import { openSource } from '../../../main/engine/source/open-source.js';
import type { Source } from '../../../main/engine/source/source.js';
import { tarGz, type TarEntry } from '../../fixtures/hostile.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-source-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ZIP64_EOCD = Buffer.from([0x50, 0x4b, 0x06, 0x06]);
const MEDIA = 'media_attachments/files/109/333/835/161/429/021/original/3f2a9c0d1e4b5a67.png';
const LONG = `media_attachments/files/109/333/835/161/429/022/original/${'a'.repeat(120)}.jpeg`;
const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(3000, 7)]);
const outbox = JSON.stringify({ id: 'outbox.json', type: 'OrderedCollection', orderedItems: [
  { type: 'Create', object: { attachment: [{ url: `/system/${MEDIA}` }, { url: `https://files.example/${LONG}` }] } }] });
const files: Record<string, Buffer> = {
  'outbox.json': Buffer.from(outbox),
  'actor.json': Buffer.from('{"type":"Person","icon":{"url":"avatar.png"}}'),
  'likes.json': Buffer.from('{"orderedItems":[]}'),
  'avatar.png': png,
  [MEDIA]: png,
  [LONG]: Buffer.from('long-named jpeg'),
};

async function writeZip(path: string, prefix: string, zip64: boolean): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) zip.addBuffer(data, prefix + name, { forceZip64Format: zip64 });
  zip.end({ forceZip64Format: zip64, comment: '' });
  await pipeline(zip.outputStream, createWriteStream(path));
  return path;
}

/** Media first and under an absolute server path, as the tar.gz era wrote it (FORMAT.md §1.1). */
function writeTarGz(path: string, prefix: string): string {
  const entries: TarEntry[] = [{ name: prefix || './', type: '5' }];
  for (const [name, data] of Object.entries(files)) {
    const media = name.startsWith('media_attachments/');
    entries.push({ name: media ? `/home/mastodon/live/public/system/${name}` : prefix + name, data });
  }
  entries.sort((a, b) => Number(b.name.startsWith('/')) - Number(a.name.startsWith('/')));
  writeFileSync(path, tarGz(entries));
  return path;
}

function writeFolder(path: string, prefix: string): string {
  for (const [name, data] of Object.entries(files)) {
    const file = join(path, prefix, ...name.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
  }
  return path;
}

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function drainAll(stream: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}

const cases: [string, (prefix: string) => Promise<string> | string, Source['format']][] = [
  ['zip', (p) => writeZip(join(tmp, `plain${p ? '-sub' : ''}.zip`), p, false), 'zip'],
  ['Zip64 zip', (p) => writeZip(join(tmp, `zip64${p ? '-sub' : ''}.zip`), p, true), 'zip'],
  ['tar.gz', (p) => writeTarGz(join(tmp, `plain${p ? '-sub' : ''}.tar.gz`), p), 'tar.gz'],
  ['folder', (p) => writeFolder(join(tmp, `folder${p ? '-sub' : ''}`), p), 'folder'],
];

describe.each(cases)('%s', (label, write, format) => {
  for (const prefix of ['', 'archive-20240101/']) {
    it(`lists, locates and reads ${prefix ? 'inside one sub-folder' : 'at the top'}`, async () => {
      const source = await openSource(await write(prefix));
      try {
        expect(source.format).toBe(format);
        if (label.startsWith('Zip64')) expect(readFileSync(source.location).includes(ZIP64_EOCD)).toBe(true);
        const layout = locateArchive(source);
        const root = prefix;
        expect(layout.root).toBe(root);
        expect(layout.outbox).toBe(`${root}outbox.json`);
        expect(layout.actor).toBe(`${root}actor.json`);
        expect(layout.likes).toBe(`${root}likes.json`);
        expect(layout.bookmarks).toBeNull();
        expect(await text(await source.open(layout.outbox))).toBe(outbox);
        expect(JSON.parse((await source.read(layout.actor!, 1e6)).toString()).type).toBe('Person');

        const media = layout.resolve(`/system/${MEDIA}`);
        expect(media).not.toBeNull();
        expect(media!.endsWith(MEDIA)).toBe(true);
        expect((await source.read(media!, 1e6)).equals(png)).toBe(true);
        const long = layout.resolve(`https://files.example/${LONG}?v=2#frag`);
        expect(long).not.toBeNull();
        expect(await text(await source.open(long!))).toBe('long-named jpeg');
        expect(layout.resolve('avatar.png')).toBe(`${root}avatar.png`);
        expect(layout.resolve('https://mastodon.example/avatar.png')).toBeNull();
        expect(layout.resolve('/system/media_attachments/files/1/missing.png')).toBeNull();
        if (format === 'tar.gz') expect(media).toBe(`home/mastodon/live/public/system/${MEDIA}`);
        for (const name of source.entries.keys()) expect(name.split('/')).not.toContain('..');
        expect(source.problems).toEqual([]);
      } finally {
        await source.close();
      }
    });
  }
});

describe('tar.gz random access', () => {
  const big = Buffer.alloc(20 * 1024 ** 2);
  for (let i = 0; i < big.length; i++) big[i] = 0x61 + ((i * 7919) % 26);
  const path = join(tmp, 'big-outbox.tar.gz');
  writeFileSync(path, tarGz([
    { name: '/home/mastodon/live/public/system/media_attachments/files/1/original/a.png', data: png },
    { name: 'outbox.json', data: big },
    { name: 'actor.json', data: files['actor.json'] },
    { name: 'tail.bin', data: Buffer.from('the last entry') },
    { name: `deep/${'p'.repeat(150)}/pax-named.txt`, data: Buffer.from('pax'), longName: 'pax' },
  ]));

  it('reads a 20 MB outbox.json twice, whole and in order', async () => {
    const source = await openSource(path);
    try {
      for (let round = 0; round < 2; round++) {
        const chunks: Buffer[] = [];
        for await (const chunk of await source.open('outbox.json')) chunks.push(chunk as Buffer);
        expect(Buffer.concat(chunks).equals(big)).toBe(true);
      }
      expect(await text(await source.open(`deep/${'p'.repeat(150)}/pax-named.txt`))).toBe('pax');
    } finally {
      await source.close();
    }
  });

  it('serves entries opened together from one pass, and from its cache after', async () => {
    const source = await openSource(path);
    try {
      const names = ['tail.bin', 'media_attachments/files/1/original/a.png', 'outbox.json', 'tail.bin']
        .map((n) => (n.startsWith('media') ? `home/mastodon/live/public/system/${n}` : n));
      const streams = await Promise.all(names.map((n) => source.open(n)));
      const bodies = await Promise.all(streams.map(async (s) => {
        const chunks: Buffer[] = [];
        for await (const chunk of s) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      }));
      expect(bodies[0]!.toString()).toBe('the last entry');
      expect(bodies[1]!.equals(png)).toBe(true);
      expect(bodies[2]!.equals(big)).toBe(true);
      expect(bodies[3]!.toString()).toBe('the last entry');
      expect((await source.read('tail.bin', 100)).toString()).toBe('the last entry');
      expect((source as unknown as { inflatePasses: number }).inflatePasses).toBe(1);
      await expect(source.read('outbox.json', 1000)).rejects.toMatchObject({ code: 'too-large' });
    } finally {
      await source.close();
    }
  });

  it('serves actor.json from what the listing pass kept, without another inflate', async () => {
    const source = await openSource(path);
    try {
      expect(JSON.parse(await text(await source.open('actor.json'))).type).toBe('Person');
      expect((source as unknown as { inflatePasses: number }).inflatePasses).toBe(0);
    } finally {
      await source.close();
    }
  });

  it('lets entries read one after another in archive order share one pass', async () => {
    const source = await openSource(path);
    try {
      const media = 'home/mastodon/live/public/system/media_attachments/files/1/original/a.png';
      expect((await source.read(media, 1e6)).equals(png)).toBe(true);
      expect((await source.read('tail.bin', 100)).toString()).toBe('the last entry');
      expect((source as unknown as { inflatePasses: number }).inflatePasses).toBe(1);
      // outbox.json lies behind that pass now: a new one starts
      expect(await drainAll(await source.open('outbox.json'))).toBe(big.length);
      expect((source as unknown as { inflatePasses: number }).inflatePasses).toBe(2);
    } finally {
      await source.close();
    }
  });

  it('stops a reader that abandons a stream without stalling the others', async () => {
    const source = await openSource(path);
    try {
      const abandoned = await source.open('outbox.json');
      const other = await source.open('tail.bin');
      abandoned.destroy();
      expect(await text(other)).toBe('the last entry');
    } finally {
      await source.close();
    }
  });
});

describe('zip with a central directory larger than the read window', () => {
  it('lists 15,000 entries and reads the last one', async () => {
    const zip = new yazl.ZipFile();
    for (let i = 0; i < 15000; i++) {
      zip.addBuffer(Buffer.from(`file ${i}`), `media_attachments/files/109/333/${i}/original/0123456789abcdef.png`,
        { compress: false });
    }
    zip.addBuffer(files['outbox.json']!, 'outbox.json');
    zip.end();
    const path = join(tmp, 'many.zip');
    await pipeline(zip.outputStream, createWriteStream(path));
    const source = await openSource(path);
    try {
      expect(source.entries.size).toBe(15001);
      const name = locateArchive(source).resolve('/media_attachments/files/109/333/14999/original/0123456789abcdef.png');
      expect(await text(await source.open(name!))).toBe('file 14999');
    } finally {
      await source.close();
    }
  });
});

describe('folder source', () => {
  it('leaves symbolic links out and reports them', async () => {
    const folder = writeFolder(join(tmp, 'with-link'), '');
    writeFileSync(join(tmp, 'outside.txt'), 'outside the archive');
    symlinkSync(join(tmp, 'outside.txt'), join(folder, 'link.txt'));
    symlinkSync(tmp, join(folder, 'media_attachments', 'loop'));
    const source = await openSource(folder);
    expect(source.entries.has('link.txt')).toBe(false);
    expect([...source.entries.keys()].some((n) => n.includes('loop'))).toBe(false);
    expect(source.problems.join('\n')).toMatch(/link\.txt.*symbolic link/);
    await expect(source.open('link.txt')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a folder over the entry limit', async () => {
    await expect(openSource(writeFolder(join(tmp, 'many'), ''), { maxEntries: 3 }))
      .rejects.toMatchObject({ code: 'too-large' });
  });
});
