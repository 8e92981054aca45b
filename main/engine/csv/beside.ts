// The files that sit beside an archive: in the archive's folder and, for an unpacked archive, inside it.
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';

/** Every file there that `accept` takes (by name, or by reading it), sorted by path; missing folders give []. */
export async function filesBeside(archivePath: string, accept: (name: string, path: string) => boolean | Promise<boolean>): Promise<string[]> {
  const folders = [dirname(archivePath)];
  const stat = await fs.stat(archivePath).catch(() => null);
  if (stat?.isDirectory()) folders.push(archivePath);
  const found: string[] = [];
  for (const folder of folders) {
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isFile() && path !== archivePath && await accept(entry.name, path)) found.push(path);
    }
  }
  return found.sort();
}
