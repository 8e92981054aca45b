// Shape checks for every request of the contract, whichever edge it came through (HTTP query, IPC argument, worker
// message, CLI flag): unknown → Result. The service runs them once, before anything else.
import { isAbsolute } from 'node:path';
import type {
  PageQuery, PostFilter, RelationshipKind, Result, SortOrder, StatsRequest, Visibility,
} from '../../../preload/contract.js';
import { PAGE_LIMIT_MAX, RELATIONSHIP_KINDS, ok } from '../../../preload/contract.js';

/** How many results `outbox search` and `GET /api/search` return when the caller does not say. */
export const DEFAULT_SEARCH_LIMIT = 20;
/** Most results one search answers with (CLI and HTTP alike, so both give the same JSON for the same ask). */
export const SEARCH_LIMIT_MAX = 10_000;

const MAX_ID = 4096;
const MAX_QUERY = 2000;

const VISIBILITIES: readonly Visibility[] = ['public', 'unlisted', 'private', 'direct'];
const KINDS = ['post', 'reply', 'boost'] as const;
const ORDERS: readonly SortOrder[] = ['newest', 'oldest', 'relevance', 'likes', 'boosts'];
const DAY = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const LANGUAGE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

export type Failure = { ok: false; code: 'bad-request'; message: string };

export const bad = (message: string): Failure => ({ ok: false, code: 'bad-request', message });

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/** A string of 1..max characters with no control characters (ids, URIs, names). */
function text(value: unknown, name: string, max: number, allowEmpty = false): Result<string> {
  if (typeof value !== 'string') return bad(`${name} must be a string.`);
  if (!allowEmpty && value.length === 0) return bad(`${name} must not be empty.`);
  if (value.length > max) return bad(`${name} is longer than ${max} characters.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return bad(`${name} contains control characters.`);
  return ok(value);
}

function members<T extends string>(value: unknown, name: string, allowed: readonly T[]): Result<T[]> {
  if (!Array.isArray(value)) return bad(`${name} must be an array.`);
  if (value.length > allowed.length) return bad(`${name} has too many entries.`);
  for (const v of value) {
    if (!allowed.includes(v as T)) return bad(`${name} may only hold ${allowed.join(', ')}.`);
  }
  return ok([...new Set(value as T[])]);
}

/** Checks a PostFilter field by field; unknown fields and wrong types are refused, never ignored. */
export function validatePostFilter(value: unknown): Result<PostFilter> {
  if (!isRecord(value)) return bad('filter must be a JSON object.');
  const filter: PostFilter = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    switch (key) {
      case 'q': case 'hashtag': case 'mention': {
        const r = text(v, `filter.${key}`, key === 'q' ? MAX_QUERY : 1000, key === 'q');
        if (!r.ok) return r;
        filter[key] = r.value;
        break;
      }
      case 'language': {
        if (typeof v !== 'string' || !LANGUAGE.test(v)) return bad('filter.language must be a language code such as "en" or "pt-BR".');
        filter.language = v;
        break;
      }
      case 'kinds': {
        const r = members(v, 'filter.kinds', KINDS);
        if (!r.ok) return r;
        filter.kinds = r.value;
        break;
      }
      case 'visibility': {
        const r = members(v, 'filter.visibility', VISIBILITIES);
        if (!r.ok) return r;
        filter.visibility = r.value;
        break;
      }
      case 'hasMedia': case 'hasPoll': case 'hasCw': case 'edited': case 'noAlt':
        if (typeof v !== 'boolean') return bad(`filter.${key} must be true or false.`);
        filter[key] = v;
        break;
      case 'from': case 'to':
        if (typeof v !== 'string' || !DAY.test(v)) return bad(`filter.${key} must be a date: YYYY, YYYY-MM or YYYY-MM-DD.`);
        filter[key] = v;
        break;
      case 'minLikes': case 'minBoosts': {
        const r = validateInteger(v, `filter.${key}`, 0, 1_000_000_000);
        if (!r.ok) return r;
        filter[key] = r.value;
        break;
      }
      default:
        return bad(`filter has an unknown field "${key.slice(0, 40)}".`);
    }
  }
  return ok(filter);
}

/** An integer in [min, max]; accepts numbers, and strings of digits (query parameters, CLI flags). */
export function validateInteger(value: unknown, name: string, min: number, max: number): Result<number> {
  const n = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) return bad(`${name} must be a whole number.`);
  if (n < min || n > max) return bad(`${name} must be between ${min} and ${max}.`);
  return ok(n);
}

export const validateArchiveId = (value: unknown): Result<string> => text(value, 'archive', 256);
export const validatePostId = (value: unknown): Result<string> => text(value, 'id', MAX_ID);
export const validateSearchLimit = (value: unknown): Result<number> => validateInteger(value, 'limit', 0, SEARCH_LIMIT_MAX);

export function onlyKeys(value: Record<string, unknown>, allowed: readonly string[], what: string): Failure | null {
  const extra = Object.keys(value).find((k) => !allowed.includes(k));
  return extra === undefined ? null : bad(`${what} has an unknown field "${extra.slice(0, 40)}".`);
}

/** A PageQuery as the API takes it (IPC object, or the HTTP query turned into one by the server). */
export function validatePageQuery(value: unknown): Result<PageQuery> {
  if (!isRecord(value)) return bad('The page request must be an object.');
  const extra = onlyKeys(value, ['archive', 'filter', 'order', 'offset', 'limit'], 'The page request');
  if (extra) return extra;
  const archive = validateArchiveId(value.archive);
  if (!archive.ok) return archive;
  const filter = validatePostFilter(value.filter ?? {});
  if (!filter.ok) return filter;
  const order = value.order ?? 'newest';
  if (!ORDERS.includes(order as SortOrder)) return bad(`order must be one of ${ORDERS.join(', ')}.`);
  const offset = validateInteger(value.offset ?? 0, 'offset', 0, Number.MAX_SAFE_INTEGER);
  if (!offset.ok) return offset;
  const limit = validateInteger(value.limit ?? 50, 'limit', 1, PAGE_LIMIT_MAX);
  if (!limit.ok) return limit;
  return ok({ archive: archive.value, filter: filter.value, order: order as SortOrder, offset: offset.value, limit: limit.value });
}

/** { archive, id } for post() and thread(). */
export function validatePostRequest(value: unknown): Result<{ archive: string; id: string }> {
  if (!isRecord(value)) return bad('The request must be an object.');
  const extra = onlyKeys(value, ['archive', 'id'], 'The request');
  if (extra) return extra;
  const archive = validateArchiveId(value.archive);
  if (!archive.ok) return archive;
  const id = validatePostId(value.id);
  if (!id.ok) return id;
  return ok({ archive: archive.value, id: id.value });
}

/** { archive, q, limit } for search(); limit defaults to DEFAULT_SEARCH_LIMIT. */
export function validateSearchRequest(value: unknown): Result<{ archive: string; q: string; limit: number }> {
  if (!isRecord(value)) return bad('The search request must be an object.');
  const extra = onlyKeys(value, ['archive', 'q', 'limit'], 'The search request');
  if (extra) return extra;
  const archive = validateArchiveId(value.archive);
  if (!archive.ok) return archive;
  const q = text(value.q, 'q', MAX_QUERY, true);
  if (!q.ok) return q;
  const limit = validateSearchLimit(value.limit ?? DEFAULT_SEARCH_LIMIT);
  if (!limit.ok) return limit;
  return ok({ archive: archive.value, q: q.value, limit: limit.value });
}

/** { archive } for likes() and bookmarks(). */
export function validateArchiveRequest(value: unknown): Result<{ archive: string }> {
  if (!isRecord(value)) return bad('The request must be an object.');
  const extra = onlyKeys(value, ['archive'], 'The request');
  if (extra) return extra;
  const archive = validateArchiveId(value.archive);
  return archive.ok ? ok({ archive: archive.value }) : archive;
}

/** No parameters at all (relationships(), moves()): anything given is a mistake the caller should hear about. */
export function validateNoParams(value: unknown, what: string): Result<Record<string, never>> {
  if (value !== undefined && !isRecord(value)) return bad(`${what} takes no parameters.`);
  const extra = value === undefined ? undefined : Object.keys(value)[0];
  return extra === undefined ? ok({}) : bad(`${what} takes no parameters (got "${extra.slice(0, 40)}").`);
}

/** { kind } for exportCsv(): one of the relationship kinds. */
export function validateCsvRequest(value: unknown): Result<{ kind: RelationshipKind }> {
  if (!isRecord(value)) return bad('The request must be an object.');
  const extra = onlyKeys(value, ['kind'], 'The export request');
  if (extra) return extra;
  if (value.kind === undefined) return bad(`kind is missing: one of ${RELATIONSHIP_KINDS.join(', ')}.`);
  if (typeof value.kind !== 'string' || !(RELATIONSHIP_KINDS as readonly string[]).includes(value.kind)) {
    return bad(`kind must be one of ${RELATIONSHIP_KINDS.join(', ')}.`);
  }
  return ok({ kind: value.kind as RelationshipKind });
}

/** The `filter` query parameter (URI-encoded JSON) as a value for validatePostFilter; absent means no filter. */
export function filterParam(query: Record<string, string>): Result<unknown> {
  if (query.filter === undefined) return ok({});
  try {
    return ok(JSON.parse(query.filter) as unknown);
  } catch {
    return bad('filter must be a JSON object (URI-encoded).');
  }
}

const ZONE = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/** An IANA zone name Intl knows ("UTC", "Europe/Berlin"), else a bad-request naming it. */
export function validateTimeZone(value: unknown): Result<string> {
  if (typeof value !== 'string' || !ZONE.test(value)) return bad('tz must be an IANA time zone such as Europe/Berlin or UTC.');
  try {
    return ok(new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone);
  } catch {
    return bad(`"${value}" is not a time zone Outbox knows. Use an IANA name such as Europe/Berlin or America/New_York, or UTC.`);
  }
}

/** A StatsRequest, checked field by field; utc true means the zone is UTC whatever timeZone says. */
export function validateStatsRequest(value: unknown): Result<StatsRequest> {
  if (!isRecord(value)) return bad('The stats request must be an object.');
  const extra = onlyKeys(value, ['archive', 'filter', 'timeZone', 'utc'], 'The stats request');
  if (extra) return extra;
  const archive = validateArchiveId(value.archive);
  if (!archive.ok) return archive;
  const filter = validatePostFilter(value.filter ?? {});
  if (!filter.ok) return filter;
  const utc = value.utc ?? false;
  if (typeof utc !== 'boolean') return bad('utc must be true or false.');
  const timeZone = utc ? ok('UTC') : validateTimeZone(value.timeZone ?? 'UTC');
  if (!timeZone.ok) return timeZone;
  return ok({ archive: archive.value, filter: filter.value, timeZone: timeZone.value, utc });
}

const MAX_PATH = 4096;

/** { path?: absolute path } or { demo: true }: what `open` takes. An omitted path means the demo. */
export function validateOpenRequest(value: unknown): Result<{ path?: string; demo?: boolean }> {
  if (!isRecord(value)) return bad('The open request must be an object.');
  const extra = onlyKeys(value, ['path', 'demo'], 'The open request');
  if (extra) return extra;
  if (value.demo !== undefined && typeof value.demo !== 'boolean') return bad('demo must be true or false.');
  if (value.path === undefined) return ok({ demo: true });
  if (value.demo === true) return bad('Ask for a path or the demo, not both.');
  const path = value.path;
  if (typeof path !== 'string' || path.length === 0 || path.length > MAX_PATH) return bad('path must be a file path.');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(path)) return bad('path contains control characters.');
  if (!isAbsolute(path)) return bad('path must be absolute.');
  return ok({ path });
}

const MAX_URL = 8192;

/** { url } of at most MAX_URL characters; whether it may open at all is the desktop's decision (open-external.ts). */
export function validateExternalRequest(value: unknown): Result<{ url: string }> {
  if (!isRecord(value)) return bad('The request must be an object.');
  const extra = onlyKeys(value, ['url'], 'The request');
  if (extra) return extra;
  if (typeof value.url !== 'string' || value.url.length === 0 || value.url.length > MAX_URL) return bad('url must be a link.');
  return ok({ url: value.url });
}

export type RowFormat = 'jsonl' | 'csv';

/** { archive, format, filter } of a posts download (GET /api/export). */
export function validateExportRequest(value: unknown): Result<{ archive: string; format: RowFormat; filter: PostFilter }> {
  if (!isRecord(value)) return bad('The export request must be an object.');
  const extra = Object.keys(value).find((k) => !['archive', 'format', 'filter'].includes(k));
  if (extra !== undefined) return bad(`/api/export has no parameter "${extra.slice(0, 40)}" (it takes archive, format, filter).`);
  const format = value.format;
  if (format !== 'jsonl' && format !== 'csv') {
    return bad('format must be jsonl or csv. Markdown and HTML sites are folders: run `outbox export ARCHIVE --format html --out FOLDER`.');
  }
  const filter = validatePostFilter(value.filter ?? {});
  if (!filter.ok) return filter;
  const archive = validateArchiveId(value.archive);
  if (!archive.ok) return archive;
  return ok({ archive: archive.value, format, filter: filter.value });
}
