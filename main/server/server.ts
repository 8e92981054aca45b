// Browser mode's HTTP server: the contract over loopback HTTP, guarded by Host and token, plus the renderer.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import type { OpenProgress } from '../../preload/contract.js';
import type { Archive } from '../engine/archive.js';
import { toErrorInfo } from '../engine/errors.js';
import type { Library } from '../engine/library/library.js';
import { authenticate, createToken, hostAllowed, tokenCookie } from './auth.js';
import { serveMedia } from './media.js';
import { libraryView, type LibraryView } from './people.js';
import { applySecurityHeaders, sendError, sendText } from './respond.js';
import { handleApi, ProgressHub, type ApiContext } from './routes.js';
import { listRenderer } from './static.js';

export interface ServerOptions {
  /** The archives to serve; the first is the one the viewer shows and the default of every route. */
  archives: Archive[];
  /**
   * The archives and CSVs opened together (openLibrary): relationships, de-duplication and notes come from it
   * while the served archives are exactly its archives. Without it (or after add()), the merged timeline, people
   * and moves are built from the archives alone. The caller closes it.
   */
  library?: Library;
  /** 0 or absent: a free port the system picks. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default) or ::1. */
  host?: string;
  /** The built renderer (dist/renderer): listed once at start. */
  rendererDir: string;
  /** The secret; a fresh random 32-byte hex token when absent. */
  token?: string;
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
  /** Forward open progress to /api/progress subscribers. */
  progress(progress: OpenProgress): void;
  /** Stops listening, ends every connection (SSE included). Does not close the archives: they are the caller's. */
  close(): Promise<void>;
}

function loopback(host: string): boolean {
  return host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!loopback(host)) throw new Error(`Browser mode only listens on a loopback address, not ${host}.`);
  const token = options.token ?? createToken();
  const archives = [...options.archives];
  const files = listRenderer(options.rendererDir);
  const hub = new ProgressHub();
  let view: LibraryView | null = null;
  const ctx: ApiContext = {
    archives,
    find: (id) => archives.find((a) => a.info.id === id),
    subscribe: (res) => hub.subscribe(res),
    view: () => (view ??= libraryView(archives, options.library ?? null)),
  };
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
    const auth = authenticate(req, url, token);
    if (!auth) return sendText(req, res, 401, 'Unauthorized: open the address `outbox serve` printed (it carries the token).');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(req, res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });

    if (rawPath.startsWith('/api/')) {
      if (!handleApi(req, res, rawPath, url, ctx)) sendError(req, res, { code: 'not-found', message: `No such API route: ${rawPath.slice(0, 80)}` });
      return;
    }
    if (rawPath.startsWith('/media/')) return serveMedia(req, res, rawPath, ctx.find);
    const file = files.get(rawPath);
    if (!file) {
      const hint = files.size === 0 ? ' The renderer is not built: run `npm run build`.' : '';
      return sendText(req, res, 404, `Not found.${hint}`);
    }
    const headers: Record<string, string | number> = { 'Content-Type': file.type, 'Content-Length': file.body.length, 'Cache-Control': 'no-cache' };
    // The page's own later requests (app.js, /api, /media) then carry the token without it being in their URLs.
    if (auth === 'query' && file.type.startsWith('text/html')) headers['Set-Cookie'] = tokenCookie(token);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
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
  expectedHost = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const origin = `http://${expectedHost}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    add: (archive) => {
      if (!archives.some((a) => a.info.id === archive.info.id)) {
        archives.push(archive);
        view = null; // the merged timeline, people and moves now include it
      }
    },
    progress: (progress) => hub.publish(progress),
    close: async () => {
      hub.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
