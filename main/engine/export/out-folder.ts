// The folder an export writes into: made when missing, and file-system failures told as the user's problem to fix.
import { closeSync, constants, createWriteStream, lstatSync, mkdirSync, open, openSync, unlinkSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { ArchiveError } from '../errors.js';

/**
 * Makes outDir and the given sub-folders (nothing is deleted: a re-export overwrites its own files). A symbolic
 * link at any of them is refused: writing through it would put the export (or overwrite files) somewhere else.
 */
export function prepareOutFolder(outDir: string, subfolders: string[] = []): void {
  for (const sub of ['', ...subfolders]) {
    const folder = join(outDir, sub);
    if (lstatSync(folder, { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new ArchiveError('io', `${folder} is a symbolic link: Outbox never writes through one. Remove it or choose another folder for --out.`, folder);
    }
    mkdirSync(folder, { recursive: true });
  }
}

// O_NOFOLLOW: the open fails rather than follow a link made between our unlink and our open.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NOFOLLOW;
/** What open(O_NOFOLLOW) answers when the last part of the path is a symbolic link (Linux, macOS; FreeBSD). */
const LINK_REFUSED = new Set(['ELOOP', 'EMLINK']);

/**
 * Opens `path` (inside an export folder) for writing without ever following a symbolic link: a link already there
 * is replaced by the file (the link's target is left as it was). Returns the file descriptor.
 * Where O_NOFOLLOW exists the open itself refuses a link, so the common case costs one system call, not an lstat
 * too (a 100k-post site opens 100k files); without it (Windows) the link is looked for first.
 */
export function openOutFile(path: string): number {
  if (!NOFOLLOW) {
    if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(path);
    return openSync(path, WRITE_FLAGS, 0o644);
  }
  try {
    return openSync(path, WRITE_FLAGS, 0o644);
  } catch (error) {
    if (!LINK_REFUSED.has((error as NodeJS.ErrnoException).code ?? '') || !lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) throw error;
    unlinkSync(path);
    return openSync(path, WRITE_FLAGS, 0o644);
  }
}

/** openOutFile without blocking (a media copy is a stream: its open waits on libuv's threads like its reads). */
export function openOutFileAsync(path: string): Promise<number> {
  if (!NOFOLLOW) return Promise.resolve().then(() => openOutFile(path));
  return new Promise((resolve, reject) => {
    open(path, WRITE_FLAGS, 0o644, (error, fd) => {
      if (!error) return resolve(fd);
      if (!LINK_REFUSED.has(error.code ?? '')) return reject(error);
      try {
        resolve(openOutFile(path)); // rare: a link to replace, done the careful way
      } catch (again) {
        reject(again);
      }
    });
  });
}

/** writeFileSync through openOutFile. */
export function writeOutFile(path: string, data: string | Uint8Array): void {
  const fd = openOutFile(path);
  try {
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
}

/** A write stream over openOutFileAsync: never through a symbolic link, opened without blocking. */
export async function outFileStreamAsync(path: string): Promise<WriteStream> {
  return createWriteStream('', { fd: await openOutFileAsync(path) });
}

/** A Node file-system error while writing becomes ArchiveError('io') naming the folder; anything else passes. */
export function writeFailure(error: unknown, outDir: string): unknown {
  const e = error as NodeJS.ErrnoException | undefined;
  if (error instanceof ArchiveError || typeof e?.code !== 'string' || typeof e.syscall !== 'string') return error;
  const where = e.path && e.path !== outDir ? ` (${e.path})` : '';
  return new ArchiveError('io', `Cannot write the export into ${outDir}${where}: ${e.code}. Choose a folder you can write to (not a file), with room to spare.`, outDir);
}
