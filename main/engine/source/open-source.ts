// openSource: tells a zip, a tar.gz and a folder apart by their content, and opens the matching source.
import { open, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { ArchiveError } from '../errors.js';
import { openFileSource } from './file-source.js';
import { openFolderSource } from './folder-source.js';
import { DEFAULT_LIMITS, type Source, type SourceLimits } from './source.js';
import { openTarSource } from './tar-source.js';
import { openZipSource } from './zip-source.js';

/** The end-of-central-directory record sits in the last 22 bytes plus a comment of at most 65,535. */
const EOCD_SEARCH = 22 + 0xffff;

/**
 * A file that is no container is one exported file on its own (a Bluesky .car, a Misskey notes .json) only when
 * `acceptFile` recognises it by content (the readers do: see readers/pick); without it, or when it says no, opening
 * ends with the "not a zip, a tar.gz or a folder" message as always.
 */
export interface OpenSourceOptions {
  acceptFile?: (file: Source) => Promise<boolean> | boolean;
}

export async function openSource(path: string, limits?: Partial<SourceLimits>, options: OpenSourceOptions = {}): Promise<Source> {
  const location = resolve(path);
  const name = basename(location);
  const all: SourceLimits = { ...DEFAULT_LIMITS, ...limits };
  let stats;
  try {
    stats = await stat(location);
  } catch (error) {
    throw fsError(error, name, location);
  }
  if (stats.isDirectory()) return openFolderSource(location, all);
  if (!stats.isFile()) throw notArchive(name, location);
  if (stats.size === 0) {
    throw new ArchiveError('empty', `${name} is empty (0 bytes): the download did not finish. Download the ` +
      'archive again from Settings ▸ Import and export.', location);
  }
  const kind = await sniff(location, stats.size).catch((error: unknown) => { throw fsError(error, name, location); });
  if (kind === 'zip') return openZipSource(location, all);
  if (kind === 'gzip') return openTarSource(location, all);
  if (options.acceptFile) {
    const file = openFileSource(location, stats.size, all);
    if (await options.acceptFile(file)) return file;
    await file.close();
  }
  throw notArchive(name, location);
}

async function sniff(location: string, size: number): Promise<'zip' | 'gzip' | null> {
  const file = await open(location, 'r');
  try {
    const head = Buffer.alloc(4);
    await file.read(head, 0, 4, 0);
    if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) {
      return 'zip';
    }
    // A zip with something before it (a self-extractor stub, a re-upload with a prefix) still ends in an EOCD.
    const length = Math.min(size, EOCD_SEARCH);
    const tail = Buffer.alloc(length);
    await file.read(tail, 0, length, size - length);
    return tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) >= 0 ? 'zip' : null;
  } finally {
    await file.close();
  }
}

function notArchive(name: string, location: string): ArchiveError {
  return new ArchiveError('not-archive', `${name} is not a zip, a tar.gz or a folder: Outbox opens the archive ` +
    'Mastodon lets you download (Settings ▸ Import and export ▸ Request your archive).', location);
}

function fsError(error: unknown, name: string, location: string): ArchiveError {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new ArchiveError('not-found', `${name} does not exist (${location}): it may have been moved or deleted.`, location);
  }
  return new ArchiveError('io', `The system refused to read ${name} (${code ?? String(error)}).`, location);
}
