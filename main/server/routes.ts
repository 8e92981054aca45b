// The JSON API of browser mode (Routes in contract.ts): query string → validated request → Archive → Result.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpenProgress, Result } from '../../preload/contract.js';
import { ALL_ARCHIVES, Routes, ok } from '../../preload/contract.js';
import type { Archive } from '../engine/archive.js';
import { toErrorInfo } from '../engine/errors.js';
import { relationshipCsv, type LibraryView } from '../engine/library/people-view.js';
import { exportRoute, sendExport, statsRoute, type RowWriter } from './insights.js';
import { sendDownload, sendError, sendJson, sendResult } from './respond.js';
import {
  bad, filterParam, validateArchiveRequest, validateCsvRequest, validateNoParams, validatePageQuery, validatePostRequest,
  validateSearchRequest,
} from './validate.js';

export interface ApiContext {
  archives: readonly Archive[];
  find(id: string): Archive | undefined;
  subscribe(res: ServerResponse): void;
  /** the open archives together: merged timeline, people, moves */
  view(): LibraryView;
  /** `outbox export`'s serializer for GET /api/export (the server never imports the CLI); absent: no export route */
  rowWriter?: RowWriter;
}

const NONE_OPEN = '(none open)';

/** The query string as one flat object; a repeated parameter is refused, `token` is the auth layer's. */
function queryObject(url: URL): Result<Record<string, string>> {
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of url.searchParams) {
    if (key === 'token') continue;
    if (key in out) return bad(`The parameter "${key.slice(0, 40)}" is given twice.`);
    out[key] = value;
  }
  return ok({ ...out });
}

const notOpen = (id: string): Result<never> => ({
  ok: false, code: 'not-open',
  message: id === NONE_OPEN ? 'No archive is open.' : `No archive with id "${id.slice(0, 80)}" is open.`,
});
const notFound = (id: string): Result<never> => ({ ok: false, code: 'not-found', message: `This archive has no post with id "${id.slice(0, 200)}".` });

/** Fills in the first open archive when the request names none (browser mode usually serves one). */
function withArchive(query: Record<string, string>, ctx: ApiContext): Record<string, unknown> {
  if (query.archive !== undefined) return query;
  // None open at all: a placeholder no archive has, so the answer is not-open rather than bad-request.
  return ctx.archives[0] ? { ...query, archive: ctx.archives[0].info.id } : { ...query, archive: NONE_OPEN };
}

function pick(ctx: ApiContext, id: string): Result<Archive> {
  const archive = ctx.find(id);
  return archive ? ok(archive) : notOpen(id);
}

type Handler = (query: Record<string, string>, ctx: ApiContext, req: IncomingMessage, res: ServerResponse) => Result<unknown> | 'sent';

const handlers: Record<string, Handler> = {
  [Routes.current]: (query, ctx) =>
    Object.keys(query).length > 0 ? bad('/api/current takes no parameters.') : ok(ctx.archives.map((a) => a.info)),

  [Routes.page]: (query, ctx) => {
    const filter = filterParam(query);
    if (!filter.ok) return filter;
    const request = validatePageQuery({ ...withArchive(query, ctx), filter: filter.value });
    if (!request.ok) return request;
    const { archive: id, ...page } = request.value;
    // every open archive as one timeline, each item naming its archive
    if (id === ALL_ARCHIVES) return ctx.archives.length > 0 ? ok(ctx.view().page(page)) : notOpen(NONE_OPEN);
    const archive = pick(ctx, id);
    if (!archive.ok) return archive;
    return ok(archive.value.page(page));
  },

  [Routes.post]: (query, ctx) => {
    const request = validatePostRequest(withArchive(query, ctx));
    if (!request.ok) return request;
    const archive = pick(ctx, request.value.archive);
    if (!archive.ok) return archive;
    const post = archive.value.post(request.value.id);
    return post ? ok(post) : notFound(request.value.id);
  },

  [Routes.thread]: (query, ctx) => {
    const request = validatePostRequest(withArchive(query, ctx));
    if (!request.ok) return request;
    const archive = pick(ctx, request.value.archive);
    if (!archive.ok) return archive;
    const thread = archive.value.thread(request.value.id);
    return thread ? ok(thread) : notFound(request.value.id);
  },

  // The one route that answers with the bare SearchResponse: it must equal `outbox search --json` byte for byte
  // (apart from tookMs). Failures are still Result-shaped errors.
  [Routes.search]: (query, ctx, req, res) => {
    const request = validateSearchRequest(withArchive(query, ctx));
    if (!request.ok) return request;
    if (request.value.archive === ALL_ARCHIVES) {
      if (ctx.archives.length === 0) return notOpen(NONE_OPEN);
      const search = ctx.view().search;
      if (!search) return bad('Searching every archive together needs them opened as one library (outbox serve with several paths).');
      sendJson(req, res, 200, search(request.value.q, request.value.limit));
      return 'sent';
    }
    const archive = pick(ctx, request.value.archive);
    if (!archive.ok) return archive;
    sendJson(req, res, 200, archive.value.search(request.value.q, request.value.limit));
    return 'sent';
  },

  [Routes.relationships]: (query, ctx) => {
    const request = validateNoParams(query, Routes.relationships);
    return request.ok ? ok(ctx.view().relationships()) : request;
  },

  [Routes.moves]: (query, ctx) => {
    const request = validateNoParams(query, Routes.moves);
    return request.ok ? ok(ctx.view().moves()) : request;
  },

  // Mastodon's import file, as a download; a bad kind is still a Result-shaped 400.
  [Routes.exportCsv]: (query, ctx, req, res) => {
    const request = validateCsvRequest(query);
    if (!request.ok) return request;
    const file = relationshipCsv(ctx.view().relationshipRows(), request.value.kind);
    sendDownload(req, res, file.fileName, 'text/csv; charset=utf-8', file.text);
    return 'sent';
  },

  [Routes.stats]: (query, ctx) => statsRoute(query, ctx),

  // The posts the viewer shows, as `outbox export` writes them: streamed as an attachment; refusals are Results.
  [Routes.export]: (query, ctx, req, res) => {
    if (!ctx.rowWriter) return { ok: false, code: 'internal', message: 'This server was started without the export writer: downloads are off.' };
    const download = exportRoute(query, ctx);
    if (!download.ok) return download;
    void sendExport(req, res, download.value, ctx.rowWriter);
    return 'sent';
  },

  [Routes.likes]: (query, ctx) => {
    const request = validateArchiveRequest(withArchive(query, ctx));
    if (!request.ok) return request;
    const archive = pick(ctx, request.value.archive);
    return archive.ok ? ok(archive.value.likes()) : archive;
  },

  [Routes.bookmarks]: (query, ctx) => {
    const request = validateArchiveRequest(withArchive(query, ctx));
    if (!request.ok) return request;
    const archive = pick(ctx, request.value.archive);
    return archive.ok ? ok(archive.value.bookmarks()) : archive;
  },

  [Routes.progress]: (query, ctx, req, res) => {
    if (Object.keys(query).length > 0) return bad('/api/progress takes no parameters.');
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end();
    } else ctx.subscribe(res);
    return 'sent';
  },
};

/** Answers an /api/ request; false when the path is no API route. */
export function handleApi(req: IncomingMessage, res: ServerResponse, rawPath: string, url: URL, ctx: ApiContext): boolean {
  const handler = Object.hasOwn(handlers, rawPath) ? handlers[rawPath] : undefined;
  if (!handler) return false;
  const query = queryObject(url);
  if (!query.ok) {
    sendResult(req, res, query);
    return true;
  }
  try {
    const result = handler(query.value, ctx, req, res);
    if (result !== 'sent') sendResult(req, res, result);
  } catch (error) {
    sendError(req, res, toErrorInfo(error));
  }
  return true;
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
