// The Stats view's route (GET /api/stats): query string → validated request → computeStats over the filtered posts.
// Pure over the open archives, like routes.ts's handlers, so the desktop IPC handler can call the same function.
import type { Post, PostFilter, Result, Stats, StatsRequest } from '../../preload/contract.js';
import { ALL_ARCHIVES, ok } from '../../preload/contract.js';
import type { Archive } from '../engine/archive.js';
import { hiddenCopies, mergedPosts } from '../engine/library/merge.js';
import { computeStats } from '../engine/stats/stats.js';
import { bad, validateArchiveId, validatePostFilter } from './validate.js';

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
  let filter: unknown = {};
  if (query.filter !== undefined) {
    try {
      filter = JSON.parse(query.filter);
    } catch {
      return bad('filter must be a JSON object (URI-encoded).');
    }
  }
  const utc = query.utc ?? '0';
  if (!['0', '1', 'true', 'false'].includes(utc)) return bad('utc must be 1 or 0.');
  const archive = query.archive ?? defaultArchive;
  if (archive === undefined) return { ok: false, code: 'not-open', message: 'No archive is open.' };
  return validateStatsRequest({ archive, filter, timeZone: query.tz ?? 'UTC', utc: utc === '1' || utc === 'true' });
}

// Which copies a merged timeline hides costs a read of every post id: once per set of open archives.
const hiddenByArchives = new WeakMap<readonly Archive[], Array<Set<string>>>();

/**
 * The posts of one archive, or of every open archive (ALL_ARCHIVES) with a post that two exports hold counted
 * once: the copy of the export whose newest post is later, as the merged timeline shows it.
 */
export function filteredPosts(ctx: InsightsContext, archive: string, filter: PostFilter): Result<Iterable<Post>> {
  if (archive !== ALL_ARCHIVES) {
    const one = ctx.find(archive);
    return one ? ok(one.posts(filter)) : { ok: false, code: 'not-open', message: `No archive with id "${archive.slice(0, 80)}" is open.` };
  }
  const archives = ctx.archives;
  if (archives.length === 0) return { ok: false, code: 'not-open', message: 'No archive is open.' };
  if (archives.length === 1) return ok(archives[0]!.posts(filter));
  let hidden = hiddenByArchives.get(archives);
  if (!hidden) {
    const last = (a: Archive) => Date.parse(a.summary().dates.last ?? '') || -Infinity;
    const order = archives.map((a, i) => ({ i, t: last(a) })).sort((x, y) => y.t - x.t || x.i - y.i).map((x) => x.i);
    hidden = hiddenCopies(archives, order);
    hiddenByArchives.set(archives, hidden);
  }
  const merged = hidden;
  return ok({ *[Symbol.iterator]() { for (const item of mergedPosts(archives, merged, filter)) yield item.post; } });
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
