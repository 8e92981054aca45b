// `outbox serve`: check the archives, serve on 127.0.0.1, print the address, then open (index) them behind it, with
// progress on /api/progress, and run until a signal.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ErrorInfo, OpenProgress } from '../../preload/contract.js';
import {
  ArchiveError, cacheFolder, demoArchivePath, hasWarmCache, isCustomFiltersFile, openDemo, openSplitLibrary,
  readCsvExport, readCustomFilters, toErrorInfo, type Archive, type CsvExport, type FiltersExport, type Library, type LibraryOptions,
  type Source,
} from '../engine/service/index.js';
import { openExport, pickReader } from '../engine/service/readers.js';
import { BrowserOpener } from '../server/opener.js';
import { RecentList } from '../server/recent.js';
import { startServer, type RunningServer } from '../server/server.js';
import { uploadsFolder } from '../server/upload.js';
import { UsageError } from './args.js';
import { libraryNotices, splitPaths } from './library-args.js';
import { rendererDir } from './paths.js';
import { progressBar } from './progress-bar.js';

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
function besideNotice(library: Library, given: ReadonlyArray<CsvExport | FiltersExport>): string {
  const named = new Set(given.map((c) => resolve(c.file)));
  const found = [...library.csv.filter((c) => !named.has(resolve(c.file))).map((c) => `${basename(c.file)} (${c.rows.length})`),
    ...library.filters.filter((f) => !named.has(resolve(f.file))).map((f) => `${basename(f.file)} (${f.filters.length})`)];
  return found.length ? `outbox: also read beside the archive: ${found.join(', ')}\n` : '';
}

async function startsWithGzip(path: string): Promise<boolean> {
  try {
    const file = await open(path, 'r');
    try {
      const head = Buffer.alloc(2);
      const { bytesRead } = await file.read(head, 0, 2, 0);
      return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
    } finally {
      await file.close();
    }
  } catch {
    return false; // a folder, or unreadable: openExport says which
  }
}

/**
 * The cheap part of opening, done before the address is printed so that an unusable file still exits 2 with one
 * line: the container reads and some reader recognises it (an outbox.json, today). A zip costs its central directory, a folder its listing; a
 * tar.gz is only recognised (listing it inflates all of it), and its later failures reach the viewer's error screen.
 */
async function checkContainer(path: string): Promise<Source | null> {
  if (await startsWithGzip(path)) return null;
  const source = await openExport(path);
  try {
    await pickReader(source);
    return source;
  } catch (error) {
    await source.close();
    throw error;
  }
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Opens the archives (or the demo) behind the running server: progress to the terminal bar and /api/progress, then
 * ready() and one final 'done' (after ready, so a viewer that answers it with current() finds them). A failure is
 * served as the error every API request answers with, and printed as one stderr line: the server keeps running.
 * Resolves with what closes whatever was opened.
 */
async function openBehind(
  given: { archives: string[]; csvs: Array<CsvExport | FiltersExport> } | null, server: RunningServer, noCache: boolean, signal: AbortSignal,
  recent: RecentList, checked?: Source,
): Promise<() => Promise<void>> {
  const bar = progressBar();
  // Announced at once, before the first byte is read: a viewer that connects now shows its progress bar.
  let last: OpenProgress = { archive: '', phase: 'reading', bytesRead: 0, bytesTotal: 0, items: 0 };
  server.progress(last);
  const options: LibraryOptions = {
    signal,
    onProgress: (p) => {
      bar.update(p);
      last = p;
      if (p.phase !== 'done') server.progress(p); // each archive's own 'done' would send the viewer to current() early
    },
  };
  if (noCache) options.cacheDir = null;
  // A warm open checks only the header, ids and columns of the saved index now, each run of posts when first read:
  // the first page is served sooner. Damage found later is the server's to recover from (BrowserOpener.recover).
  else options.checkCacheWhenRead = true;
  if (checked) options.source = checked;
  // One archive: its newest page is served as soon as a cold open has it (the viewer shows it while the rest is read).
  // Several are one library, whose timeline needs every archive: they are served once all are open.
  if (given === null || given.archives.length === 1) options.onPreview = (preview) => server.preview([preview]);
  const done = (archives: readonly Archive[]) => {
    const first = archives[0]?.info;
    server.progress({ ...last, archive: first?.id ?? last.archive, phase: 'done', items: first?.summary.counts.items ?? last.items });
  };
  try {
    if (given === null) {
      const demo = await openDemo(options);
      bar.clear();
      server.ready([demo]);
      done([demo]);
      return () => demo.close();
    }
    const library = await openSplitLibrary(given.archives, given.csvs, { ...options, csvBeside: true });
    bar.clear();
    server.ready(library.archives, library);
    done(library.archives);
    for (const path of given?.archives ?? []) recent.add(resolve(path));
    process.stderr.write(`${besideNotice(library, given.csvs)}${libraryNotices(library)}`);
    return () => library.close();
  } catch (error) {
    bar.clear();
    if (signal.aborted) return async () => {};
    const info = toErrorInfo(error);
    server.fail(info);
    server.progress({ ...last, phase: 'done' });
    const what = info.code === 'internal' ? 'internal error: ' : '';
    process.stderr.write(`outbox: ${what}${oneLine(info.message)}\n`);
    return async () => {};
  }
}

/** Serves `paths` (archives and CSVs) as one library; no paths: the demo archive. */
export async function serve(paths: string[], options: ServeOptions): Promise<number> {
  const given = paths.length === 0 ? { archives: [demoArchivePath()], csvs: [] } : await splitPaths(paths);
  if (given.archives.length === 0) {
    throw new UsageError('no archive among the paths (browser mode shows CSV files beside an archive): give an archive too', 'serve');
  }
  // An archive that cannot be read is shown in the page (its error screen, with Open at hand) instead of ending
  // the command: browser mode is the app for everyone without the desktop binary.
  let broken: ErrorInfo | null = null;
  let checked: Source | undefined;
  try {
    // A cache written for exactly this file proves its container was read whole: the check (a zip's central
    // directory, read again by the open's first media request) is skipped, and the address is printed sooner.
    for (const path of given.archives) {
      if (await hasWarmCache(path, options.noCache ? null : undefined)) continue;
      const source = await checkContainer(path);
      // One archive: its open reads the source checked here (the listing is not read twice). Several: closed.
      if (source && paths.length > 0 && given.archives.length === 1) checked = source;
      else await source?.close();
    }
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    broken = toErrorInfo(error);
  }
  // CSV files are small: one the person named that cannot be read stops here too (read again with the library).
  const csvs: Array<CsvExport | FiltersExport> = [];
  if (!broken) for (const path of given.csvs) csvs.push(await isCustomFiltersFile(path) ? await readCustomFilters(path) : await readCsvExport(path));

  const cacheDir = options.noCache ? null : cacheFolder(undefined);
  const recent = new RecentList(cacheDir ? join(cacheDir, 'recent.json') : null);
  const stop = new AbortController();
  const opener = new BrowserOpener({ cacheDir: options.noCache ? null : undefined, recent, uploads: uploadsFolder(cacheDir), signal: stop.signal });

  let server: RunningServer;
  try {
    server = await startServer({ opening: !broken, port: options.port, rendererDir, opener, recover: () => opener.recover() });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
      throw new ArchiveError('io', `Cannot listen on 127.0.0.1:${options.port} (${e.code}): choose another --port, or 0 for any free one.`);
    }
    throw error;
  }
  // The first line on stdout is the address, printed before the (possibly long) open: scripts and tests read it,
  // and the viewer behind it shows the open's progress.
  process.stdout.write(`${server.url}\n`);
  opener.attach(server);
  if (broken) {
    server.fail(broken);
    process.stderr.write(`outbox: ${oneLine(broken.message)}\n`);
  }
  if (options.open) openBrowser(server.url);

  // The paths are told apart and the CSVs read once, here: the library reuses both.
  const openAgain = () => openBehind(paths.length === 0 ? null : { archives: given.archives, csvs }, server, options.noCache, stop.signal, recent);
  const opened = broken
    ? Promise.resolve(async () => {})
    : openBehind(paths.length === 0 ? null : { archives: given.archives, csvs }, server, options.noCache, stop.signal, recent, checked);
  void opened.then((close) => opener.adopt(close, broken ? undefined : openAgain));
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
  await opened;
  await opener.close();
  return 0;
}
