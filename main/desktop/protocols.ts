// The app's two privileged schemes: outbox-app:// serves the built renderer from an allow-list, outbox-media:// serves
// archive entries through the worker's entry map. Both answer with the CSP header; anything else is a 404.
import { protocol } from 'electron';
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { CSP, Schemes } from '../../preload/contract.js';
import type { ArchiveHost } from './archive-host.js';

/**
 * The contract's CSP plus the media scheme: outbox-media:// is its own origin, so 'self' alone would block every
 * image, video and avatar the viewer shows.
 */
export const DESKTOP_CSP = CSP
  .replace("img-src 'self'", `img-src 'self' ${Schemes.media}:`)
  .replace("media-src 'self'", `media-src 'self' ${Schemes.media}:`);

/** Must run before app `ready`: the schemes get standard-URL parsing, a secure origin, fetch and streaming. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: Schemes.app, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: Schemes.media, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

const headers = (type: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'Content-Type': type,
  'Content-Security-Policy': DESKTOP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  ...extra,
});

export const notFound = (): Response =>
  new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });

/** Every file under dir, keyed by its url path ("/index.html"): the only files outbox-app:// will ever serve. */
export function appFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set('/' + relative(dir, full).split(sep).join('/'), full);
    }
  };
  walk(dir);
  return files;
}

/** The outbox-app:// handler over an allow-list made by appFiles(). */
export function appHandler(files: ReadonlyMap<string, string>): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app' || (request.method !== 'GET' && request.method !== 'HEAD')) return notFound();
    const file = files.get(url.pathname === '/' ? '/index.html' : url.pathname);
    if (file === undefined) return notFound();
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: headers(TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'),
    });
  };
}

/**
 * The outbox-media://<archive>/<entry> handler: the engine checks the entry name, applies the Range rule and picks
 * the type; this only turns its answer into a Response. Bytes come from the worker, never from a path on disk.
 */
export function mediaHandler(host: Pick<ArchiveHost, 'media'>): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const url = new URL(request.url);
    if (url.host === '') return notFound();
    const media = await host.media(url.host, url.pathname.slice(1), request.headers.get('range'));
    if (!media.ok) return notFound();
    const { body, size, range, contentType, inline, status, length } = media.value;
    const common: Record<string, string> = {
      'Accept-Ranges': 'bytes',
      // The app page (outbox-app://app) is another origin than outbox-media://<archive>.
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    if (!inline) common['Content-Disposition'] = 'attachment';
    if (status === 416 || request.method === 'HEAD') void body.cancel();
    if (status === 416) {
      return new Response(null, { status, headers: headers('text/plain; charset=utf-8', { ...common, 'Content-Range': `bytes */${size}` }) });
    }
    const extra: Record<string, string> = { ...common, 'Content-Length': String(length) };
    if (range) extra['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
    return new Response(request.method === 'HEAD' ? null : body, { status, headers: headers(contentType, extra) });
  };
}

/** Installs both handlers on the default session's protocol (after `ready`). */
export function handleSchemes(rendererDir: string, host: Pick<ArchiveHost, 'media'>): void {
  protocol.handle(Schemes.app, appHandler(appFiles(rendererDir)));
  protocol.handle(Schemes.media, mediaHandler(host));
}
