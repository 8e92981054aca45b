// readCentralDirectory reads the same records, and fails with the same messages, as yauzl's own entry listing.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { readCentralDirectory, type CentralRecord } from '../../../main/engine/source/zip-directory.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-zipdir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function writeZip(file: string, zip64: boolean): Promise<string> {
  const zip = new yazl.ZipFile();
  const names = ['outbox.json', 'media_attachments/files/1/original/é ü.png', 'dir/', '日本語/名前.txt', 'a\\b.txt'];
  for (const [i, name] of names.entries()) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name);
    else zip.addBuffer(Buffer.from(`entry ${i} `.repeat(100 * (i + 1))), name, { forceZip64Format: zip64, compress: i % 2 === 0 });
  }
  zip.end({ forceZip64Format: zip64, comment: '' });
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject);
  });
  return file;
}

/** yauzl's listing, as records; and where it found the directory. */
async function viaYauzl(file: string): Promise<{ records: CentralRecord[]; error: string | null; at: number; count: number }> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: false, autoClose: false });
  const at = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
  const records: CentralRecord[] = [];
  const error = await new Promise<string | null>((resolve) => {
    zip.on('error', (e: Error) => resolve(e.message));
    zip.on('end', () => resolve(null));
    zip.on('entry', (e: yauzl.Entry) => {
      records.push({
        flags: e.generalPurposeBitFlag, method: e.compressionMethod, compressedSize: e.compressedSize,
        uncompressedSize: e.uncompressedSize, offset: e.relativeOffsetOfLocalHeader,
        rawName: yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, e.fileNameRaw, e.extraFields, false),
      });
      zip.readEntry();
    });
    zip.readEntry();
  });
  zip.close();
  return { records, error, at, count: zip.entryCount };
}

async function viaOurs(file: string, at: number, count: number): Promise<{ records: CentralRecord[]; error: string | null }> {
  const fd = openSync(file, 'r');
  const records: CentralRecord[] = [];
  try {
    await readCentralDirectory(fd, at, count, (r) => records.push(r));
    return { records, error: null };
  } catch (error) {
    return { records, error: (error as Error).message };
  } finally {
    closeSync(fd);
  }
}

describe('readCentralDirectory', () => {
  it.each([false, true])('lists what yauzl lists (zip64: %s)', async (zip64) => {
    const file = await writeZip(join(tmp, `plain-${zip64}.zip`), zip64);
    const expected = await viaYauzl(file);
    expect(expected.error).toBeNull();
    expect(expected.records.map((r) => r.rawName)).toContain('日本語/名前.txt');
    expect(await viaOurs(file, expected.at, expected.count)).toEqual({ records: expected.records, error: null });
  });

  it('fails on a damaged record with yauzl\'s message', async () => {
    const file = await writeZip(join(tmp, 'damaged.zip'), false);
    const { records, at, count } = await viaYauzl(file);
    const bytes = readFileSync(file);
    // the third record's signature, found by walking the records
    let p = at;
    for (let i = 0; i < 2; i++) p += 46 + bytes.readUInt16LE(p + 28) + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    bytes.writeUInt32LE(0x12345678, p);
    writeFileSync(file, bytes);
    const expected = await viaYauzl(file);
    expect(expected.error).toBe('invalid central directory file header signature: 0x12345678');
    expect(await viaOurs(file, at, count)).toEqual({ records: records.slice(0, 2), error: expected.error });
  });

  it('stops at the end of the file and at bytes that are not a record', async () => {
    const file = await writeZip(join(tmp, 'short.zip'), false);
    const { at } = await viaYauzl(file);
    // more records than the file holds: after the five, fewer than 46 bytes (the end record) are left
    expect(await viaOurs(file, at, 1000)).toEqual({ records: (await viaYauzl(file)).records, error: 'unexpected EOF' });
    // a record start that is not a record
    const shifted = readFileSync(file).readUInt32LE(at + 1).toString(16);
    expect(await viaOurs(file, at + 1, 1)).toEqual({ records: [], error: `invalid central directory file header signature: 0x${shifted}` });
  });
});
