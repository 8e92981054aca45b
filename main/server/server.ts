// Browser mode's HTTP server: the contract over loopback HTTP, guarded by Host and token, plus the renderer.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import type { ErrorInfo, OpenProgress } from '../../preload/contract.js';
import { Routes } from '../../preload/contract.js';
import { createService, toErrorInfo, type Archive, type Library } from '../engine/service/index.js';
import { authenticate, createToken, hostAllowed, signPageLinks } from './auth.js';
import { serveMedia } from './media.js';
import { handleOpenRoute, isOpenRoute, type Opener } from './open-routes.js';
import { recoveringService } from './recovery.js';
import { applySecurityHeaders, sendError, sendText } from './respond.js';
import { answersNow, handleApi, ProgressHub, type ApiContext } from './routes.js';
import { listRenderer, type StaticFile } from './static.js';

export interface ServerOptions {
  /** The archives to serve; the first is the one the viewer shows and the default of every route. Default none. */
  archives?: Archive[];
  /**
   * The archives and CSVs opened together (openLibrary): relationships, de-duplication and notes come from it
   * while the served archives are exactly its archives. Without it (or after add()), the merged timeline, people
   * and moves are built from the archives alone. The caller closes it.
   */
  library?: Library;
  /**
   * true: the archives are still opening (`outbox serve` prints its address first). Until ready() or fail(), the API
   * and media requests wait (at most HOLD_MS, then they answer with what is open); /api/progress answers at once.
   */
  opening?: boolean;
  /** 0 or absent: a free port the system picks. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default) or ::1. */
  host?: string;
  /** The built renderer (dist/renderer): listed once at start. */
  rendererDir: string;
  /** The secret; a fresh random 32-byte hex token when absent. */
  token?: string;
  /** Browser mode's open flow (POST /api/open, /api/upload, GET /api/recent); absent: those routes are 404. */
  opener?: Opener;
  /**
   * A request met a damaged part of a saved index (archives opened with checkCacheWhenRead; the file is already
   * removed): open the served archives again from their files and call ready() or fail(). Meanwhile the server is
   * opening again (requests wait, /api/progress tells the page); the request that met the damage is answered from what
   * opens. Absent: that request answers 'damaged-cache'.
   */
  recover?: () => Promise<void>;
}

export interface RunningServer {
  /** http://127.0.0.1:PORT/?token=… : what `outbox serve` prints and opens. */
  url: string;
  /** http://127.0.0.1:PORT — the only Host the server answers to. */
  origin: string;
  port: number;
  token: string;
  /** Serve one more archive (an open that finished after start). */
  add(archive: Archive): void;
  /**
   * The open that `opening` announced has a preview (OpenOptions.onPreview): serve it for what it answers (current(),
   * the newest page, its media) while every other request goes on waiting for ready() or fail().
   */
  preview(archives: readonly Archive[]): void;
  /**
   * The open that `opening` announced is over: serve exactly these archives (with the library they were opened as,
   * whose CSVs and notes then reach the people routes) and answer the requests that waited.
   */
  ready(archives: readonly Archive[], library?: Library): void;
  /** That open failed: the requests that waited, and every later API request, answer with this error. */
  fail(error: ErrorInfo): void;
  /** Forward open progress to /api/progress subscribers (one who subscribes later gets the latest event first). */
  progress(progress: OpenProgress): void;
  /** Stops listening, ends every connection (SSE included). Does not close the archives: they are the caller's. */
  close(): Promise<void>;
}

/**
 * How long a request waits for the archives being opened before it is answered with what is open (none yet). Long
 * enough that the viewer's first current() normally gets the archive, or its error, and never flashes the welcome
 * screen; short enough that no client's own timeout fires first (Node's fetch gives up on headers after 300 s).
 */
export const HOLD_MS = 60_000;

/** Resolves true when `promise` does, or false after `ms`, whichever is first. */
function within(promise: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), Math.max(0, ms));
    timer.unref();
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function loopback(host: string): boolean {
  return host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/**
 * How long the page's body waits for the archive to be answerable before it is sent plain: a warm open answers well
 * within it; a cold one cannot, and its page must not be held noticeably (the head, hence CSS and JS, goes at once).
 */
export const FIRST_PAGE_HOLD_MS = 300;

/** Where the page is split: its head (up to and with this tag) goes at once, the body once the archive answers. */
const BODY_TAG = '<body>';

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!loopback(host)) throw new Error(`Browser mode only listens on a loopback address, not ${host}.`);
  const token = options.token ?? createToken();
  // The engine's service answers every request; the archives are the caller's (outbox serve opens and closes them).
  // The recent list is the opener's (browser mode keeps it beside the cache): the service answers from it too.
  const opener = options.opener;
  const service = createService(opener ? { recent: () => opener.recent() } : {});
  let library: Library | null = options.library ?? null;
  service.adopt(options.archives ?? [], library);
  let failure: ErrorInfo | null = null;
  let opening = options.opening ?? false;
  /** a preview is served (see preview()) */
  let previewing = false;
  // Resolved and replaced at every change of the opening state (a preview, ready, fail): waiting requests look again.
  let bump: () => void = () => {};
  let changed = new Promise<void>((resolve) => (bump = resolve));
  const change = () => {
    const wake = bump;
    changed = new Promise<void>((resolve) => (bump = resolve));
    wake();
  };
  const settle = () => {
    opening = false;
    previewing = false;
    change();
  };
  /** A data request that may be answered now: nothing is opening, or a preview answers it. */
  const answerable = (rawPath: string, url: URL) =>
    !opening || (previewing && (rawPath.startsWith('/media/') || answersNow(rawPath, url, service)));
  const files = listRenderer(options.rendererDir);
  // The page names its own files with signatures (no cookie carries the token: every port of 127.0.0.1 would see it).
  const names = new Set(files.keys());
  for (const [path, file] of files) {
    if (file.type.startsWith('text/html')) files.set(path, { ...file, body: Buffer.from(signPageLinks(file.body.toString('utf8'), token, names)) });
  }
  const hub = new ProgressHub();
  const recover = options.recover;
  const served = recover
    ? recoveringService(service, async () => {
      opening = true;
      previewing = false;
      change();
      try {
        await recover();
      } finally {
        if (opening) settle(); // nothing was opened (another open was under way): what is open answers again
      }
    })
    : service;
  const ctx: ApiContext = { service: served, subscribe: (res) => hub.subscribe(res) };
  let expectedHost = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applySecurityHeaders(res);
    if (!hostAllowed(req, expectedHost)) return sendText(req, res, 403, 'Forbidden: wrong Host header.');
    const target = req.url ?? '';
    let url: URL;
    try {
      if (!target.startsWith('/') || target.startsWith('//')) throw new Error('not a path');
      url = new URL(target, `http://${expectedHost}`);
    } catch {
      return sendText(req, res, 404, 'Not found.');
    }
    // Route on the path exactly as sent: the WHATWG parser would fold `..` and `%2e%2e` segments.
    const rawPath = target.split(/[?#]/, 1)[0]!;
    const auth = authenticate(req, url, token, rawPath, Routes.progress);
    // The viewer's page itself holds no archive data, only our code and the signatures of its own files: it loads
    // without a credential so an address typed or bookmarked in this tab works (the token waits in sessionStorage).
    // No cookie carries the token any more, so this is what a cookie used to make work.
    const page = (rawPath === '/' || rawPath === '/index.html') && (req.method === 'GET' || req.method === 'HEAD');
    if (!auth && !page) return sendText(req, res, 401, 'Unauthorized: open the address `outbox serve` printed (it carries the token).');
    // Opening another archive works whatever is (or failed to be) open: it is how the reader leaves an error.
    if (auth && options.opener && isOpenRoute(rawPath)) return handleOpenRoute(req, res, rawPath, url, options.opener, `http://${expectedHost}`, auth);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(req, res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });

    // Data waits for the open `outbox serve` started after printing its address; progress is how the wait is shown.
    if (rawPath !== Routes.progress && (rawPath.startsWith('/api/') || rawPath.startsWith('/media/'))) {
      const deadline = performance.now() + HOLD_MS;
      while (!answerable(rawPath, url) && (await within(changed, deadline - performance.now())));
    }
    if (failure && rawPath.startsWith('/api/') && rawPath !== Routes.progress) return sendError(req, res, failure);
    if (rawPath.startsWith('/api/')) {
      if (!handleApi(req, res, rawPath, url, ctx)) sendError(req, res, { code: 'not-found', message: `No such API route: ${rawPath.slice(0, 80)}` });
      return;
    }
    if (rawPath.startsWith('/media/')) return serveMedia(req, res, rawPath, served);
    const file = files.get(rawPath);
    // The address `outbox serve` printed (token in the query) gets the newest posts in its HTML; a bookmark does not.
    if (file && page && auth === 'query' && req.method === 'GET') return sendFirstPage(req, res, file);
    if (!file) {
      const hint = files.size === 0 ? ' The renderer is not built: run `npm run build`.' : '';
      return sendText(req, res, 404, `Not found.${hint}`);
    }
    const headers: Record<string, string | number> = { 'Content-Type': file.type, 'Content-Length': file.body.length, 'Cache-Control': 'no-cache' };
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  /**
   * The page with the first page of posts: the head at once, the body once the archive answers (at most
   * FIRST_PAGE_HOLD_MS), holding the newest posts when exactly one archive is served and answerable.
   */
  const sendFirstPage = async (req: IncomingMessage, res: ServerResponse, file: StaticFile): Promise<void> => {
    const body = file.body;
    const text = body.toString('utf8');
    const cut = text.indexOf(BODY_TAG);
    if (cut < 0) {
      res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': body.length, 'Cache-Control': 'no-cache' });
      res.end(body);
      return;
    }
    const at = cut + BODY_TAG.length;
    // no-store: this answer holds archive data, unlike the plain page
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' });
    res.write(text.slice(0, at));
    const deadline = performance.now() + FIRST_PAGE_HOLD_MS;
    while (opening && (await within(changed, deadline - performance.now())));
    let first = '';
    const archives = service.archives();
    if (!opening && !failure && archives.length === 1 && !res.destroyed) {
      try {
        first = (await firstPage).renderFirstPage(archives[0]!, req.headers['accept-language']);
      } catch {
        first = ''; // the live app reads the archive itself and shows what went wrong
      }
    }
    res.end(first ? `\n${first}${text.slice(at)}` : text.slice(at));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(req, res, toErrorInfo(error));
      else res.destroy();
    });
  });
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  // The first page's card (the static site's, with its sanitizer and words) loads while the archive opens, not before
  // the address is printed.
  const firstPage = import('../engine/service/cards.js');
  firstPage.catch(() => {});
  expectedHost = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const origin = `http://${expectedHost}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    add: (archive) => {
      const archives = service.archives();
      // the merged timeline, people and moves now include it
      if (!archives.some((a) => a.info.id === archive.info.id)) service.adopt([...archives, archive], library);
    },
    preview: (archives) => {
      if (!opening) return;
      service.adopt(archives, null);
      previewing = true;
      change();
    },
    ready: (opened, openedAs) => {
      library = openedAs ?? null;
      service.adopt(opened, library);
      failure = null;
      settle();
    },
    fail: (error) => {
      if (previewing) service.adopt([], null); // the preview read from the open that failed
      failure = { code: error.code, message: error.message, ...(error.file === undefined ? {} : { file: error.file }) };
      settle();
    },
    progress: (progress) => hub.publish(progress),
    close: async () => {
      settle(); // requests still waiting answer (with what is open) before their connections end
      hub.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
