// The tar.gz source (Mastodon before 4.2): one listing pass at open, then entries re-inflated on demand.
//
// Random access, and why it works this way: gzip has no index and Node's zlib cannot resume a deflate stream
// in the middle (no inflatePrime, no window restore), so the only way to an entry's bytes is to inflate from
// the start of the file. At open, ONE streaming pass over the gunzipped stream records each entry's name, size
// and offset in the uncompressed stream; nothing is extracted and memory stays bounded (a 512-byte header block).
// Later, open(name) starts an inflate pass from the start of the file and skips to the offset, streaming.
// To keep the viewer's pattern cheap:
//  - small entries (≤ 8 MiB) are kept in a 64 MiB LRU once read, and the listing pass already keeps the
//    small ones the viewer reads first (actor, likes, bookmarks, avatar, header, a small outbox.json);
//  - an open() that arrives while a pass is running and has not yet passed its offset joins that pass, so
//    a burst of media requests costs one inflate, not one each; a pass with nothing left to serve lingers
//    1.5 s, paused, so entries read one after another in archive order share it too.
// A big entry far into a big archive still costs an inflate up to it; extracting the archive to a folder is
// the user's way out, and the message for slow archives can say so.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ArchiveError } from '../errors.js';
import { ByteCache } from './byte-cache.js';
import { noSuchEntry, readAll, tooLarge } from './entry-guard.js';
import { baseName, isMacOsLitter, normalizeEntryName } from './name.js';
import type { Source, SourceEntry, SourceLimits } from './source.js';
import { TarScanner, type TarHeader } from './tar-scan.js';

const CACHE_BUDGET = 64 * 1024 ** 2;
const CACHE_ENTRY_MAX = 8 * 1024 ** 2;
const LINGER_MS = 1500;
const PREFETCH = /^(actor|likes|bookmarks|outbox)\.json$|^(avatar|header)\.[A-Za-z0-9]+$/;

interface TarEntry extends SourceEntry {
  offset: number;
}

export async function openTarSource(location: string, limits: SourceLimits): Promise<Source> {
  const archive = basename(location);
  const entries = new Map<string, TarEntry>();
  const problems: string[] = [];
  const cache = new ByteCache(CACHE_BUDGET);
  const prefetching = new Map<TarHeader, { name: string; chunks: Buffer[]; bytes: number }>();
  let count = 0;

  const onEntry = (header: TarHeader): void => {
    if (++count > limits.maxEntries) {
      throw new ArchiveError('too-large', `${archive} holds more than the ${limits.maxEntries} entries Outbox reads ` +
        'from one archive.', location);
    }
    const verdict = normalizeEntryName(header.rawName, { stripLeadingSlash: true });
    if ('refused' in verdict) return void problems.push(`Left out “${header.rawName}”: ${verdict.refused}.`);
    if (verdict.directory || header.type === '5') return;
    if (header.type !== '0') return void problems.push(`Left out “${verdict.name}”: it is a link or a special file.`);
    if (header.size > limits.maxEntryBytes) {
      return void problems.push(`Left out “${verdict.name}”: it is larger than ${limits.maxEntryBytes} bytes.`);
    }
    if (entries.has(verdict.name)) problems.push(`“${verdict.name}” appears twice: the last one is used, as tar does.`);
    entries.set(verdict.name, { name: verdict.name, size: header.size, offset: header.offset });
    if (header.size <= CACHE_ENTRY_MAX && PREFETCH.test(baseName(verdict.name)) && !isMacOsLitter(verdict.name)
      && cache.fits(header.size)) {
      if (header.size > 0) prefetching.set(header, { name: verdict.name, chunks: [], bytes: 0 });
    }
  };
  const onData = (header: TarHeader, chunk: Buffer): void => {
    const pending = prefetching.get(header);
    if (!pending) return;
    pending.chunks.push(Buffer.from(chunk));
    pending.bytes += chunk.length;
    if (pending.bytes === header.size) {
      prefetching.delete(header);
      // a later entry of the same name replaces this one (tar semantics): cache only the one the map serves
      if (entries.get(pending.name)?.offset === header.offset) cache.set(pending.name, Buffer.concat(pending.chunks));
    }
  };

  const scanner = new TarScanner(archive, onEntry, onData);
  let packed = 0;
  let unpacked = 0;
  const file = createReadStream(location);
  file.on('data', (chunk) => { packed += chunk.length; });
  const gunzip = createGunzip();
  file.on('error', (error) => gunzip.destroy(error));
  file.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      unpacked += chunk.length;
      if (unpacked > 1024 ** 2 && unpacked / Math.max(packed, 1) > limits.maxRatio) {
        throw new ArchiveError('unsafe', `${archive} inflates more than ${limits.maxRatio} times its size: it looks ` +
          'like a gzip bomb, so Outbox will not open it.', location);
      }
      scanner.push(chunk);
    }
    scanner.finish();
  } catch (error) {
    throw gzipError(error, archive, location);
  } finally {
    file.destroy();
    gunzip.destroy();
  }
  return new TarSource(location, archive, entries, problems, cache);
}

interface Request {
  name: string;
  offset: number;
  size: number;
  sent: number;
  out: PassThrough;
  chunks: Buffer[] | null;
}

class TarSource implements Source {
  readonly format = 'tar.gz' as const;
  readonly #passes = new Set<InflatePass>();
  #closed = false;
  /** how many inflate passes open() has started: tests use it to see coalescing and the cache at work */
  inflatePasses = 0;

  constructor(readonly location: string, private readonly archive: string,
    readonly entries: ReadonlyMap<string, TarEntry>, readonly problems: string[], private readonly cache: ByteCache) {}

  async open(name: string): Promise<Readable> {
    if (this.#closed) throw new ArchiveError('not-open', `${this.archive} is closed.`);
    const entry = this.entries.get(name);
    if (!entry) throw noSuchEntry(this.archive, name);
    const cached = this.cache.get(name);
    if (cached || entry.size === 0) {
      const out = new PassThrough();
      out.end(cached ?? Buffer.alloc(0));
      return out;
    }
    const request: Request = { name, offset: entry.offset, size: entry.size, sent: 0, out: new PassThrough(),
      chunks: entry.size <= CACHE_ENTRY_MAX ? [] : null };
    const joinable = [...this.#passes].find((pass) => pass.accepts(request.offset));
    if (joinable) {
      joinable.add(request);
    } else {
      const pass = new InflatePass(this.location, this.archive, this.cache);
      this.inflatePasses++;
      this.#passes.add(pass);
      pass.add(request);
      void pass.run().finally(() => this.#passes.delete(pass));
    }
    return request.out;
  }

  async read(name: string, maxBytes: number): Promise<Buffer> {
    const entry = this.entries.get(name);
    if (entry && entry.size > maxBytes) throw tooLarge(this.archive, name, maxBytes);
    return readAll(await this.open(name), maxBytes, { archive: this.archive, entry: name });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const pass of this.#passes) pass.abort();
    this.cache.clear();
  }
}

/** One inflate from the start of the file, serving every request whose offset it has not yet passed. */
class InflatePass {
  #position = 0;
  #requests: Request[] = [];
  #done = false;
  #wake: ((more: boolean) => void) | null = null;
  readonly #gunzip = createGunzip();

  constructor(private readonly location: string, private readonly archive: string, private readonly cache: ByteCache) {}

  accepts(offset: number): boolean {
    return !this.#done && offset >= this.#position;
  }

  add(request: Request): void {
    this.#requests.push(request);
    this.#wake?.(true);
  }

  abort(): void {
    this.#gunzip.destroy(new ArchiveError('not-open', `${this.archive} was closed.`));
    this.#wake?.(false);
  }

  /**
   * With nothing left to serve, wait a little (not reading: the gunzip stream stays paused) for a request
   * further on, so reading entries in archive order costs one pass, not one each. Says whether one came.
   * #done is set in the same tick the wait ends: an open() after that starts its own pass.
   */
  #linger(): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#wake?.(false), LINGER_MS);
      timer.unref();
      this.#wake = (more) => {
        clearTimeout(timer);
        this.#wake = null;
        if (!more) this.#done = true;
        resolve(more);
      };
    });
  }

  async run(): Promise<void> {
    const file = createReadStream(this.location);
    file.on('error', (error) => this.#gunzip.destroy(error));
    file.pipe(this.#gunzip);
    let failure: ArchiveError | null = null;
    try {
      for await (const chunk of this.#gunzip as AsyncIterable<Buffer>) {
        const start = this.#position;
        const end = start + chunk.length;
        this.#position = end;
        const waits: Promise<void>[] = [];
        for (const request of this.#requests) {
          const from = Math.max(start, request.offset + request.sent);
          const to = Math.min(end, request.offset + request.size);
          if (from >= to || request.out.destroyed) continue;
          const piece = chunk.subarray(from - start, to - start);
          request.sent += piece.length;
          request.chunks?.push(piece);
          if (!request.out.write(piece)) waits.push(drained(request.out));
          if (request.sent === request.size) {
            request.out.end();
            if (request.chunks) this.cache.set(request.name, Buffer.concat(request.chunks));
          }
        }
        this.#requests = this.#requests.filter((r) => r.sent < r.size && !r.out.destroyed);
        if (this.#requests.length === 0 && !(await this.#linger())) break;
        await Promise.all(waits);
      }
    } catch (error) {
      failure = gzipError(error, this.archive, this.location);
    } finally {
      this.#done = true;
      file.destroy();
      this.#gunzip.destroy();
    }
    for (const request of this.#requests) {
      if (request.sent < request.size && !request.out.destroyed) {
        request.out.destroy(failure ?? new ArchiveError('truncated', `${request.name} in ${this.archive} is cut ` +
          'short: the archive ends before it does. Download the archive again.', request.name));
      }
    }
  }
}

function drained(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

function gzipError(error: unknown, archive: string, location: string): ArchiveError {
  if (error instanceof ArchiveError) return error;
  const e = error as { code?: string; message?: string };
  if (e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EIO') {
    return new ArchiveError('io', `The system refused to read ${archive} (${e.code}).`, location);
  }
  // zlib's own words ("unexpected end of file", "incorrect header check") name no file and no remedy.
  return new ArchiveError('truncated', `${archive} is cut short or damaged: its packed data ends early or does not ` +
    'unpack. The download may be incomplete: download the archive again.', location);
}
