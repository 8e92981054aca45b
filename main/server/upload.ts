// Browser mode's upload: an archive the page hands over is streamed into the cache folder under a name of our
// own making. Never beside the archive: a browser does not say where the file came from, and we write nowhere else.
import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ArchiveError } from '../engine/service/index.js';

/**
 * The file name the page sent, as one safe path segment: no folders, no control or reserved characters, no
 * leading dots, at most 120 characters (the end kept, so ".zip" and ".tar.gz" survive).
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^[.\s]+/, '').trim();
  return clean.slice(-120) || 'archive.zip';
}

/** Where uploads go: `uploads/` in the cache folder; with the cache off, in the system's temporary folder. */
export function uploadsFolder(cacheDir: string | null): string {
  return join(cacheDir ?? join(tmpdir(), 'outbox'), 'uploads');
}

/**
 * Streams the request body to `<folder>/<random>/<name>` (owner-only) and resolves with that path. A request that
 * ends early (the tab closed, the length disagrees) leaves nothing behind.
 */
export async function saveUpload(req: IncomingMessage, name: string, folder: string): Promise<string> {
  const dir = join(folder, randomBytes(8).toString('hex'));
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, safeFileName(name));
  const part = `${path}.part`;
  const expected = Number(req.headers['content-length'] ?? NaN);
  try {
    await pipeline(req, createWriteStream(part, { mode: 0o600 }));
    const { size } = await fs.stat(part);
    if (Number.isFinite(expected) && size !== expected) {
      throw new ArchiveError('truncated', `The upload of ${safeFileName(name)} stopped after ${size} of ${expected} bytes: open it again.`);
    }
    await fs.rename(part, path);
    return path;
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError('io', `The upload of ${safeFileName(name)} did not finish (${(error as Error).message}): open it again.`);
  }
}
