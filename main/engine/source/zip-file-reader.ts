// The file reader under yauzl: serves its many small central-directory reads from a 1 MiB window.
import { close, read } from 'node:fs';
import { Readable } from 'node:stream';
import type yauzl from 'yauzl';
import { loadYauzl, type Yauzl } from './zip-library.js';

const WINDOW = 1024 ** 2;
const SMALL = 64 * 1024;
/** Bytes per positional read of entry data. */
const RANGE_READ = 256 * 1024;

type ReadCallback = (error: Error | null, bytesRead?: number) => void;

/** A WindowedFileReader over `fd` (its class is made once yauzl, whose reader it extends, is loaded). */
export async function windowedFileReader(fd: number): Promise<yauzl.RandomAccessReader> {
  const Reader = (readerClass ??= makeReaderClass(await loadYauzl()));
  return new Reader(fd);
}

let readerClass: (new (fd: number) => yauzl.RandomAccessReader) | null = null;

/**
 * yauzl reads the central directory with two tiny reads per entry; through its default fd reader each is a
 * thread-pool round trip (20k entries took 0.6–1.5 s here). Reads of up to 64 KiB are served from a window of
 * the file instead, refilled 1 MiB at a time. Entry data still streams straight from the file.
 */
const makeReaderClass = (lib: Yauzl) => class WindowedFileReader extends lib.RandomAccessReader {
  #window = Buffer.alloc(0);
  #windowStart = 0;

  constructor(private readonly fd: number) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return new RangeStream(this.fd, start, end);
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (error: Error | null) => void): void {
    const done = callback as ReadCallback;
    if (this.#copy(buffer, offset, length, position)) return process.nextTick(done, null, length);
    if (length > SMALL) {
      return read(this.fd, buffer, offset, length, position, (error, bytesRead) => done(error, bytesRead));
    }
    const window = Buffer.allocUnsafe(WINDOW);
    read(this.fd, window, 0, WINDOW, position, (error, bytesRead) => {
      if (error) return done(error);
      this.#window = window.subarray(0, bytesRead);
      this.#windowStart = position;
      const available = Math.min(length, bytesRead);
      window.copy(buffer, offset, 0, available);
      done(null, available);
    });
  }

  override close(callback: (error: Error | null) => void): void {
    close(this.fd, callback);
  }

  #copy(buffer: Buffer, offset: number, length: number, position: number): boolean {
    const from = position - this.#windowStart;
    if (from < 0 || from + length > this.#window.length) return false;
    this.#window.copy(buffer, offset, from, from + length);
    return true;
  }
};

/**
 * Positional reads of [start, end) from a shared fd. Not fs.createReadStream: destroying one of those closes
 * its fd even with autoClose false, and this fd serves every entry of the archive.
 */
class RangeStream extends Readable {
  #position: number;

  constructor(private readonly fd: number, start: number, private readonly end: number) {
    // Fewer, larger reads: each read is a thread-pool round trip (Readable's default is 16 KiB).
    super({ highWaterMark: RANGE_READ });
    this.#position = start;
  }

  override _read(size: number): void {
    const length = Math.min(size, RANGE_READ, this.end - this.#position);
    if (length <= 0) {
      this.push(null);
      return;
    }
    const buffer = Buffer.allocUnsafe(length);
    read(this.fd, buffer, 0, length, this.#position, (error, bytesRead) => {
      if (error) return this.destroy(error);
      if (bytesRead === 0) return this.destroy(new Error('unexpected end of file'));
      this.#position += bytesRead;
      this.push(buffer.subarray(0, bytesRead));
    });
  }
}
