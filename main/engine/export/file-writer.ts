// The many small files of an export (a site's page per post, md's file per post, the media copies) written on a second
// thread, in batches, while this one renders the next posts: the machine's second core makes the files.
import { Worker } from 'node:worker_threads';
import { writeOutFile } from './out-folder.js';

/** Files sent to the thread in one message: a message per file would cost more than the file (see WORKER). */
const BATCH_FILES = 128;
/** Characters (or bytes) in one message at most: a few large pages or media files are sent at once. */
const BATCH_CHARS = 1 << 20;
/**
 * Batches sent and not yet written at most: beyond, the renderer waits. Bounds the memory the pages wait in (at
 * most ~4 MiB of text), so a file system slower than the rendering never holds the whole export in memory.
 */
const IN_FLIGHT = 4;

/**
 * The thread's code: openOutFile's rule (out-folder.ts) without importing it, so that it runs from the sources
 * (vitest) and from any bundle alike. Each file: open without following a symbolic link (a link there is replaced
 * by the file, its target left alone), write, close, all blocking on that thread. Why not libuv's thread pool:
 * there, each open, write and close is a hand-off whose wake-ups cost the rendering thread more than the system call
 * (profiled at 100k posts on a 2-core VM); here one message carries BATCH_FILES files.
 */
const WORKER = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const NOFOLLOW = fs.constants.O_NOFOLLOW || 0;
const FLAGS = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | NOFOLLOW;
const isLink = (path) => { try { return fs.lstatSync(path).isSymbolicLink(); } catch { return false; } };
function openOut(path) {
  if (!NOFOLLOW) {
    if (isLink(path)) fs.unlinkSync(path);
    return fs.openSync(path, FLAGS, 0o644);
  }
  try {
    return fs.openSync(path, FLAGS, 0o644);
  } catch (error) {
    if ((error.code !== 'ELOOP' && error.code !== 'EMLINK') || !isLink(path)) throw error;
    fs.unlinkSync(path);
    return fs.openSync(path, FLAGS, 0o644);
  }
}
let failed = null;
parentPort.on('message', (files) => {
  if (!failed) {
    for (let k = 0; k < files.length; k += 2) {
      try {
        const fd = openOut(files[k]);
        try { fs.writeFileSync(fd, files[k + 1]); } finally { fs.closeSync(fd); }
      } catch (error) {
        failed = { message: String(error && error.message), code: error && error.code, syscall: error && error.syscall, path: (error && error.path) || files[k] };
        break;
      }
    }
  }
  parentPort.postMessage(failed);
});
`;

type Failure = { message: string; code?: string; syscall?: string; path?: string } | null;

/**
 * Writes files on a worker thread, in the order given; `drain()` waits until every file given so far is on disk.
 * The first failure (an ENOSPC, a folder that is a file) is thrown by the next write or drain, as a Node file-system
 * error (code, syscall, path) that writeFailure turns into the export's message. Where no worker can start, the
 * files are written on this thread, as before.
 */
export class FileWriter {
  private worker: Worker | null;
  private batch: Array<string | Uint8Array> = [];
  /** the blocks of the batch's bytes, moved (not copied) to the thread */
  private moved: ArrayBuffer[] = [];
  private chars = 0;
  private inFlight = 0;
  private waiting: Array<() => void> = [];
  private failure: Error | null = null;

  constructor() {
    try {
      this.worker = new Worker(WORKER, { eval: true });
    } catch {
      this.worker = null;
    }
    // the thread keeps the process alive only while it has files to write: an export that failed elsewhere and never
    // closed its writer still exits
    this.worker?.unref();
    this.worker?.on('message', (failed: Failure) => {
      if (failed && !this.failure) this.failure = Object.assign(new Error(failed.message), { code: failed.code, syscall: failed.syscall, path: failed.path });
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

  /** Queues a file; resolves at once unless IN_FLIGHT batches are still being written (then when one is). */
  async write(path: string, data: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.worker) return writeOutFile(path, data);
    if (typeof data !== 'string') {
      // A copy of its own, moved to the thread (see send): a Buffer is often a view of a larger block (Node's pool,
      // an inflater's output), and a message would copy that whole block; the caller's bytes stay untouched.
      const own = new Uint8Array(data);
      this.moved.push(own.buffer);
      data = own;
    }
    this.batch.push(path, data);
    this.chars += typeof data === 'string' ? data.length : data.byteLength;
    if (this.batch.length >= BATCH_FILES * 2 || this.chars >= BATCH_CHARS) await this.send();
  }

  /** Waits until every file given is written; throws the first failure. */
  async drain(): Promise<void> {
    if (this.worker && this.batch.length) await this.send();
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

  private async send(): Promise<void> {
    while (this.worker && this.inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure) throw this.failure;
    // another write may have sent the batch while this one waited (media copies overlap)
    if (!this.batch.length) return;
    const batch = this.batch;
    const moved = this.moved;
    this.batch = [];
    this.moved = [];
    this.chars = 0;
    if (!this.worker) {
      for (let k = 0; k < batch.length; k += 2) writeOutFile(batch[k] as string, batch[k + 1]!);
      return;
    }
    if (this.inFlight++ === 0) this.worker.ref();
    this.worker.postMessage(batch, moved);
  }
}
