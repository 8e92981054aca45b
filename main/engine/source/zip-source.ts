// The zip source: reads the central directory once into a name → entry map, opens entries on demand.
import { close, fstat, open, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { createInflateRaw, inflateRaw, inflateRawSync } from 'node:zlib';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type yauzl from 'yauzl';
import { ArchiveError } from '../errors.js';
import { checkWhole, guardEntry, holdsMore, noSuchEntry, readAll, tooLarge } from './entry-guard.js';
import { normalizeEntryName } from './name.js';
import { readCentralDirectory, type CentralRecord } from './zip-directory.js';
import { windowedFileReader } from './zip-file-reader.js';
import { loadYauzl } from './zip-library.js';
import type { Source, SourceEntry, SourceLimits } from './source.js';

/**
 * yauzl options, and why they differ from the obvious ones:
 * - decodeStrings false: with it on, yauzl aborts the WHOLE archive on one `../evil.txt` or `/etc/passwd`
 *   name; we decode names with yauzl's own getFileNameLowLevel and leave unsafe ones out instead.
 * - validateEntrySizes false: with it on, one stored entry whose sizes disagree aborts the listing, and the
 *   errors it gives name no entry; guardEntry counts every stream and names the entry that lies.
 */
const YAUZL_OPTIONS: yauzl.Options = {
  lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false, strictFileNames: false,
};

const LOCAL_HEADER_SIZE = 30;

export async function openZipSource(location: string, limits: SourceLimits): Promise<Source> {
  const archive = basename(location);
  // a raw fd, not a FileHandle: Node closes a FileHandle it garbage-collects, under yauzl's feet
  const fd = await promisify(open)(location, 'r').catch((error: Error) => { throw zipError(error, archive); });
  const lib = await loadYauzl();
  const reader = await windowedFileReader(fd);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    const fail = (error: Error): void => close(fd, () => reject(zipError(error, archive)));
    fstat(fd, (statError, stats) => {
      if (statError) return fail(statError);
      lib.fromRandomAccessReader(reader, stats.size, YAUZL_OPTIONS,
        (error, zipfile) => (error ? fail(error) : resolve(zipfile)));
    });
  });
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ArchiveError('too-large', `${archive} lists ${zip.entryCount} entries, more than the ` +
        `${limits.maxEntries} Outbox reads from one archive.`, location);
    }
    const listing = await listEntries(zip, fd, archive);
    return new ZipSource(location, archive, zip, fd, listing, limits);
  } catch (error) {
    zip.close();
    throw error;
  }
}

/** What open() needs of a central-directory record; yauzl's own Entry objects weigh several times more. */
interface ZipEntry extends SourceEntry {
  offset: number;
  packed: number;
  method: number;
  flags: number;
}

interface Listing {
  entries: Map<string, ZipEntry>;
  refused: Map<string, ArchiveError>;
  problems: string[];
}

async function listEntries(zip: yauzl.ZipFile, fd: number, archive: string): Promise<Listing> {
  const lib = await loadYauzl();
  const listing: Listing = { entries: new Map(), refused: new Map(), problems: [] };
  // Every entry's data range, including the ones left out: overlap is a property of the file, not of the names.
  const ranges: { start: number; end: number; name: string }[] = [];
  const onRecord = (record: CentralRecord): void => {
    const start = record.offset;
    // The local header's name and extra lengths are unknown without reading it: 30 + compressed size is a
    // lower bound of the range, so this never refuses an honest zip.
    ranges.push({ start, end: start + LOCAL_HEADER_SIZE + record.compressedSize, name: record.rawName });
    addEntry(listing, record, archive);
  };
  // Where yauzl found the central directory (ZipFile keeps it as readEntryCursor before the first entry).
  const directoryAt = (zip as unknown as { readEntryCursor?: unknown }).readEntryCursor;
  if (typeof directoryAt === 'number') {
    await readCentralDirectory(fd, directoryAt, zip.entryCount, onRecord).catch((error: Error) => {
      throw zipError(error, archive);
    });
  } else {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) => reject(zipError(error, archive)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        onRecord({
          flags: entry.generalPurposeBitFlag, method: entry.compressionMethod, compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize, offset: entry.relativeOffsetOfLocalHeader,
          rawName: lib.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false),
        });
        zip.readEntry();
      });
      zip.readEntry();
    });
  }
  ranges.sort((a, b) => a.start - b.start);
  for (let i = 1; i < ranges.length; i++) {
    const previous = ranges[i - 1]!;
    const current = ranges[i]!;
    if (current.start < previous.end) {
      throw new ArchiveError('unsafe', `${archive} has entries that share their packed data (${previous.name} and ` +
        `${current.name}): it looks like a zip bomb, so Outbox will not open it.`, previous.name);
    }
  }
  return listing;
}

function addEntry(listing: Listing, record: CentralRecord, archive: string): void {
  const rawName = record.rawName;
  const verdict = normalizeEntryName(rawName, { stripLeadingSlash: false });
  if ('refused' in verdict) {
    listing.problems.push(`Left out “${rawName}”: ${verdict.refused}.`);
    return;
  }
  if (verdict.directory) return;
  const name = verdict.name;
  if (listing.entries.has(name) || listing.refused.has(name)) {
    // One rule for every reader of the file: `unzip`, Python's zipfile and tar all take the last entry of a name.
    listing.problems.push(`“${name}” appears more than once in the zip: Outbox reads the last one, as unzip and Python do.`);
    listing.entries.delete(name);
    listing.refused.delete(name);
  }
  if ((record.flags & 0x1) !== 0) {
    listing.problems.push(`Left out “${name}”: it is encrypted.`);
    listing.refused.set(name, new ArchiveError('encrypted', `${name} in ${archive} is encrypted with a password: ` +
      'Outbox cannot read it. Unpack the archive with the password and open the folder instead.', name));
    return;
  }
  if (record.method !== 0 && record.method !== 8) {
    listing.problems.push(`Left out “${name}”: it uses compression method ${record.method}.`);
    listing.refused.set(name, new ArchiveError('not-archive', `${name} in ${archive} uses a compression method ` +
      `(${record.method}) Outbox cannot read. Unpack it with another tool and open the folder instead.`, name));
    return;
  }
  listing.entries.set(name, { name, size: record.uncompressedSize, offset: record.offset,
    packed: record.compressedSize, method: record.method, flags: record.flags });
}

class ZipSource implements Source {
  readonly format = 'zip' as const;
  readonly entries: ReadonlyMap<string, ZipEntry>;
  readonly problems: string[];
  readonly refused: ReadonlyMap<string, ArchiveError>;

  constructor(readonly location: string, private readonly archive: string, private readonly zip: yauzl.ZipFile,
    private readonly fd: number, listing: Listing, private readonly limits: SourceLimits) {
    this.entries = listing.entries;
    this.problems = listing.problems;
    this.refused = listing.refused;
  }

  async open(name: string): Promise<Readable> {
    const refused = this.refused.get(name);
    if (refused) throw refused;
    const found = this.entries.get(name);
    if (!found) throw noSuchEntry(this.archive, name);
    const lib = await loadYauzl(); // loaded already: this source was listed with it
    const entry = Object.assign(new lib.Entry(), { relativeOffsetOfLocalHeader: found.offset,
      compressedSize: found.packed, uncompressedSize: found.size, compressionMethod: found.method,
      generalPurposeBitFlag: found.flags });
    const deflated = entry.compressionMethod === 8;
    const raw = await new Promise<Readable>((resolve, reject) => {
      this.zip.openReadStream(entry, deflated ? { decompress: false } : {}, (error, readStream) =>
        error ? reject(zipError(error, this.archive, name)) : resolve(readStream));
    });
    const stream = deflated ? inflate(raw, entry.uncompressedSize) : raw;
    const guard = guardEntry({ archive: this.archive, entry: name, declared: entry.uncompressedSize,
      compressed: entry.compressionMethod === 8 ? entry.compressedSize : null }, this.limits);
    stream.on('error', (error: Error) => guard.destroy(zipError(error, this.archive, name)));
    guard.on('close', () => stream.destroy());
    return stream.pipe(guard);
  }

  async read(name: string, maxBytes: number): Promise<Buffer> {
    const entry = this.entries.get(name);
    if (entry && entry.size > maxBytes) throw tooLarge(this.archive, name, maxBytes);
    return readAll(await this.open(name), maxBytes, { archive: this.archive, entry: name });
  }

  /**
   * The entry read whole without a stream: one positional read of its local header and packed bytes, inflated in
   * one call. An export copies ~25k media files from a 100k-post archive; through open() each was a yauzl read
   * stream, an inflater and a guard stream (their setup cost more than the bytes). Null when the entry declares more
   * than maxBytes (stream it with open()). The checks and errors are open()'s: the local header's, the guard's.
   */
  async bytes(name: string, maxBytes: number): Promise<Buffer | null> {
    const refused = this.refused.get(name);
    if (refused) throw refused;
    const found = this.entries.get(name);
    if (!found) throw noSuchEntry(this.archive, name);
    if (found.size > maxBytes || found.packed > maxBytes) return null;
    if (!this.zip.isOpen) throw zipError(new Error('closed'), this.archive, name);
    const deflated = found.method === 8;
    try {
      const packed = this.packedBytes(found);
      const bytes = !deflated ? packed : await inflateWhole(packed, found.size);
      const fault = checkWhole({ archive: this.archive, entry: name, declared: found.size, compressed: deflated ? found.packed : null }, this.limits, bytes.length);
      if (fault) throw fault;
      return bytes;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw holdsMore(this.archive, name, found.size);
      throw zipError(error as Error, this.archive, name);
    }
  }

  /** The packed bytes of an entry, read with its local header (whose name and extra lengths say where they start). */
  private packedBytes(entry: ZipEntry): Buffer {
    const fileSize = this.zip.fileSize;
    // names and extra fields are short: one read almost always covers the header and the data
    const guess = Math.min(LOCAL_HEADER_SIZE + LOCAL_EXTRA_GUESS + entry.packed, Math.max(0, fileSize - entry.offset));
    const head = readAt(this.fd, guess, entry.offset);
    if (head.length < LOCAL_HEADER_SIZE) throw new Error('unexpected EOF');
    const signature = head.readUInt32LE(0);
    if (signature !== 0x04034b50) throw new Error(`invalid local file header signature: 0x${signature.toString(16)}`);
    const from = LOCAL_HEADER_SIZE + head.readUInt16LE(26) + head.readUInt16LE(28);
    if (entry.offset + from + entry.packed > fileSize) throw new Error('file data overflows file bounds');
    if (from + entry.packed <= head.length) return head.subarray(from, from + entry.packed);
    const data = readAt(this.fd, entry.packed, entry.offset + from);
    if (data.length < entry.packed) throw new Error('unexpected EOF');
    return data;
  }

  async close(): Promise<void> {
    this.zip.close();
  }
}

/** Bytes read past a local header's 30 fixed ones in the first read, for its name and extra field. */
const LOCAL_EXTRA_GUESS = 512;
/** Entries inflated on the calling thread at most this big; larger ones in the thread pool (no long pause). */
const INFLATE_HERE = 256 * 1024;

/**
 * One positional read on this thread. Only exports read entries whole (a few KiB each, ~25k of them at 100k posts):
 * each read sent to libuv's thread pool cost the calling thread more (the hand-off, the wake-up) than the read itself
 * (profiled on a 2-core VM: ~45 µs per hand-off against ~10 µs per pread).
 */
function readAt(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  return buffer.subarray(0, readSync(fd, buffer, 0, length, position));
}

/** Inflates a whole entry; one byte more than declared is let through so that checkWhole names the lie. */
function inflateWhole(packed: Buffer, declared: number): Promise<Buffer> {
  const options = { maxOutputLength: declared + 1 };
  if (declared <= INFLATE_HERE) return Promise.resolve(inflateRawSync(packed, options));
  return new Promise((resolve, reject) => {
    inflateRaw(packed, options, (error, bytes) => (error ? reject(error) : resolve(bytes)));
  });
}

/**
 * Our own inflater over yauzl's raw stream: yauzl's has zlib's default 16 KiB output chunk, and a thread-pool
 * round trip per chunk made inflating outbox.json take 2.5x as long as with 1 MiB chunks (measured here).
 */
function inflate(raw: Readable, declared: number): Readable {
  const inflater = createInflateRaw({ chunkSize: Math.max(INFLATE_CHUNK_MIN, Math.min(INFLATE_CHUNK_MAX, declared)) });
  raw.on('error', (error: Error) => inflater.destroy(error));
  inflater.on('close', () => raw.destroy());
  return raw.pipe(inflater);
}

const INFLATE_CHUNK_MIN = 16 * 1024;
const INFLATE_CHUNK_MAX = 1024 * 1024;

/**
 * yauzl and zlib errors, turned into what the user can do about them, in our words: theirs ("end of central
 * directory record signature not found", "invalid distance too far back") describe the file format, not the file,
 * and would be the one untranslatable sentence of the error screen.
 */
function zipError(error: Error, archive: string, entry?: string): ArchiveError {
  if (error instanceof ArchiveError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EIO' || code === 'EISDIR') {
    return new ArchiveError('io', `The system refused to read ${archive} (${code}).`, entry);
  }
  if (/strong encryption/.test(error.message)) {
    return new ArchiveError('encrypted', `${archive} is encrypted: unpack it with its password and open the folder instead.`);
  }
  if (/multi-disk/.test(error.message)) {
    return new ArchiveError('not-archive', `${archive} is one part of a split zip: join the parts into one zip first.`);
  }
  if (entry !== undefined) {
    return new ArchiveError('truncated', `${entry} in ${archive} is damaged: its packed data ends early or does not ` +
      'unpack. The download may be incomplete: download the archive again.', entry);
  }
  return new ArchiveError('truncated', `${archive} is cut short, or is not a zip file: the list of files a zip ends ` +
    'with is missing or damaged. The download may be incomplete: download the archive again.');
}
