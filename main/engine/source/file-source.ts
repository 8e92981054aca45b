// The single-file source: one exported file on its own (a Bluesky .car, a Misskey notes .json), as one entry.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { ArchiveError } from '../errors.js';
import { guardEntry, noSuchEntry, readAll, tooLarge } from './entry-guard.js';
import type { Source, SourceEntry, SourceLimits } from './source.js';

/** The file is its own only entry, named as the file is: readers recognise it by content, never by this name. */
export function openFileSource(location: string, size: number, limits: SourceLimits): Source {
  const name = basename(location);
  return new FileSource(location, name, { name, size }, limits);
}

class FileSource implements Source {
  readonly format = 'file' as const;
  readonly entries: ReadonlyMap<string, SourceEntry>;
  readonly problems: string[] = [];

  constructor(readonly location: string, private readonly name: string, private readonly entry: SourceEntry,
    private readonly limits: SourceLimits) {
    this.entries = new Map([[entry.name, entry]]);
  }

  async open(name: string): Promise<Readable> {
    if (name !== this.entry.name) throw noSuchEntry(this.name, name);
    const guard = guardEntry({ archive: this.name, entry: name, declared: this.entry.size, compressed: null }, this.limits);
    if (this.entry.size === 0) return guard.end();
    let handle;
    try {
      handle = await open(this.location, constants.O_RDONLY);
    } catch (error) {
      throw new ArchiveError('io', `The system refused to read ${name} ` +
        `(${(error as NodeJS.ErrnoException).code ?? String(error)}).`, this.location);
    }
    const stream = handle.createReadStream({ start: 0, end: this.entry.size - 1 });
    stream.on('error', (error: NodeJS.ErrnoException) => guard.destroy(new ArchiveError('io',
      `The system refused to read ${name} (${error.code ?? error.message}).`, this.location)));
    guard.on('close', () => stream.destroy());
    return stream.pipe(guard);
  }

  async read(name: string, maxBytes: number): Promise<Buffer> {
    if (name === this.entry.name && this.entry.size > maxBytes) throw tooLarge(this.name, name, maxBytes);
    return readAll(await this.open(name), maxBytes, { archive: this.name, entry: name });
  }

  async close(): Promise<void> {}
}
