// The thread that makes an export's files (dist/engine/file-writer-worker.js): a batch of paths and their bytes in,
// each file opened by openOutFile's one rule (never through a symbolic link), written and closed, all blocking here.
// Why not libuv's thread pool: there, each open, write and close is a hand-off whose wake-ups cost the rendering
// thread more than the system call (profiled at 100k posts on a 2-core VM); here one message carries many files.
import { closeSync, writeSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { openOutFile } from './out-folder.js';

/**
 * Files in one message: file k is `paths[k]`, its bytes `bytes[ends[k-1] .. ends[k])` (from 0 for the first).
 * The bytes are one block moved (not copied) to this thread, and moved back with the answer to be filled again.
 */
export interface FileBatch {
  paths: string[];
  ends: number[];
  bytes: Uint8Array;
}

/** The first failure, as a Node file-system error's parts (writeFailure tells the user), or null. */
export type FileFailure = { message: string; code?: string; syscall?: string; path?: string } | null;

/** The answer to each batch: the first failure so far, and the batch's block back for reuse. */
export interface FileBatchDone {
  failed: FileFailure;
  bytes: Uint8Array;
}

/** Writes `bytes[start, end)` whole (a write may take fewer bytes than asked). */
function writeAll(fd: number, bytes: Uint8Array, start: number, end: number): void {
  for (let at = start; at < end; ) at += writeSync(fd, bytes, at, end - at);
}

let failed: FileFailure = null;

parentPort?.on('message', ({ paths, ends, bytes }: FileBatch) => {
  let start = 0;
  // after a failure, nothing more is written: the export is failing, and its next write or drain says why
  for (let k = 0; k < paths.length && !failed; k++) {
    try {
      const fd = openOutFile(paths[k]!);
      try {
        writeAll(fd, bytes, start, ends[k]!);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      failed = { message: String(e?.message), code: e?.code, syscall: e?.syscall, path: e?.path ?? paths[k] };
    }
    start = ends[k]!;
  }
  const done: FileBatchDone = { failed, bytes };
  parentPort!.postMessage(done, [bytes.buffer as ArrayBuffer]);
});
