// Where the index cache lives and how an archive's identity (its cache key) is computed.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Bump when the cache layout or anything the index stores (Post shape, normalizer output) changes. */
export const CACHE_VERSION = 8; // 2: quoted attribute values no longer leak into Post.text; 3: Post.repliesCount; 4: archive identity and record checksums, stats tally, Summary.source; 5: Post.deleted and the is:deleted flag, long tweets' full text; 6: records checked in runs (each run its sha256), likes and media names apart; 7: the search block checked per chunk (search format 2), read in parts; 8: records may be made during the read (parentInArchive read from the parent column), each run checked by its CRC-32

/** The cache folder: the option, else OUTBOX_CACHE_DIR, else the OS cache folder; null = no cache. */
export function cacheFolder(option: string | null | undefined): string | null {
  if (option === null) return null;
  if (option) return option;
  const env = process.env.OUTBOX_CACHE_DIR;
  if (env) return env;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'Outbox');
  if (process.platform === 'win32') {
    return join(process.env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'Outbox', 'Cache');
  }
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'outbox');
}

export interface ArchiveIdentity {
  /** realpath of what the user opened */
  location: string;
  isFolder: boolean;
  /** sha256 hex over the cache version, realpath, size and mtime (and outbox.json's for folders) */
  key: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function archiveIdentity(path: string): Promise<ArchiveIdentity> {
  const location = await fs.realpath(path);
  const stat = await fs.stat(location);
  const parts: unknown[] = [CACHE_VERSION, location, stat.size, stat.mtimeMs];
  if (stat.isDirectory()) {
    // A folder's own mtime does not change when outbox.json is rewritten in place.
    const outbox = await fs.stat(join(location, 'outbox.json')).catch(() => null);
    if (outbox) parts.push(outbox.size, outbox.mtimeMs);
  }
  return { location, isFolder: stat.isDirectory(), key: sha256(JSON.stringify(parts)) };
}

/**
 * A sentence for the archive's warnings when other users could write into the cache folder (group or world
 * writable, or owned by someone else): they could then swap in an index whose checksums hold. Null when it is safe,
 * missing (it is made 0700), or on Windows (no POSIX modes).
 */
export async function cacheFolderWarning(folder: string): Promise<string | null> {
  if (process.platform === 'win32') return null;
  const stat = await fs.stat(folder).catch(() => null);
  if (!stat) return null;
  const foreign = typeof process.getuid === 'function' && stat.uid !== process.getuid();
  if ((stat.mode & 0o022) === 0 && !foreign) return null;
  return `The index cache folder ${folder} can be written by other users, so Outbox did not use the index saved there. Run \`chmod 700 ${folder}\` (or set OUTBOX_CACHE_DIR to a private folder).`;
}

const SUFFIX = '.outbox-index';

/** One file per archive: the path part groups the versions of one archive, so stale ones can be removed. */
export function cacheFileName(identity: ArchiveIdentity): string {
  return `${sha256(identity.location).slice(0, 16)}-${identity.key.slice(0, 32)}${SUFFIX}`;
}

/** Removes older cache files of the same archive (same path, other key) and abandoned temp files. */
export async function removeStale(folder: string, keep: string): Promise<void> {
  const prefix = keep.slice(0, 17);
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n !== keep && n.startsWith(prefix) && (n.endsWith(SUFFIX) || n.endsWith('.tmp')))
      .map((n) => fs.rm(join(folder, n), { force: true }).catch(() => undefined)),
  );
}
