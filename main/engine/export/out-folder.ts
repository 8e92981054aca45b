// The folder an export writes into: made when missing, and file-system failures told as the user's problem to fix.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ArchiveError } from '../errors.js';

/** Makes outDir and the given sub-folders (nothing is deleted: a re-export overwrites its own files). */
export function prepareOutFolder(outDir: string, subfolders: string[] = []): void {
  for (const sub of ['', ...subfolders]) mkdirSync(join(outDir, sub), { recursive: true });
}

/** A Node file-system error while writing becomes ArchiveError('io') naming the folder; anything else passes. */
export function writeFailure(error: unknown, outDir: string): unknown {
  const e = error as NodeJS.ErrnoException | undefined;
  if (error instanceof ArchiveError || typeof e?.code !== 'string' || typeof e.syscall !== 'string') return error;
  const where = e.path && e.path !== outDir ? ` (${e.path})` : '';
  return new ArchiveError('io', `Cannot write the export into ${outDir}${where}: ${e.code}. Choose a folder you can write to (not a file), with room to spare.`, outDir);
}
