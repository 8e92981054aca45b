// What an export was made from and how: written as manifest.json beside a folder export and as a table in SQLite.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { writeOutFile } from './out-folder.js';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { PostFilter } from '../../../preload/contract.js';

export interface ManifestInput {
  /** "archive" for an archive (zip, tar.gz, folder), "csv" for a relationship CSV */
  kind: 'archive' | 'csv';
  path: string;
  /** "@user@server" of an archive (already a pseudonym when the export is pseudonymized) */
  account?: string;
}

export interface Manifest {
  outbox: string;
  createdAt: string;
  format: string;
  /** the files read: name (no folders), SHA-256 of the bytes (of outbox.json for an unpacked folder), size */
  inputs: Array<{ kind: 'archive' | 'csv'; name: string; sha256: string | null; hashed: string; bytes: number | null; account?: string }>;
  /** the filter the posts were chosen with (the query and filter flags) */
  query: PostFilter;
  /** the other flags that change the output; the salt is never written (it would undo the pseudonyms) */
  flags: Record<string, string | boolean>;
  counts: Record<string, number>;
}

/** SHA-256 hex of a file, streamed (archives reach gigabytes); for a folder, of its outbox.json when there is one. */
async function sha256Of(path: string): Promise<{ sha256: string | null; hashed: string; bytes: number | null }> {
  let file = path;
  let hashed = basename(path);
  try {
    if (statSync(path).isDirectory()) {
      file = join(path, 'outbox.json');
      hashed = `${basename(path)}/outbox.json`;
    }
    const bytes = statSync(file).size;
    const hash = createHash('sha256');
    await pipeline(createReadStream(file), hash);
    return { sha256: hash.digest('hex'), hashed, bytes };
  } catch {
    // A folder whose outbox.json sits deeper (after unpack-and-rezip): its files were read, but no one file names it.
    return { sha256: null, hashed, bytes: null };
  }
}

export async function makeManifest(options: {
  version: string;
  format: string;
  inputs: ManifestInput[];
  query: PostFilter;
  flags: Record<string, string | boolean>;
  counts: Record<string, number>;
  now?: Date;
}): Promise<Manifest> {
  const inputs: Manifest['inputs'] = [];
  for (const input of options.inputs) {
    const { sha256, hashed, bytes } = await sha256Of(input.path);
    inputs.push({ kind: input.kind, name: basename(input.path), sha256, hashed, bytes, ...(input.account ? { account: input.account } : {}) });
  }
  const { salt: _salt, ...flags } = options.flags;
  return {
    outbox: options.version,
    createdAt: (options.now ?? new Date()).toISOString(),
    format: options.format,
    inputs,
    query: options.query,
    flags,
    counts: options.counts,
  };
}

export function writeManifest(outDir: string, manifest: Manifest): void {
  writeOutFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
