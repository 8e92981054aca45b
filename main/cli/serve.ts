// `outbox serve`: open the archives and CSVs (or the demo), serve them on 127.0.0.1, print the address, run until a signal.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { basename, resolve } from 'node:path';
import type { Archive } from '../engine/archive.js';
import type { Library } from '../engine/library/library.js';
import { startServer } from '../server/server.js';
import { ArchiveError } from '../engine/errors.js';
import { UsageError } from './args.js';
import { libraryNotices, openLibraryForCli, splitPaths } from './library-args.js';
import { openForCli } from './open.js';
import { rendererDir } from './paths.js';

export interface ServeOptions {
  port: number;
  open: boolean;
  noCache: boolean;
}

/** The system browser, best effort: a missing opener is not an error (the address is printed anyway). */
export function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]]
    : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]]
    : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no browser opener: the user has the printed address
  }
}

/** One stderr line naming the CSVs that were picked up beside the archives (nobody gave them on the command line). */
async function besideNotice(library: Library, paths: string[]): Promise<string> {
  const given = new Set((await splitPaths(paths)).csvs.map((p) => resolve(p)));
  const found = library.csv.filter((c) => !given.has(resolve(c.file))).map((c) => `${basename(c.file)} (${c.rows.length})`);
  return found.length ? `outbox: also read beside the archive: ${found.join(', ')}\n` : '';
}

/** Serves `paths` (archives and CSVs) as one library; no paths: the demo archive. */
export async function serve(paths: string[], options: ServeOptions): Promise<number> {
  let library: Library | null = null;
  let archives: Archive[];
  if (paths.length === 0) archives = [await openForCli(null, { noCache: options.noCache })];
  else {
    library = await openLibraryForCli(paths, { noCache: options.noCache, csvBeside: true });
    archives = [...library.archives];
  }
  const closeAll = async () => {
    if (library) await library.close();
    else await Promise.all(archives.map((a) => a.close()));
  };
  if (archives.length === 0) {
    await closeAll();
    throw new UsageError('no archive among the paths (browser mode shows CSV files beside an archive): give an archive too', 'serve');
  }
  let server;
  try {
    server = await startServer({ archives, library: library ?? undefined, port: options.port, rendererDir });
  } catch (error) {
    await closeAll();
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
      throw new ArchiveError('io', `Cannot listen on 127.0.0.1:${options.port} (${e.code}): choose another --port, or 0 for any free one.`);
    }
    throw error;
  }
  // The first line on stdout is the address: scripts and tests read it.
  process.stdout.write(`${server.url}\n`);
  if (library) process.stderr.write(`${await besideNotice(library, paths)}${libraryNotices(library)}`);
  if (options.open) openBrowser(server.url);

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await once(stop.signal, 'abort');
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  await server.close();
  await closeAll();
  return 0;
}
