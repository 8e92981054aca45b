// The folder source: an archive the user already unpacked; walked once, symlinks never followed.
import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { ArchiveError } from '../errors.js';
import { guardEntry, noSuchEntry, readAll, tooLarge } from './entry-guard.js';
import type { Source, SourceEntry, SourceLimits } from './source.js';

interface FolderEntry extends SourceEntry {
  /** where the walk found it: open() uses this, never a path built from a name it was given */
  path: string;
}

export async function openFolderSource(location: string, limits: SourceLimits): Promise<Source> {
  const archive = basename(location);
  const entries = new Map<string, FolderEntry>();
  const problems: string[] = [];
  const refused = new Map<string, ArchiveError>();
  const pending: { path: string; prefix: string }[] = [{ path: location, prefix: '' }];
  let seen = 0;
  while (pending.length > 0) {
    const folder = pending.pop()!;
    let children;
    try {
      children = await readdir(folder.path, { withFileTypes: true });
    } catch (error) {
      if (folder.prefix === '') throw error;
      problems.push(`Left out the folder “${folder.prefix.slice(0, -1)}”: it cannot be read.`);
      continue;
    }
    for (const child of children) {
      if (++seen > limits.maxEntries) {
        throw new ArchiveError('too-large', `${archive} holds more than the ${limits.maxEntries} files and folders ` +
          'Outbox reads from one archive. Open the folder that holds outbox.json instead.', location);
      }
      const name = folder.prefix + child.name;
      const path = join(folder.path, child.name);
      // Dirent types come from readdir without following links: a symlink is never a file or folder here.
      if (child.isSymbolicLink()) {
        problems.push(`Left out “${name}”: it is a symbolic link.`);
        // So that a linked outbox.json is told as such, not as "has no outbox.json".
        refused.set(name, new ArchiveError('unsafe', `${name} in ${archive} is a symbolic link: Outbox never follows links ` +
          'out of an archive folder. Copy the file itself into the folder (or open the archive zip) instead.', name));
      } else if (child.isDirectory()) {
        pending.push({ path, prefix: `${name}/` });
      } else if (child.isFile()) {
        const stats = await lstat(path);
        entries.set(name, { name, size: stats.size, path });
      }
    }
  }
  return new FolderSource(location, archive, entries, problems, limits, refused);
}

class FolderSource implements Source {
  readonly format = 'folder' as const;

  constructor(readonly location: string, private readonly archive: string,
    readonly entries: ReadonlyMap<string, FolderEntry>, readonly problems: string[],
    private readonly limits: SourceLimits, readonly refused: ReadonlyMap<string, ArchiveError> = new Map()) {}

  async open(name: string): Promise<Readable> {
    const entry = this.entries.get(name);
    if (!entry) throw noSuchEntry(this.archive, name);
    const guard = guardEntry({ archive: this.archive, entry: name, declared: entry.size, compressed: null }, this.limits);
    if (entry.size === 0) return guard.end();
    // O_NOFOLLOW: a file swapped for a symlink after the walk is refused rather than followed.
    const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);
    let handle;
    try {
      handle = await open(entry.path, flags);
    } catch (error) {
      throw new ArchiveError('io', `The system refused to read ${name} in ${this.archive} ` +
        `(${(error as NodeJS.ErrnoException).code ?? String(error)}).`, name);
    }
    const stream = handle.createReadStream({ start: 0, end: entry.size - 1 });
    stream.on('error', (error: NodeJS.ErrnoException) => guard.destroy(new ArchiveError('io',
      `The system refused to read ${name} in ${this.archive} (${error.code ?? error.message}).`, name)));
    guard.on('close', () => stream.destroy());
    return stream.pipe(guard);
  }

  async read(name: string, maxBytes: number): Promise<Buffer> {
    const entry = this.entries.get(name);
    if (entry && entry.size > maxBytes) throw tooLarge(this.archive, name, maxBytes);
    return readAll(await this.open(name), maxBytes, { archive: this.archive, entry: name });
  }

  async close(): Promise<void> {}
}
