// Reads a zip's central directory records in one synchronous loop over 1 MiB windows of the file.
import { read } from 'node:fs';
import { promisify } from 'node:util';
import { loadYauzl, type Yauzl } from './zip-library.js';

/** What the zip source needs of one central-directory record (the fields yauzl's Entry would carry). */
export interface CentralRecord {
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
  /** the decoded name, as yauzl's getFileNameLowLevel gives it (unicode path extra field, UTF-8 flag, CP437) */
  rawName: string;
}

const WINDOW = 1024 ** 2;
const HEADER = 46;
const readAt = promisify(read);

/**
 * yauzl lists entries one event at a time, with two reads and two ticks each: 28k entries took ~150 ms here,
 * most of it in that machinery. This reads the same records with the same checks and error messages as
 * yauzl 3's ZipFile._readEntry (signature, strong encryption, extra fields, Zip64 sizes and offset, EOF),
 * starting where yauzl found the directory.
 */
export async function readCentralDirectory(
  fd: number, start: number, count: number, onRecord: (record: CentralRecord) => void,
): Promise<void> {
  const yauzl = await loadYauzl();
  let window = Buffer.alloc(0);
  let windowStart = 0;
  /** Makes [position, position + length) readable from `window`; returns its offset there. */
  const ensure = async (position: number, length: number): Promise<number> => {
    const from = position - windowStart;
    if (from >= 0 && from + length <= window.length) return from;
    const next = Buffer.allocUnsafe(Math.max(WINDOW, length));
    const { bytesRead } = await readAt(fd, next, 0, next.length, position);
    if (bytesRead < length) throw new Error('unexpected EOF');
    window = next.subarray(0, bytesRead);
    windowStart = position;
    return 0;
  };
  let cursor = start;
  for (let i = 0; i < count; i++) {
    let at = await ensure(cursor, HEADER);
    const signature = window.readUInt32LE(at);
    if (signature !== 0x02014b50) throw new Error(`invalid central directory file header signature: 0x${signature.toString(16)}`);
    const flags = window.readUInt16LE(at + 8);
    const method = window.readUInt16LE(at + 10);
    let compressedSize = window.readUInt32LE(at + 20);
    let uncompressedSize = window.readUInt32LE(at + 24);
    const nameLength = window.readUInt16LE(at + 28);
    const extraLength = window.readUInt16LE(at + 30);
    const commentLength = window.readUInt16LE(at + 32);
    let offset = window.readUInt32LE(at + 42);
    if (flags & 0x40) throw new Error('strong encryption is not supported');
    cursor += HEADER;
    const rest = nameLength + extraLength + commentLength;
    at = rest === 0 ? 0 : await ensure(cursor, rest);
    const nameRaw = window.subarray(at, at + nameLength);
    const extraFields = parseExtra(yauzl, window, at + nameLength, at + nameLength + extraLength);
    cursor += rest;
    const zip64 = extraFields.find((field) => field.id === 0x0001);
    if (zip64) {
      const data = zip64.data;
      let k = 0;
      const wide = (what: string): number => {
        if (k + 8 > data.length) throw new Error(`zip64 extended information extra field does not include ${what}`);
        const value = data.readUInt32LE(k) + data.readUInt32LE(k + 4) * 0x100000000;
        k += 8;
        return value;
      };
      if (uncompressedSize === 0xffffffff) uncompressedSize = wide('uncompressed size');
      if (compressedSize === 0xffffffff) compressedSize = wide('compressed size');
      if (offset === 0xffffffff) offset = wide('relative header offset');
    }
    const rawName = yauzl.getFileNameLowLevel(flags, nameRaw, extraFields, false);
    onRecord({ flags, method, compressedSize, uncompressedSize, offset, rawName });
  }
}

/** yauzl's parseExtraFields over a range of the window, without copying it out first. */
function parseExtra(yauzl: Yauzl, buffer: Buffer, from: number, to: number): { id: number; data: Buffer }[] {
  if (to - from < 4) return [];
  return yauzl.parseExtraFields(buffer.subarray(from, to));
}
