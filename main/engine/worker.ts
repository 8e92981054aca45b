// The archive worker: opens and queries archives on its own thread so the desktop main process's event loop stays free.
// Plain Node (never electron): the desktop's archive-host talks to it with { id, method, request } messages.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Readable } from 'node:stream';
import type {
  AccountMove, ArchiveInfo, CsvFile, OpenProgress, Page, PageQuery, Post, RelationshipKind, RelationshipsInfo, Result,
  SearchResponse, Stats, StatsRequest, Thread, UriList,
} from '../../preload/contract.js';
import { ALL_ARCHIVES, ok } from '../../preload/contract.js';
import type { Archive, OpenOptions } from './archive.js';
import { toErrorInfo } from './errors.js';
import { libraryView, relationshipCsv, type LibraryView } from './library/people-view.js';
import { computeStats } from './stats/stats.js';

/** Every call the worker answers: the request it takes and the value its Result carries. */
export interface WorkerCalls {
  open: [{ path?: string; demo?: boolean }, ArchiveInfo];
  current: [Record<string, never>, ArchiveInfo[]];
  page: [PageQuery, Page];
  post: [{ archive: string; id: string }, Post];
  thread: [{ archive: string; id: string }, Thread];
  search: [{ archive: string; q: string; limit: number }, SearchResponse];
  likes: [{ archive: string }, UriList];
  bookmarks: [{ archive: string }, UriList];
  /** The open archives together (as browser mode's people routes): their bookmarks, mentions and moves. */
  relationships: [Record<string, never>, RelationshipsInfo];
  moves: [Record<string, never>, AccountMove[]];
  exportCsv: [{ kind: RelationshipKind }, CsvFile];
  /** One archive's figures, or (ALL_ARCHIVES) every open archive's with a post two exports hold counted once. */
  stats: [StatsRequest, Stats];
  /** Starts reading one entry the index knows; the bytes come through `read` so the consumer sets the pace. */
  media: [{ archive: string; path: string }, MediaHead];
  /** Limits a stream that has not been read yet to a part of its entry (media seeking). */
  range: [{ stream: number; range: ByteRange }, boolean];
  read: [{ stream: number }, { chunk: Uint8Array | null }];
  cancel: [{ stream: number }, boolean];
  close: [{ archive: string }, boolean];
}
export type WorkerMethod = keyof WorkerCalls;

/** Inclusive byte offsets inside one entry (an HTTP Range, already checked against the size). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface MediaHead {
  stream: number;
  size: number;
  mediaType: string;
}

export type WorkerRequest = { [M in WorkerMethod]: { id: number; method: M; request: WorkerCalls[M][0] } }[WorkerMethod];
export type WorkerMessage =
  | { id: number; result: Result<unknown> }
  | { event: 'progress'; progress: OpenProgress };

/** What the worker needs from the engine's open.ts (injected so the dispatch can run over a MessageChannel in tests). */
export interface Opener {
  openArchive(path: string, options?: OpenOptions): Promise<Archive>;
  openDemo(options?: OpenOptions): Promise<Archive>;
}

/** The two ends the worker speaks through: worker_threads' parentPort, or a MessagePort. */
export interface Port {
  postMessage(message: WorkerMessage, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

export interface ServeOptions {
  cacheDir?: string | null;
}

const fail = (code: 'not-open' | 'not-found' | 'bad-request', message: string): Result<never> => ({ ok: false, code, message });

/** Answers every request that arrives on the port; archives stay in this thread and only Results leave it. */
export function serveArchives(port: Port, opener: Opener | Promise<Opener>, options: ServeOptions = {}): void {
  // In opening order (a reopen moves to the end); current() lists them newest first, the one the viewer shows.
  const archives = new Map<string, Archive>();
  // position: bytes of the entry read so far; range: the part the consumer wants (media seeking).
  const streams = new Map<number, {
    archive: string; stream: Readable; chunks: AsyncIterator<Buffer>; position: number; range: ByteRange | null;
  }>();
  let nextStream = 1;
  // The open archives as one library, built on first use and dropped whenever the set of archives changes.
  let view: LibraryView | null = null;
  const library = (): LibraryView => (view ??= libraryView([...archives.values()].reverse(), null));

  const archive = (id: string): Archive | undefined => archives.get(id);
  const notOpen = (id: string) => fail('not-open', `No archive with id "${id.slice(0, 80)}" is open. Open it again from File ▸ Open Archive….`);

  const endStream = (id: number) => {
    const entry = streams.get(id);
    if (!entry) return false;
    streams.delete(id);
    entry.stream.destroy();
    return true;
  };

  const calls: { [M in WorkerMethod]: (request: WorkerCalls[M][0]) => Promise<Result<WorkerCalls[M][1]>> | Result<WorkerCalls[M][1]> } = {
    async open(request) {
      // 'done' is held back until the archive is in `archives`: a viewer that answers it with current() then finds
      // it. A failed open also ends with 'done', so no progress bar waits forever for an open that is over.
      let last: OpenProgress | null = null;
      const announce = (progress: OpenProgress) => port.postMessage({ event: 'progress', progress });
      const openOptions: OpenOptions = {
        onProgress: (progress) => {
          last = progress;
          if (progress.phase !== 'done') announce(progress);
        },
      };
      if (options.cacheDir !== undefined) openOptions.cacheDir = options.cacheDir;
      let opened: Archive;
      try {
        const engine = await opener;
        opened = request.path === undefined
          ? await engine.openDemo(openOptions)
          : await engine.openArchive(request.path, openOptions);
      } catch (error) {
        const seen = last as OpenProgress | null;
        if (seen !== null) announce({ ...seen, phase: 'done' });
        throw error;
      }
      const id = opened.info.id;
      const previous = archives.get(id);
      archives.delete(id);
      archives.set(id, opened);
      view = null;
      if (previous && previous !== opened) await closeArchive(id, previous);
      const seen = last as OpenProgress | null;
      announce(seen?.phase === 'done'
        ? seen
        : { archive: id, phase: 'done', bytesRead: seen?.bytesRead ?? 0, bytesTotal: seen?.bytesTotal ?? 0, items: opened.info.summary.counts.items });
      return ok(opened.info);
    },
    current: () => ok([...archives.values()].reverse().map((a) => a.info)),
    page(query) {
      const a = archive(query.archive);
      if (!a) return notOpen(query.archive);
      const { archive: _id, ...rest } = query;
      return ok(a.page(rest));
    },
    post({ archive: id, id: postId }) {
      const a = archive(id);
      if (!a) return notOpen(id);
      const post = a.post(postId);
      return post ? ok(post) : fail('not-found', 'That post is not in this archive.');
    },
    thread({ archive: id, id: postId }) {
      const a = archive(id);
      if (!a) return notOpen(id);
      const thread = a.thread(postId);
      return thread ? ok(thread) : fail('not-found', 'That post is not in this archive.');
    },
    search({ archive: id, q, limit }) {
      const a = archive(id);
      return a ? ok(a.search(q, limit)) : notOpen(id);
    },
    likes({ archive: id }) {
      const a = archive(id);
      return a ? ok(a.likes()) : notOpen(id);
    },
    bookmarks({ archive: id }) {
      const a = archive(id);
      return a ? ok(a.bookmarks()) : notOpen(id);
    },
    relationships: () => ok(library().relationships()),
    moves: () => ok(library().moves()),
    exportCsv: ({ kind }) => ok(relationshipCsv(library().relationshipRows(), kind)),
    stats({ archive: id, filter, timeZone, utc }) {
      const options = { timeZone, utc };
      if (id !== ALL_ARCHIVES) {
        const a = archive(id);
        return a ? ok(computeStats(a.posts(filter), options)) : notOpen(id);
      }
      if (archives.size === 0) return fail('not-open', 'No archive is open.');
      return ok(computeStats(postsOf(library().posts(filter)), options));
    },
    async media({ archive: id, path }) {
      const a = archive(id);
      if (!a) return notOpen(id);
      // The Archive resolves the name through its entry map; anything it does not know is undefined.
      const media = await a.openMedia(path);
      if (!media) return fail('not-found', 'That file is not in this archive.');
      const stream = nextStream++;
      // A damaged entry errors its stream; the error reaches the reader through read(), never the thread's top level.
      media.stream.on('error', () => undefined);
      streams.set(stream, {
        archive: id, stream: media.stream, chunks: media.stream[Symbol.asyncIterator](), position: 0, range: null,
      });
      return ok({ stream, size: media.size, mediaType: media.mediaType });
    },
    async read({ stream }) {
      const entry = streams.get(stream);
      if (!entry) return ok({ chunk: null });
      // Entries are streams (often deflated): a range is served by reading past the bytes before it.
      for (;;) {
        const next = entry.range && entry.position > entry.range.end ? null : await entry.chunks.next();
        if (!next || next.done) {
          endStream(stream);
          return ok({ chunk: null });
        }
        const bytes = next.value as Buffer;
        const from = entry.position;
        entry.position += bytes.length;
        const start = entry.range ? Math.max(0, entry.range.start - from) : 0;
        const end = entry.range ? Math.min(bytes.length, entry.range.end + 1 - from) : bytes.length;
        if (end <= start) continue;
        // A copy, so transferring it never detaches a buffer the stream still pools.
        return ok({ chunk: new Uint8Array(bytes.subarray(start, end)) });
      }
    },
    range({ stream, range }) {
      const entry = streams.get(stream);
      if (!entry || entry.position > 0) return ok(false);
      entry.range = range;
      return ok(true);
    },
    cancel: ({ stream }) => ok(endStream(stream)),
    async close({ archive: id }) {
      const a = archives.get(id);
      if (!a) return ok(false);
      archives.delete(id);
      view = null;
      await closeArchive(id, a);
      return ok(true);
    },
  };

  async function closeArchive(id: string, a: Archive): Promise<void> {
    for (const [n, s] of streams) if (s.archive === id) endStream(n);
    await a.close().catch(() => undefined);
  }

  port.on('message', (message: unknown) => {
    const m = message as Partial<WorkerRequest> | null;
    if (!m || typeof m.id !== 'number') return;
    const id = m.id;
    const call = typeof m.method === 'string' && Object.hasOwn(calls, m.method)
      ? (calls[m.method] as (request: unknown) => Promise<Result<unknown>> | Result<unknown>)
      : undefined;
    const answer = call
      ? Promise.resolve().then(() => call(m.request ?? {}))
      : Promise.resolve(fail('bad-request', `Unknown worker method "${String(m.method).slice(0, 40)}".`));
    answer
      .catch((error: unknown): Result<never> => ({ ok: false, ...toErrorInfo(error) }))
      .then((result) => {
        const chunk = result.ok && m.method === 'read' ? (result.value as { chunk: Uint8Array | null }).chunk : null;
        try {
          port.postMessage({ id, result }, chunk ? [chunk.buffer as ArrayBuffer] : []);
        } catch (error) {
          // A value that cannot be cloned is a bug to report, not a reason for the thread to die.
          port.postMessage({ id, result: { ok: false, ...toErrorInfo(error) } });
        }
      });
  });
}

function* postsOf(items: Iterable<{ post: Post }>): Generator<Post> {
  for (const { post } of items) yield post;
}

// The thread entry: only when started by the desktop's archive-host (workerData says so), never on import.
if (!isMainThread && parentPort && (workerData as { outboxWorker?: boolean } | null)?.outboxWorker) {
  const port = parentPort;
  const { cacheDir } = workerData as { cacheDir?: string | null };
  // Loaded lazily so tests can run serveArchives over a MessageChannel with the engine they choose.
  serveArchives(port, import('./open.js'), cacheDir === undefined ? {} : { cacheDir });
}
