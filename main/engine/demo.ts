// Where the built-in demo archive is: dist/demo/demo-archive.zip, next to the running bundle or up from cwd.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArchiveError } from './errors.js';

const DEMO = join('dist', 'demo', 'demo-archive.zip');

/** Bundles live in dist/cli, dist/engine, dist/desktop; tests run from source, so search up from cwd too. */
export function demoArchivePath(): string {
  const candidates: string[] = [];
  try {
    candidates.push(fileURLToPath(new URL('../demo/demo-archive.zip', import.meta.url)));
  } catch {
    // import.meta.url is not a file: URL (e.g. a CommonJS bundle): only the search below applies
  }
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    candidates.push(join(dir, DEMO));
    if (dirname(dir) === dir) break;
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new ArchiveError('not-found', 'The demo archive (dist/demo/demo-archive.zip) is missing: run `npm run build` to create it.', DEMO);
  }
  return found;
}

