// The JSON API of browser mode: an adapter only. A route's query string becomes the request of the contract entry
// it names (REQUESTS), the service answers, and the Result goes back as JSON (two routes answer with a file).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpenProgress, RequestName, Result } from '../../preload/contract.js';
import { REQUESTS, REQUEST_NAMES, Routes, ok } from '../../preload/contract.js';
import { bad, filterParam, toErrorInfo, type Service } from '../engine/service/index.js';
import { drainedOrClosed } from './drain.js';
import { sendDownload, sendError, sendJson, sendResult } from './respond.js';

export interface ApiContext {
  service: Service;
  subscribe(res: ServerResponse): void;
}

/** The query string as one flat object; a repeated parameter is refused, `token` is the auth layer's. */
function queryObject(url: URL): Result<Record<string, string>> {
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of url.searchParams) {
    // The credentials are the auth layer's (EventSource and media carry a signature of their path, `sig`);
    // `preview` is the server's (see answersNow).
    if (key === 'token' || key === 'sig' || key === PREVIEW_PARAM) continue;
    if (key in out) return bad(`The parameter "${key.slice(0, 40)}" is given twice.`);
    out[key] = value;
  }
  return ok({ ...out });
}

const STATS_KEYS = ['archive', 'filter', 'tz', 'utc'];

/**
 * query → request, where HTTP spells a request differently from the contract: `filter` is URI-encoded JSON, the
 * stats zone is `tz` and `utc` is 1/0. Every other parameter is the request's field of that name, as a string
 * (the service's checks take digit strings for numbers).
 */
const FROM_QUERY: Partial<Record<RequestName | 'export', (query: Record<string, string>) => Result<unknown>>> = {
  page: withFilter,
  export: withFilter,
  stats(query) {
    const extra = Object.keys(query).find((k) => !STATS_KEYS.includes(k));
    if (extra !== undefined) return bad(`/api/stats has no parameter "${extra.slice(0, 40)}" (it takes ${STATS_KEYS.join(', ')}).`);
    const filter = filterParam(query);
    if (!filter.ok) return filter;
    const utc = query.utc ?? '0';
    if (!['0', '1', 'true', 'false'].includes(utc)) return bad('utc must be 1 or 0.');
    const request: Record<string, unknown> = { filter: filter.value, timeZone: query.tz ?? 'UTC', utc: utc === '1' || utc === 'true' };
    if (query.archive !== undefined) request.archive = query.archive;
    return ok(request);
  },
};

function withFilter(query: Record<string, string>): Result<unknown> {
  const filter = filterParam(query);
  return filter.ok ? ok({ ...query, filter: filter.value }) : filter;
}

type Handler = (query: Record<string, string>, ctx: ApiContext, req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** One handler per routed request of the contract: ask the service, send its Result. */
function requestHandler(name: RequestName): Handler {
  return async (query, ctx, req, res) => {
    const request = FROM_QUERY[name]?.(query) ?? ok(query);
    if (!request.ok) return sendResult(req, res, request);
    const result = await ctx.service.request(name, request.value);
    if (!result.ok) return sendResult(req, res, result);
    // The search route answers with the bare SearchResponse: it equals `outbox search --json` (apart from tookMs).
    if (name === 'search') return sendJson(req, res, 200, result.value);
    // Mastodon's import file, as a download.
    if (name === 'exportCsv') {
      const file = result.value as { fileName: string; text: string };
      return sendDownload(req, res, file.fileName, 'text/csv; charset=utf-8', file.text);
    }
    sendResult(req, res, result);
  };
}

const handlers: Record<string, Handler> = {};
for (const name of REQUEST_NAMES) {
  const route = REQUESTS[name].route;
  if (route !== null) handlers[route] = requestHandler(name);
}

// The posts the viewer shows, as `outbox export` writes them: streamed as an attachment; refusals are Results.
handlers[Routes.export] = async (query, ctx, req, res) => {
  const request = FROM_QUERY.export!(query);
  if (!request.ok) return sendResult(req, res, request);
  const download = await ctx.service.exportRows(request.value);
  if (!download.ok) return sendResult(req, res, download);
  await sendExport(req, res, download.value);
};

handlers[Routes.progress] = async (query, ctx, req, res) => {
  if (Object.keys(query).length > 0) return sendResult(req, res, bad('/api/progress takes no parameters.'));
  if (req.method === 'HEAD') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end();
  } else ctx.subscribe(res);
};

const ROUTED = new Map<string, RequestName>();
for (const name of REQUEST_NAMES) {
  const route = REQUESTS[name].route;
  if (route !== null) ROUTED.set(route, name);
}

/**
 * `preview=1` on /api/current and /api/page: the client (the viewer) can show an archive still being read
 * (ArchiveInfo.indexing, Page.partial), so these answer from a preview. Without it they wait for the whole open, as
 * they always did: a script that reads /api/current right after the address is printed still gets the real counts.
 */
export const PREVIEW_PARAM = 'preview';

/**
 * Whether the service answers this API request now (Service.answersNow), or it must wait for the open `outbox serve`
 * runs behind its address. Only requests that ask for a preview (PREVIEW_PARAM) may be answered from one.
 */
export function answersNow(rawPath: string, url: URL, service: Service): boolean {
  const name = ROUTED.get(rawPath);
  if (name === undefined || url.searchParams.get(PREVIEW_PARAM) !== '1') return false;
  const query = queryObject(url);
  if (!query.ok) return true;
  const request = FROM_QUERY[name]?.(query.value) ?? query;
  return !request.ok || service.answersNow(name, request.value);
}

/** Answers an /api/ request; false when the path is no API route. */
export function handleApi(req: IncomingMessage, res: ServerResponse, rawPath: string, url: URL, ctx: ApiContext): boolean {
  const handler = Object.hasOwn(handlers, rawPath) ? handlers[rawPath] : undefined;
  if (!handler) return false;
  const query = queryObject(url);
  if (!query.ok) {
    sendResult(req, res, query);
    return true;
  }
  handler(query.value, ctx, req, res).catch((error: unknown) => {
    if (!res.headersSent) sendError(req, res, toErrorInfo(error));
    else res.destroy();
  });
  return true;
}

const CHUNK = 64 * 1024;

/**
 * Streams a download: an attachment, never cached, written in chunks that wait for the socket to drain, stopped
 * when the reader goes away. A failure after the headers went out can only cut the file short (the reader sees
 * an incomplete download, never a silently shorter file that looks whole).
 */
export async function sendExport(
  req: IncomingMessage, res: ServerResponse, download: { fileName: string; contentType: string; chunks: Iterable<string> },
): Promise<void> {
  res.writeHead(200, {
    'Content-Type': download.contentType,
    'Content-Disposition': `attachment; filename="${download.fileName}"`,
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  let closed = false;
  res.on('close', () => (closed = true));
  let buffer = '';
  try {
    for (const chunk of download.chunks) {
      if (closed) return;
      buffer += chunk;
      if (buffer.length >= CHUNK) {
        const more = res.write(buffer);
        buffer = '';
        if (!more) await drainedOrClosed(res);
      }
    }
    res.end(buffer);
  } catch {
    res.destroy();
  }
}

/**
 * Server-sent events of OpenProgress for every subscriber, until it leaves or the server closes. A subscriber who
 * arrives while an open runs first gets its latest event: the viewer connects after the open began.
 */
export class ProgressHub {
  private readonly listeners = new Set<ServerResponse>();
  private latest: string | null = null;

  subscribe(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': outbox progress\n\n');
    if (this.latest !== null) res.write(this.latest);
    this.listeners.add(res);
    res.on('close', () => this.listeners.delete(res));
  }

  publish(progress: OpenProgress): void {
    const event = `data: ${JSON.stringify(progress)}\n\n`;
    this.latest = progress.phase === 'done' ? null : event;
    for (const res of this.listeners) res.write(event);
  }

  close(): void {
    for (const res of this.listeners) res.end();
    this.listeners.clear();
  }
}
