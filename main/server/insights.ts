// The Stats view's and Export menu's routes (GET /api/stats, GET /api/export): query → validated request → the
// filtered posts of one archive or of all. Pure over the open archives (the desktop IPC can call the same functions)
// apart from sendExport, which streams the file.
import { drainedOrClosed } from './drain.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Post, PostFilter, Result, Stats, StatsRequest } from '../../preload/contract.js';
import { ALL_ARCHIVES, ok } from '../../preload/contract.js';
import type { Archive } from '../engine/archive.js';
import { hiddenCopies, mergedPosts } from '../engine/library/merge.js';
import { computeStats } from '../engine/stats/stats.js';
import { acctOfInfo } from '../engine/library/people-view.js';
import { bad, filterParam, validateArchiveId, validatePostFilter } from './validate.js';

/** What the insight routes need of the server (routes.ts's ApiContext has it). */
export interface InsightsContext {
  archives: readonly Archive[];
  find(id: string): Archive | undefined;
}

const ZONE = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;
const STATS_KEYS = ['archive', 'filter', 'tz', 'utc'];

/** An IANA zone name Intl knows ("UTC", "Europe/Berlin"), else a bad-request naming it. */
export function validateTimeZone(value: unknown): Result<string> {
  if (typeof value !== 'string' || !ZONE.test(value)) return bad('tz must be an IANA time zone such as Europe/Berlin or UTC.');
  try {
    return ok(new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone);
  } catch {
    return bad(`"${value}" is not a time zone Outbox knows. Use an IANA name such as Europe/Berlin or America/New_York, or UTC.`);
  }
}

/** A StatsRequest as IPC sends it (an object), checked field by field. */
export function validateStatsRequest(value: unknown): Result<StatsRequest> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('The stats request must be an object.');
  const v = value as Record<string, unknown>;
  const extra = Object.keys(v).find((k) => !['archive', 'filter', 'timeZone', 'utc'].includes(k));
  if (extra !== undefined) return bad(`The stats request has an unknown field "${extra.slice(0, 40)}".`);
  const archive = validateArchiveId(v.archive);
  if (!archive.ok) return archive;
  const filter = validatePostFilter(v.filter ?? {});
  if (!filter.ok) return filter;
  const utc = v.utc ?? false;
  if (typeof utc !== 'boolean') return bad('utc must be true or false.');
  const timeZone = utc ? ok('UTC') : validateTimeZone(v.timeZone ?? 'UTC');
  if (!timeZone.ok) return timeZone;
  return ok({ archive: archive.value, filter: filter.value, timeZone: timeZone.value, utc });
}

/** The HTTP query (`archive`, `filter` as JSON, `tz`, `utc=1|0`) turned into a StatsRequest. */
export function statsRequestFromQuery(query: Record<string, string>, defaultArchive: string | undefined): Result<StatsRequest> {
  const extra = Object.keys(query).find((k) => !STATS_KEYS.includes(k));
  if (extra !== undefined) return bad(`/api/stats has no parameter "${extra.slice(0, 40)}" (it takes ${STATS_KEYS.join(', ')}).`);
  const filter = filterParam(query);
  if (!filter.ok) return filter;
  const utc = query.utc ?? '0';
  if (!['0', '1', 'true', 'false'].includes(utc)) return bad('utc must be 1 or 0.');
  const archive = query.archive ?? defaultArchive;
  if (archive === undefined) return { ok: false, code: 'not-open', message: 'No archive is open.' };
  return validateStatsRequest({ archive, filter: filter.value, timeZone: query.tz ?? 'UTC', utc: utc === '1' || utc === 'true' });
}

// Which copies a merged timeline hides costs a read of every post id: once per set of open archives.
const hiddenByArchives = new WeakMap<readonly Archive[], Array<Set<string>>>();

/**
 * The posts of one archive, or of every open archive (ALL_ARCHIVES) with a post that two exports hold counted
 * once: the copy of the export whose newest post is later, as the merged timeline shows it.
 */
export function filteredPosts(ctx: InsightsContext, archive: string, filter: PostFilter): Result<Iterable<Post>> {
  const items = filteredItems(ctx, archive, filter);
  if (!items.ok) return items;
  return ok({ *[Symbol.iterator]() { for (const item of items.value) yield item.post; } });
}

/** filteredPosts with the archive (ArchiveInfo.id) each post comes from, oldest first. */
export function filteredItems(ctx: InsightsContext, archive: string, filter: PostFilter): Result<Iterable<{ post: Post; archive: string }>> {
  const own = (a: Archive) => ({ *[Symbol.iterator]() { for (const post of a.posts(filter)) yield { post, archive: a.info.id }; } });
  if (archive !== ALL_ARCHIVES) {
    const one = ctx.find(archive);
    return one ? ok(own(one)) : { ok: false, code: 'not-open', message: `No archive with id "${archive.slice(0, 80)}" is open.` };
  }
  const archives = ctx.archives;
  if (archives.length === 0) return { ok: false, code: 'not-open', message: 'No archive is open.' };
  if (archives.length === 1) return ok(own(archives[0]!));
  let hidden = hiddenByArchives.get(archives);
  if (!hidden) {
    const last = (a: Archive) => Date.parse(a.summary().dates.last ?? '') || -Infinity;
    const order = archives.map((a, i) => ({ i, t: last(a) })).sort((x, y) => y.t - x.t || x.i - y.i).map((x) => x.i);
    hidden = hiddenCopies(archives, order);
    hiddenByArchives.set(archives, hidden);
  }
  const merged = hidden;
  return ok({ [Symbol.iterator]: () => mergedPosts(archives, merged, filter) });
}

/** Stats for a validated request (HTTP and IPC alike). */
export function statsFor(ctx: InsightsContext, request: StatsRequest): Result<Stats> {
  const posts = filteredPosts(ctx, request.archive, request.filter);
  if (!posts.ok) return posts;
  return ok(computeStats(posts.value, { timeZone: request.timeZone, utc: request.utc }));
}

/** GET /api/stats: the handler routes.ts registers under Routes.stats. */
export function statsRoute(query: Record<string, string>, ctx: InsightsContext): Result<Stats> {
  const request = statsRequestFromQuery(query, ctx.archives[0]?.info.id);
  return request.ok ? statsFor(ctx, request.value) : request;
}

// ---------------------------------------------------------------------------------------------------------------
// GET /api/export?archive=&format=jsonl|csv&filter=<JSON>: the posts the viewer shows, as `outbox export` writes them.
// ---------------------------------------------------------------------------------------------------------------

export type RowFormat = 'jsonl' | 'csv';

/**
 * How a post becomes a line: `outbox export`'s serializer (exportRow + csvHeader/csvRow, in main/cli today), passed
 * in so the server does not import the CLI.
 */
export interface RowWriter {
  header(format: RowFormat): string;
  line(format: RowFormat, post: Post, account: string): string;
}

export interface ExportDownload {
  format: RowFormat;
  fileName: string;
  contentType: string;
  /** posts oldest first, each with the account ("@user@server") whose export holds it */
  rows: Iterable<{ post: Post; account: string }>;
}

const EXPORT_KEYS = ['archive', 'format', 'filter'];
const CONTENT_TYPES: Record<RowFormat, string> = { jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' };

/** Validates the query and picks the posts; nothing is read until the rows are iterated. */
export function exportRoute(query: Record<string, string>, ctx: InsightsContext): Result<ExportDownload> {
  const extra = Object.keys(query).find((k) => !EXPORT_KEYS.includes(k));
  if (extra !== undefined) return bad(`/api/export has no parameter "${extra.slice(0, 40)}" (it takes ${EXPORT_KEYS.join(', ')}).`);
  const format = query.format;
  if (format !== 'jsonl' && format !== 'csv') {
    return bad('format must be jsonl or csv. Markdown and HTML sites are folders: run `outbox export ARCHIVE --format html --out FOLDER`.');
  }
  const raw = filterParam(query);
  if (!raw.ok) return raw;
  const filter = validatePostFilter(raw.value);
  if (!filter.ok) return filter;
  const id = query.archive ?? ctx.archives[0]?.info.id;
  if (id === undefined) return { ok: false, code: 'not-open', message: 'No archive is open.' };
  const checked = validateArchiveId(id);
  if (!checked.ok) return checked;
  const items = filteredItems(ctx, checked.value, filter.value);
  if (!items.ok) return items;
  const accounts = new Map(ctx.archives.map((a) => [a.info.id, acctOfInfo(a.info) ?? a.info.name]));
  const base = id === ALL_ARCHIVES ? 'outbox-posts' : (ctx.find(id)?.info.name ?? 'outbox').replace(/\.(zip|tar\.gz|tgz)$/i, '');
  const source = items.value;
  return ok({
    format,
    fileName: `${base.replace(/[^A-Za-z0-9._-]+/g, '_')}.${format}`,
    contentType: CONTENT_TYPES[format],
    rows: { *[Symbol.iterator]() { for (const { post, archive } of source) yield { post, account: accounts.get(archive) ?? archive }; } },
  });
}

const CHUNK = 64 * 1024;

/**
 * Streams the download: an attachment, never cached, written in chunks that wait for the socket to drain, stopped
 * when the reader goes away. A failure after the headers went out can only cut the file short (the reader sees
 * an incomplete download, never a silently shorter file that looks whole).
 */
export async function sendExport(req: IncomingMessage, res: ServerResponse, download: ExportDownload, writer: RowWriter): Promise<number> {
  res.writeHead(200, {
    'Content-Type': download.contentType,
    'Content-Disposition': `attachment; filename="${download.fileName}"`,
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return 0;
  }
  let closed = false;
  res.on('close', () => (closed = true));
  let count = 0;
  let buffer = '';
  try {
    buffer = writer.header(download.format);
    for (const { post, account } of download.rows) {
      if (closed) return count;
      buffer += writer.line(download.format, post, account);
      count++;
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
  return count;
}
