// ZipSource.bytes (an entry read whole, for exports copying thousands of media files) against open(): the same
// bytes for honest entries, and the same refusals, with the same words, for lying, damaged and inflating ones.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from '../../../main/engine/source/open-source.js';
import type { Source, SourceLimits } from '../../../main/engine/source/source.js';
import { hostile, rawZip, type RawZipEntry } from '../../fixtures/hostile.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-zip-bytes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const OUTBOX = Buffer.from(JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', type: 'OrderedCollection', orderedItems: [] }));
const LONG_NAME = `media_attachments/${'deep/'.repeat(150)}long.png`; // past the first read's guess at header length

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function withZip<T>(name: string, entries: RawZipEntry[], use: (source: Source, path: string) => Promise<T>, limits?: Partial<SourceLimits>, damage?: (zip: Buffer) => void): Promise<T> {
  const zip = rawZip([{ name: 'outbox.json', data: OUTBOX }, ...entries]);
  damage?.(zip);
  const path = join(tmp, name);
  writeFileSync(path, zip);
  const source = await openSource(path, limits);
  try {
    return await use(source, path);
  } finally {
    await source.close();
  }
}

/** What open() then reading to the end gives, and what bytes() gives: a value or the error's code, file and words. */
async function both(source: Source, entry: string): Promise<[unknown, unknown]> {
  const outcome = (p: Promise<Buffer | null>) => p.then((b) => b, (e: Error & { code?: string; file?: string }) => ({ code: e.code, file: e.file, message: e.message }));
  return [await outcome(source.open(entry).then(drain)), await outcome(source.bytes!(entry, 64 * 1024 ** 2))];
}

describe('ZipSource.bytes', () => {
  it('reads honest entries as open() does: deflated, stored, empty, big enough to inflate in the thread pool, long-named', async () => {
    const entries: RawZipEntry[] = [
      { name: 'media_attachments/a.png', data: randomBytes(3000) },
      { name: 'media_attachments/b.txt', data: Buffer.from('hello '.repeat(2000)), method: 0 },
      { name: 'media_attachments/empty.bin', data: Buffer.alloc(0) },
      { name: 'media_attachments/big.bin', data: Buffer.concat([randomBytes(300_000), Buffer.alloc(900_000, 7)]) },
      { name: LONG_NAME, data: Buffer.from('far away') },
    ];
    await withZip('honest.zip', entries, async (source) => {
      for (const { name, data } of entries) {
        const [streamed, whole] = await both(source, name);
        // equals(), not toEqual: a deep comparison of a 1.2 MB buffer takes seconds
        expect(Buffer.isBuffer(whole) && whole.equals(data)).toBe(true);
        expect(Buffer.isBuffer(streamed) && streamed.equals(data)).toBe(true);
      }
    });
  });

  it('answers null above maxBytes (the caller streams it), and refuses names it does not hold as open() does', async () => {
    await withZip('sizes.zip', [{ name: 'm.bin', data: Buffer.alloc(5000, 1), method: 0 }], async (source) => {
      expect(await source.bytes!('m.bin', 4999)).toBeNull();
      expect(await source.bytes!('m.bin', 5000)).toHaveLength(5000);
      await expect(source.bytes!('nope.bin', 10)).rejects.toMatchObject({ code: 'not-found' });
    });
  });

  it('refuses entries whose sizes lie with open()\'s errors and words', async () => {
    const source = await openSource(hostile.lyingSizes(tmp));
    try {
      for (const entry of ['small.txt', 'big.txt']) {
        const [streamed, whole] = await both(source, entry);
        expect(whole).toMatchObject({ code: 'unsafe', file: entry });
        expect(whole).toEqual(streamed);
      }
    } finally {
      await source.close();
    }
  });

  it.each([
    ['maxEntryBytes', { maxEntryBytes: 1024 ** 2 }, /inflates past 1048576 bytes/],
    ['maxRatio', { maxRatio: 100 }, /more than 100 times/],
  ])('refuses an entry inflating past %s as open() does', async (_label, limits, words) => {
    const source = await openSource(hostile.inflation(tmp), limits);
    try {
      const [streamed, whole] = await both(source, 'zeros.bin');
      expect(whole).toMatchObject({ code: 'unsafe', file: 'zeros.bin', message: expect.stringMatching(words) });
      expect(whole).toEqual(streamed);
    } finally {
      await source.close();
    }
  });

  it('refuses an encrypted entry as open() does', async () => {
    const source = await openSource(hostile.encrypted(tmp));
    try {
      await expect(source.bytes!('secret.txt', 1e6)).rejects.toMatchObject({ code: 'encrypted' });
    } finally {
      await source.close();
    }
  });

  it('calls a damaged local header or damaged packed data truncated, naming the entry, as open() does', async () => {
    const entries: RawZipEntry[] = [{ name: 'a.bin', data: randomBytes(2000) }, { name: 'b.txt', data: Buffer.from('text '.repeat(500)) }];
    const localOf = (zip: Buffer, name: string) => zip.indexOf(Buffer.from(name)) - 30;
    const cases: Array<[string, (zip: Buffer) => void, string]> = [
      ['signature.zip', (zip) => zip.writeUInt32LE(0xdeadbeef, localOf(zip, 'a.bin')), 'a.bin'],
      // a name length that puts the data past the end of the file
      ['overflow.zip', (zip) => zip.writeUInt16LE(0xffff, localOf(zip, 'a.bin') + 26), 'a.bin'],
      // deflate data that does not inflate: a stored block whose length and its complement disagree
      ['inflate.zip', (zip) => zip.fill(0x00, localOf(zip, 'b.txt') + 30 + 5, localOf(zip, 'b.txt') + 30 + 10), 'b.txt'],
    ];
    for (const [name, damage, entry] of cases) {
      await withZip(name, entries, async (source) => {
        const [streamed, whole] = await both(source, entry);
        expect(whole).toMatchObject({ code: 'truncated', file: entry });
        expect(whole).toEqual(streamed);
      }, undefined, damage);
    }
  });
});
