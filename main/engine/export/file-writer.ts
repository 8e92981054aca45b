// The many small files of an export (a site's page per post, md's file per post, the media copies) written on a second
// thread, in batches, while this one renders the next posts: the machine's second core makes the files.
import { Worker } from 'node:worker_threads';
import { bundledWorker } from '../bundled-worker.js';
import type { FileBatch, FileBatchDone } from './file-writer-worker.js';
import { writeOutFile } from './out-folder.js';

/** Files sent to the thread in one message at most: a message per file would cost more than the file. */
const BATCH_FILES = 128;
/**
 * Bytes of one batch's block: the files' bytes are encoded (pages) or copied (media) straight into it, and the block
 * is moved to the thread and back, not copied. Sending the pages as strings cost this thread more than rendering them
 * (V8's serializer, then the thread's own UTF-8 encoding: a warm 100k site's profile, ~2.7 s of ~14 s in postMessage).
 * A file larger than a block gets a block of its own.
 */
const BLOCK_BYTES = 1 << 20;
/**
 * Batches sent and not yet written at most: beyond, the renderer waits. Bounds the memory the pages wait in (a few
 * blocks), so a file system slower than the rendering never holds the whole export in memory.
 */
const IN_FLIGHT = 4;

/**
 * The thread's bundle, dist/engine/file-writer-worker.js, beside the running bundle (dist/cli/… and dist/engine/…
 * alike); OUTBOX_FILE_WRITER_WORKER names another file (tests run the sources: they build it there), `0` none.
 * None found: the files are written on the calling thread.
 */
export function fileWriterWorkerFile(): string | null {
  return bundledWorker('file-writer-worker.js', 'OUTBOX_FILE_WRITER_WORKER');
}

/** A text in parts as one (where the file is written on this thread). */
const whole = (data: string | Uint8Array | readonly string[]): string | Uint8Array => (typeof data === 'string' || data instanceof Uint8Array ? data : data.join(''));

/**
 * Writes files on a worker thread, in the order given; `drain()` waits until every file given so far is on disk.
 * The first failure (an ENOSPC, a folder that is a file) is thrown by the next write or drain, as a Node file-system
 * error (code, syscall, path) that writeFailure turns into the export's message. Where no worker can start, the
 * files are written on this thread, as before.
 */
export class FileWriter {
  private worker: Worker | null;
  /** the batch being filled: its files' paths, where each one's bytes end in `block`, and the bytes used */
  private paths: string[] = [];
  private ends: number[] = [];
  private block: Buffer | null = null;
  private used = 0;
  /** blocks the thread gave back, to be filled again (fresh ones would cost page faults each time) */
  private readonly free: Buffer[] = [];
  private inFlight = 0;
  private waiting: Array<() => void> = [];
  private failure: Error | null = null;

  constructor(file: string | null = fileWriterWorkerFile()) {
    try {
      this.worker = file ? new Worker(file) : null;
    } catch {
      this.worker = null;
    }
    // the thread keeps the process alive only while it has files to write: an export that failed elsewhere and never
    // closed its writer still exits
    this.worker?.unref();
    this.worker?.on('message', ({ failed, bytes }: FileBatchDone) => {
      if (failed && !this.failure) this.failure = Object.assign(new Error(failed.message), { code: failed.code, syscall: failed.syscall, path: failed.path });
      if (bytes.byteLength === BLOCK_BYTES && this.free.length < IN_FLIGHT) this.free.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (--this.inFlight === 0) this.worker?.unref();
      // every waiter looks again (one woken per answer could leave one waiting with nothing in flight to wake it)
      for (const wake of this.waiting.splice(0)) wake();
    });
    this.worker?.on('error', (error) => {
      this.failure ??= error;
      this.worker = null;
      for (const wake of this.waiting.splice(0)) wake();
    });
    // a thread that ends before stop() (out of memory, killed) fails the export: never an export cut short in silence
    this.worker?.on('exit', (code) => {
      if (!this.worker) return;
      this.failure ??= new Error(`The thread writing the export's files stopped (exit code ${code}) before it was done.`);
      this.worker = null;
      for (const wake of this.waiting.splice(0)) wake();
    });
  }

  /**
   * Queues a file: a text, bytes, or a text in parts (written one after the other, never joined into one string
   * first); resolves at once unless IN_FLIGHT batches are still being written (then when one is).
   */
  async write(path: string, data: string | Uint8Array | readonly string[]): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.worker) return writeOutFile(path, whole(data));
    // at most 3 UTF-8 bytes per UTF-16 unit (a pair, 2 units, is 4 bytes): room for this many is room for the text
    let most = 0;
    if (typeof data === 'string') most = data.length * 3;
    else if (data instanceof Uint8Array) most = data.byteLength;
    else for (const part of data) most += part.length * 3;
    // another write (media copies overlap) may fill the batch while this one waits: look again after each wait
    while (this.paths.length && this.used + most > this.block!.byteLength) await this.send();
    if (this.failure) throw this.failure;
    if (!this.worker) return writeOutFile(path, whole(data));
    if (!this.block || this.block.byteLength < most) this.block = this.newBlock(most);
    // the caller's bytes are copied (a Buffer is often a view of a larger block: Node's pool, an inflater's output)
    if (typeof data === 'string') this.used += this.block.write(data, this.used);
    else if (data instanceof Uint8Array) {
      this.block.set(data, this.used);
      this.used += data.byteLength;
    } else for (const part of data) this.used += this.block.write(part, this.used);
    this.paths.push(path);
    this.ends.push(this.used);
    if (this.paths.length >= BATCH_FILES) await this.send();
  }

  /** Waits until every file given is written; throws the first failure. */
  async drain(): Promise<void> {
    if (this.worker && this.paths.length) await this.send();
    while (this.worker && this.inFlight > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure) throw this.failure;
  }

  /** drain(), then the thread stops (also after a failure elsewhere: nothing is left running). */
  async close(): Promise<void> {
    try {
      await this.drain();
    } finally {
      await this.stop();
    }
  }

  /** Stops the thread without waiting for what it has not written (an export that failed anyway). */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  /** A block with room for `most` bytes: one given back when it is enough, else a new one (a large file's own). */
  private newBlock(most: number): Buffer {
    if (most <= BLOCK_BYTES) return this.free.pop() ?? Buffer.allocUnsafeSlow(BLOCK_BYTES);
    return Buffer.allocUnsafeSlow(most);
  }

  private async send(): Promise<void> {
    while (this.worker && this.inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure) throw this.failure;
    // another write may have sent the batch while this one waited (media copies overlap)
    if (!this.paths.length) return;
    const batch: FileBatch = { paths: this.paths, ends: this.ends, bytes: this.block! };
    this.paths = [];
    this.ends = [];
    this.block = null;
    this.used = 0;
    if (!this.worker) {
      for (let k = 0, start = 0; k < batch.paths.length; start = batch.ends[k++]!) writeOutFile(batch.paths[k]!, batch.bytes.subarray(start, batch.ends[k]));
      return;
    }
    if (this.inFlight++ === 0) this.worker.ref();
    // a block from allocUnsafeSlow is its whole ArrayBuffer: moving it moves only this batch's bytes
    this.worker.postMessage(batch, [batch.bytes.buffer as ArrayBuffer]);
  }
}
