// What `outbox serve` opens when the page asks (a typed path, an uploaded file, the demo): one open at a time, in
// place of what was open, with its progress on /api/progress and a place in the recent list.
import type { IncomingMessage } from 'node:http';
import { rm } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { ArchiveInfo, OpenProgress, OpenRequest, RecentArchive, Result } from '../../preload/contract.js';
import { openDemo, openLibrary, toErrorInfo, type Archive, type Library, type LibraryOptions } from '../engine/service/index.js';
import type { Opener } from './open-routes.js';
import type { RecentList } from './recent.js';
import type { RunningServer } from './server.js';
import { saveUpload } from './upload.js';

export interface BrowserOpenerOptions {
  /** null: neither read nor write the index cache (--no-cache) */
  cacheDir?: string | null;
  recent: RecentList;
  /** where uploads are saved (uploadsFolder) */
  uploads: string;
  signal?: AbortSignal;
}

type Target = Pick<RunningServer, 'ready' | 'progress'>;

export class BrowserOpener implements Opener {
  private server: Target | null = null;
  private closeOpen: () => Promise<void> = async () => {};
  /** opens what is served now again, from its file (recover) */
  private reopen: (() => Promise<unknown>) | null = null;
  private busy = false;

  constructor(private readonly options: BrowserOpenerOptions) {}

  /** The server to serve what opens (it is started with this opener, so it comes second). */
  attach(server: Target): void {
    this.server = server;
  }

  /**
   * What `outbox serve` opened at start: closed when the page opens something else. `reopen` opens it again (serving
   * it with ready() or fail()) and resolves with what closes that.
   */
  adopt(close: () => Promise<void>, reopen?: () => Promise<() => Promise<void>>): void {
    this.closeOpen = close;
    this.reopen = reopen
      ? async () => {
        const previous = this.closeOpen;
        this.closeOpen = await reopen();
        await previous().catch(() => {});
      }
      : null;
  }

  /**
   * The server found a part of what is open damaged in its saved index (removed by then): open it again from its file
   * (the server's recover). Nothing happens while another open runs: that one is served next anyway.
   */
  async recover(): Promise<void> {
    const reopen = this.reopen;
    if (!reopen || this.busy) return;
    this.busy = true;
    try {
      await reopen();
    } finally {
      this.busy = false;
    }
  }

  /** Closes whatever is open now (at the end of `outbox serve`). */
  async close(): Promise<void> {
    const close = this.closeOpen;
    this.closeOpen = async () => {};
    await close();
  }

  recent(): RecentArchive[] {
    return this.options.recent.list();
  }

  open(request: OpenRequest): Promise<Result<ArchiveInfo>> {
    return this.exclusive(async () => (request.demo ? this.openDemo() : this.openPath(resolve(request.path!), null)));
  }

  upload(req: IncomingMessage, name: string): Promise<Result<ArchiveInfo>> {
    return this.exclusive(async () => {
      const path = await saveUpload(req, name, this.options.uploads);
      const result = await this.openPath(path, basename(path));
      // A file that does not open is not kept: the cache folder only holds archives the reader can come back to.
      if (!result.ok) await rm(dirname(path), { recursive: true, force: true });
      return result;
    });
  }

  private async exclusive(run: () => Promise<Result<ArchiveInfo>>): Promise<Result<ArchiveInfo>> {
    if (this.busy) return { ok: false, code: 'bad-request', message: 'Another archive is being opened: wait until it is shown.' };
    this.busy = true;
    try {
      return await run();
    } catch (error) {
      return { ok: false, ...toErrorInfo(error) };
    } finally {
      this.busy = false;
    }
  }

  private libraryOptions(onProgress: (p: OpenProgress) => void): LibraryOptions {
    // Each part of a saved index is checked when first read (the first page needs a few of them): damage found then
    // is the server's to recover from (recover()).
    const options: LibraryOptions = { onProgress, csvBeside: true, checkCacheWhenRead: true };
    if (this.options.signal) options.signal = this.options.signal;
    if (this.options.cacheDir !== undefined) options.cacheDir = this.options.cacheDir;
    return options;
  }

  private async openPath(path: string, name: string | null): Promise<Result<ArchiveInfo>> {
    const result = await this.swap(async (options) => {
      const library = await openLibrary([path], options);
      this.options.recent.add(path, name ?? basename(path));
      return { archives: library.archives, library, close: () => library.close() };
    });
    if (result.ok) this.reopen = () => this.openPath(path, name);
    return result;
  }

  private async openDemo(): Promise<Result<ArchiveInfo>> {
    const result = await this.swap(async (options) => {
      const demo = await openDemo(options);
      return { archives: [demo], close: () => demo.close() };
    });
    if (result.ok) this.reopen = () => this.openDemo();
    return result;
  }

  /** Opens with progress, then serves the result in place of what was open and closes that. */
  private async swap(open: (options: LibraryOptions) => Promise<{ archives: readonly Archive[]; library?: Library; close: () => Promise<void> }>): Promise<Result<ArchiveInfo>> {
    const server = this.server!;
    let last: OpenProgress = { archive: '', phase: 'reading', bytesRead: 0, bytesTotal: 0, items: 0 };
    server.progress(last);
    try {
      const opened = await open(this.libraryOptions((p) => {
        last = p;
        if (p.phase !== 'done') server.progress(p);
      }));
      const first = opened.archives[0];
      if (!first) {
        await opened.close();
        return { ok: false, code: 'not-archive', message: 'No archive was found there (only CSV files?): choose the archive .zip, .tar.gz or folder.' };
      }
      const previous = this.closeOpen;
      this.closeOpen = opened.close;
      server.ready(opened.archives, opened.library);
      server.progress({ ...last, archive: first.info.id, phase: 'done', items: first.info.summary.counts.items });
      await previous().catch(() => {});
      return { ok: true, value: first.info };
    } catch (error) {
      // What was open stays open and served; the page shows this error.
      server.progress({ ...last, phase: 'done' });
      return { ok: false, ...toErrorInfo(error) };
    }
  }
}
