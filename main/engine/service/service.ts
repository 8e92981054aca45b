// The engine's one door: every request of the contract answered once, over the open archives. The desktop's worker,
// browser mode's server and the CLI are adapters around it: they map a message, a URL or argv to a request and back.
import { Readable } from 'node:stream';
import type {
  ArchiveInfo, OpenProgress, Post, PostFilter, RecentArchive, RequestName, ResponseOf, Result,
} from '../../../preload/contract.js';
import { ALL_ARCHIVES, SERVABLE_MEDIA_TYPE, ok } from '../../../preload/contract.js';
import type { Archive, OpenOptions } from '../archive.js';
import { toErrorInfo } from '../errors.js';
import { libraryOf, type Library } from '../library/library.js';
import { peopleOf, type People } from '../library/people-view.js';
import { rowLine, rowsHeader, type RowFormat } from '../rows/post-rows.js';
import { computeStats } from '../stats/stats.js';
import { answersFirstPage } from '../index/preview-archive.js';
import { accountLabel } from './account.js';
import { entryName } from './entry-name.js';
import { parseRange, type ByteRange } from './range.js';
import {
  bad, isRecord, validateArchiveRequest, validateCsvRequest, validateExportRequest, validateExternalRequest,
  validateNoParams, validateOpenRequest, validatePageQuery, validatePostRequest, validateSearchRequest,
  validateStatsRequest,
} from './validate.js';

/** What the service needs to open archives (open.ts; injected so tests choose the engine and nothing loads early). */
export interface Opener {
  openArchive(path: string, options?: OpenOptions): Promise<Archive>;
  openDemo(options?: OpenOptions): Promise<Archive>;
}

export interface ServiceOptions {
  /** Default: the engine's own open.ts, loaded on the first open. */
  opener?: Opener | Promise<Opener>;
  /** Folder for the index cache; null disables it; absent: OUTBOX_CACHE_DIR or the OS cache folder. */
  cacheDir?: string | null;
  /** Every progress event of every open, 'done' only once the archive is in current(). */
  onProgress?: (progress: OpenProgress) => void;
  /** The archives opened before (browser mode keeps the list beside the cache); absent: none. */
  recent?: () => RecentArchive[];
}

/** One entry's bytes as a media request gets them: the Range rule already applied. */
export interface MediaAnswer {
  /** 200, 206 (range) or 416 (a range past the end: no bytes, stream already closed) */
  status: 200 | 206 | 416;
  /** size of the whole entry */
  size: number;
  /** the part sent, for 206 */
  range: ByteRange | null;
  /** the entry's type when it is image/video/audio, else application/octet-stream (archive bytes never run as a page) */
  contentType: string;
  /** false: send as an attachment */
  inline: boolean;
  /** the bytes of the part (for 416, an empty stream); the caller reads or destroys it */
  stream: Readable;
  /** bytes the stream holds */
  length: number;
}

export interface MediaRequest {
  archive: string;
  /** the entry name as a URL carries it: URI-encoded, checked by entryName */
  path: string;
  /** the HTTP Range header, if any */
  range?: string | null;
}

/** A posts download: lines of JSON Lines or CSV, produced as they are read. */
export interface ExportDownload {
  format: RowFormat;
  fileName: string;
  contentType: string;
  /** the file's text in pieces, in order (header first); nothing is read before iteration */
  chunks: Iterable<string>;
}

type Answer<K extends RequestName> = Promise<Result<ResponseOf<K>>> | Result<ResponseOf<K>>;
type Handlers = { [K in RequestName]: (request: unknown) => Answer<K> };

export interface Service {
  /** Answers one request of the contract: the request is checked here, every failure is a Result, never a throw. */
  request<K extends RequestName>(name: K, request: unknown): Promise<Result<ResponseOf<K>>>;
  /** One entry an open archive's index knows, with the Range rule applied. */
  media(request: MediaRequest): Promise<Result<MediaAnswer>>;
  /** The posts one archive (or every one, ALL_ARCHIVES) shows for a filter, as `outbox export` writes them. */
  exportRows(request: unknown): Promise<Result<ExportDownload>>;
  /** The open archives, the one to show first. */
  archives(): readonly Archive[];
  /**
   * Serve archives opened elsewhere (outbox serve, the CLI), the first shown first. With the library they were
   * opened as, its CSVs, notes and precedence reach the people requests; the caller keeps closing them.
   */
  adopt(archives: readonly Archive[], library?: Library | null): void;
  /**
   * Whether the open archives answer this request now. False only while an archive is a preview (ArchiveInfo.indexing,
   * a cold open still reading) and the request needs more than its newest page: browser mode holds those until the
   * open is done. A request that would be refused anyway answers now (with its error).
   */
  answersNow(name: string, request: unknown): boolean;
  /** Closes the archives this service opened. */
  close(): Promise<void>;
}

const NONE_OPEN = '(none open)';
/** Requests that name an archive; left out, it is the first of current(). */
const WITH_ARCHIVE = new Set<string>(['page', 'post', 'thread', 'search', 'likes', 'bookmarks', 'stats', 'export']);

const notOpen = (id: string): Result<never> => ({
  ok: false, code: 'not-open',
  message: id === NONE_OPEN || id === ALL_ARCHIVES ? 'No archive is open.' : `No archive with id "${id.slice(0, 80)}" is open.`,
});
const noPost = (id: string): Result<never> => ({ ok: false, code: 'not-found', message: `This archive has no post with id "${id.slice(0, 200)}".` });
const CONTENT_TYPES: Record<RowFormat, string> = { jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' };

export function createService(options: ServiceOptions = {}): Service {
  // The shown archive first. Only archives this service opened are closed by it.
  let open: Archive[] = [];
  const owned = new Set<Archive>();
  const paths = new Map<string, string>();
  let given: Library | null = null;
  // The open archives as one library (precedence, merged timeline, people), built on first use per set of archives.
  let library: Promise<{ library: Library; people: People }> | null = null;

  const find = (id: string) => open.find((a) => a.info.id === id);
  const together = () => (library ??= (async () => {
    const same = given !== null && given.archives.length === open.length && given.archives.every((a) => open.includes(a));
    const lib = same ? given! : await libraryOf(open, open.map((a) => paths.get(a.info.id) ?? ''));
    return { library: lib, people: peopleOf(lib) };
  })());
  const changed = () => {
    library = null;
  };

  /** The request with `archive` filled in when it names none: the archive the viewer shows. */
  const withArchive = (name: string, request: unknown): unknown => {
    if (!WITH_ARCHIVE.has(name) || !isRecord(request) || request.archive !== undefined) return request;
    return { ...request, archive: open[0]?.info.id ?? NONE_OPEN };
  };

  async function one(id: string): Promise<Result<Archive>> {
    const a = find(id);
    return a ? ok(a) : notOpen(id);
  }

  /** Every shown post the filter selects, oldest first, with the archive whose copy it is. */
  async function postsOf(id: string, filter: PostFilter): Promise<Result<Iterable<{ post: Post; archive: Archive }>>> {
    if (id !== ALL_ARCHIVES) {
      const a = find(id);
      if (!a) return notOpen(id);
      return ok({ *[Symbol.iterator]() { for (const post of a.posts(filter)) yield { post, archive: a }; } });
    }
    if (open.length === 0) return notOpen(NONE_OPEN);
    const { library: lib } = await together();
    const byId = new Map(open.map((a) => [a.info.id, a]));
    return ok({ *[Symbol.iterator]() { for (const p of lib.posts(filter)) yield { post: p.post, archive: byId.get(p.archive)! }; } });
  }

  async function openOne(request: { path?: string; demo?: boolean }): Promise<Result<ArchiveInfo>> {
    // 'done' is held back until the archive is in current(): a viewer that answers it with current() then finds it.
    // A failed open also ends with 'done', so no progress bar waits forever for an open that is over.
    let last: OpenProgress | null = null;
    const announce = (progress: OpenProgress) => options.onProgress?.(progress);
    const openOptions: OpenOptions = {
      onProgress: (progress) => {
        last = progress;
        if (progress.phase !== 'done') announce(progress);
      },
    };
    if (options.cacheDir !== undefined) openOptions.cacheDir = options.cacheDir;
    let opened: Archive;
    try {
      const engine = await (options.opener ?? import('../open.js'));
      opened = request.path === undefined ? await engine.openDemo(openOptions) : await engine.openArchive(request.path, openOptions);
    } catch (error) {
      const seen = last as OpenProgress | null;
      if (seen !== null) announce({ ...seen, phase: 'done' });
      throw error;
    }
    const id = opened.info.id;
    const previous = find(id);
    open = [opened, ...open.filter((a) => a.info.id !== id)];
    owned.add(opened);
    if (request.path !== undefined) paths.set(id, request.path);
    changed();
    if (previous && previous !== opened && owned.delete(previous)) await previous.close().catch(() => undefined);
    const seen = last as OpenProgress | null;
    announce(seen?.phase === 'done'
      ? seen
      : { archive: id, phase: 'done', bytesRead: seen?.bytesRead ?? 0, bytesTotal: seen?.bytesTotal ?? 0, items: opened.info.summary.counts.items });
    return ok(opened.info);
  }

  const handlers: Handlers = {
    current: (request) => {
      const checked = validateNoParams(request, 'current()');
      return checked.ok ? ok(open.map((a) => a.info)) : checked;
    },
    open: (request) => {
      const checked = validateOpenRequest(request);
      return checked.ok ? openOne(checked.value) : checked;
    },
    recent: (request) => {
      const checked = validateNoParams(request, 'recent()');
      return checked.ok ? ok(options.recent?.() ?? []) : checked;
    },
    async page(request) {
      const checked = validatePageQuery(request);
      if (!checked.ok) return checked;
      const { archive: id, ...query } = checked.value;
      // every open archive as one timeline, each item naming its archive
      if (id === ALL_ARCHIVES) return open.length > 0 ? ok((await together()).library.page(query)) : notOpen(NONE_OPEN);
      const a = await one(id);
      return a.ok ? ok(a.value.page(query)) : a;
    },
    async post(request) {
      const checked = validatePostRequest(request);
      if (!checked.ok) return checked;
      const a = await one(checked.value.archive);
      if (!a.ok) return a;
      const post = a.value.post(checked.value.id);
      return post ? ok(post) : noPost(checked.value.id);
    },
    async thread(request) {
      const checked = validatePostRequest(request);
      if (!checked.ok) return checked;
      const a = await one(checked.value.archive);
      if (!a.ok) return a;
      const thread = a.value.thread(checked.value.id);
      return thread ? ok(thread) : noPost(checked.value.id);
    },
    async search(request) {
      const checked = validateSearchRequest(request);
      if (!checked.ok) return checked;
      const { archive: id, q, limit } = checked.value;
      if (id === ALL_ARCHIVES) return open.length > 0 ? ok((await together()).library.search(q, limit)) : notOpen(NONE_OPEN);
      const a = await one(id);
      return a.ok ? ok(a.value.search(q, limit)) : a;
    },
    async likes(request) {
      const checked = validateArchiveRequest(request);
      if (!checked.ok) return checked;
      const a = await one(checked.value.archive);
      return a.ok ? ok(a.value.likes()) : a;
    },
    async bookmarks(request) {
      const checked = validateArchiveRequest(request);
      if (!checked.ok) return checked;
      const a = await one(checked.value.archive);
      return a.ok ? ok(a.value.bookmarks()) : a;
    },
    // Only the desktop app can ask the person and open their browser: its IPC answers this itself.
    openExternal: (request) => {
      const checked = validateExternalRequest(request);
      return checked.ok ? ok(false) : checked;
    },
    async relationships(request) {
      const checked = validateNoParams(request, 'relationships()');
      return checked.ok ? ok((await together()).people.relationships()) : checked;
    },
    async moves(request) {
      const checked = validateNoParams(request, 'moves()');
      return checked.ok ? ok((await together()).people.moves()) : checked;
    },
    async exportCsv(request) {
      const checked = validateCsvRequest(request);
      return checked.ok ? ok((await together()).people.csv(checked.value.kind)) : checked;
    },
    async stats(request) {
      const checked = validateStatsRequest(request);
      if (!checked.ok) return checked;
      const { archive: id, filter, timeZone, utc } = checked.value;
      // One archive (named, or the only one open) and no filter: its stored tally answers without reading a post.
      const only = id === ALL_ARCHIVES ? (open.length === 1 ? open[0]! : null) : (find(id) ?? null);
      const all = only && Object.values(filter).every((v) => v === undefined) ? only.statsOfAll?.({ timeZone, utc }) : null;
      if (all) return ok(all);
      const posts = await postsOf(id, filter);
      if (!posts.ok) return posts;
      return ok(computeStats({ *[Symbol.iterator]() { for (const p of posts.value) yield p.post; } }, { timeZone, utc }));
    },
  };

  async function guarded<T>(run: () => Promise<Result<T>> | Result<T>): Promise<Result<T>> {
    try {
      return await run();
    } catch (error) {
      return { ok: false, ...toErrorInfo(error) };
    }
  }

  return {
    request<K extends RequestName>(name: K, request: unknown): Promise<Result<ResponseOf<K>>> {
      if (typeof name !== 'string' || !Object.hasOwn(handlers, name)) {
        return Promise.resolve(bad(`Unknown request "${String(name).slice(0, 40)}".`));
      }
      const handler = handlers[name] as (request: unknown) => Answer<K>;
      return guarded(() => handler(withArchive(name, request === undefined ? {} : request)));
    },

    media: (request) => guarded(async (): Promise<Result<MediaAnswer>> => {
      const name = typeof request.path === 'string' ? entryName(request.path) : null;
      const a = typeof request.archive === 'string' ? find(request.archive) : undefined;
      // The Archive resolves the name through its entry map; anything it does not know is undefined.
      const media = name !== null && a ? await a.openMedia(name) : undefined;
      if (!media) return { ok: false, code: 'not-found', message: 'Not found: this archive has no such media file.' };
      const { stream, size, mediaType } = media;
      const inline = SERVABLE_MEDIA_TYPE.test(mediaType);
      const contentType = inline ? mediaType : 'application/octet-stream';
      const range = parseRange(request.range, size);
      if (range === 'unsatisfiable') {
        stream.destroy();
        return ok({ status: 416, size, range: null, contentType, inline, stream, length: 0 });
      }
      const part = range ? slice(stream, range) : stream;
      return ok({ status: range ? 206 : 200, size, range, contentType, inline, stream: part, length: range ? range.end - range.start + 1 : size });
    }),

    answersNow(name, request) {
      const indexing = open.some((a) => a.info.indexing);
      if (!indexing || name === 'current' || name === 'recent' || name === 'open') return true;
      if (name !== 'page') return false;
      const checked = validatePageQuery(withArchive(name, request === undefined ? {} : request));
      if (!checked.ok) return true;
      const { archive: id, ...query } = checked.value;
      const a = id === ALL_ARCHIVES ? undefined : find(id);
      return !!a && (!a.info.indexing || answersFirstPage(query));
    },

    exportRows: (request) => guarded(async (): Promise<Result<ExportDownload>> => {
      const checked = validateExportRequest(withArchive('export', request === undefined ? {} : request));
      if (!checked.ok) return checked;
      const { archive: id, format, filter } = checked.value;
      const posts = await postsOf(id, filter);
      if (!posts.ok) return posts;
      const base = id === ALL_ARCHIVES ? 'outbox-posts' : (find(id)?.info.name ?? 'outbox').replace(/\.(zip|tar\.gz|tgz)$/i, '');
      const source = posts.value;
      return ok({
        format,
        fileName: `${base.replace(/[^A-Za-z0-9._-]+/g, '_')}.${format}`,
        contentType: CONTENT_TYPES[format],
        chunks: {
          *[Symbol.iterator]() {
            yield rowsHeader(format);
            for (const { post, archive } of source) yield rowLine(format, post, accountLabel(archive.info));
          },
        },
      });
    }),

    archives: () => open,

    adopt(archives, lib = null) {
      open = [...archives];
      given = lib;
      changed();
    },

    async close() {
      const mine = open.filter((a) => owned.has(a));
      open = [];
      owned.clear();
      changed();
      await Promise.all(mine.map((a) => a.close().catch(() => undefined)));
    },
  };
}

/** The bytes [start, end] of an entry's stream (entries are streams, often deflated: the bytes before are read past). */
function slice(source: Readable, range: ByteRange): Readable {
  return Readable.from((async function* () {
    let position = 0;
    try {
      for await (const data of source) {
        const bytes = data as Buffer;
        const from = position;
        position += bytes.length;
        const start = Math.max(0, range.start - from);
        const end = Math.min(bytes.length, range.end + 1 - from);
        if (end > start) yield bytes.subarray(start, end);
        if (position > range.end) return;
      }
    } finally {
      source.destroy();
    }
  })(), { objectMode: false });
}
