// The cold open: the archive read, normalized and indexed, pages answered at once, the search built and the cache
// written behind. Loaded by open.ts only when there is no usable cache, so a warm command never loads the readers.
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import type { ArchiveInfo, OpenProgress, Post, Profile, Summary } from '../../preload/contract.js';
import type { Archive } from './archive.js';
import { APART, type CachedExtra } from './cache/cached-extra.js';
import { persist } from './cache/cache-writes.js';
import type { ArchiveIdentity } from './cache/location.js';
import { indexPostsSearchBehind } from './index/build.js';
import { createIndexedArchive } from './index/indexed-archive.js';
import { createPreviewArchive, PREVIEW_POSTS } from './index/preview-archive.js';
import { RecordStream } from './index/record-stream.js';
import { startSearchThread, type RecordsEarly } from './index/search-thread.js';
import { Flag, type IndexColumns } from './index/tables.js';
import { RECORD_RUN } from './cache/cache-file.js';
import { openExport, pickReader } from './readers/pick.js';
import type { NewestPage } from './readers/reader.js';
import { mediaTypeOf } from './source/media-type.js';
import type { Source } from './source/source.js';
import { StatsCounter, type StatsTally } from './stats/stats.js';
import { summarize } from './summary.js';
import { timeSlicer, type Slicer } from './time-slice.js';

/** The search a thread fed records built: its bytes, and their sha256. */
type ThreadSearch = { bytes: Uint8Array; bytesSha256: string };

/** Progress of the read (open.ts throttles it). */
export type Report = (phase: OpenProgress['phase'], bytesRead: number, bytesTotal: number, items: number) => void;

/**
 * The largest main entry (outbox.json) whose records are made during the read: they are held until the cache is
 * written (~0.6 of the outbox's bytes), so a 1M-post archive (1.6 GB) keeps the old way and its memory ceiling.
 */
export const RECORD_STREAM_MAX_BYTES = 512 * 1024 * 1024;

function tallyOf(posts: readonly Post[]): StatsTally {
  const counter = new StatsCounter();
  for (const post of posts) counter.add(post);
  return counter.tally();
}

function mediaNames(posts: readonly Post[], profile: Profile): Map<string, string> {
  const media = new Map<string, string>();
  const add = (post: Post) => {
    for (const m of post.media) if (m.path) media.set(m.path, m.mediaType || mediaTypeOf(m.path));
  };
  for (const post of posts) {
    add(post);
    if (post.boosted) add(post.boosted);
  }
  for (const entry of [profile.avatar, profile.header]) if (entry) media.set(entry, mediaTypeOf(entry));
  return media;
}

export async function openCold(
  identity: ArchiveIdentity, id: string, name: string, cacheFile: string | null, report: Report, signal?: AbortSignal,
  onPreview?: (preview: Archive) => void | Promise<void>, given?: Source, streamRecords = true,
): Promise<Archive> {
  const source = given ?? await openExport(identity.location);
  // Started before the read: the thread boots on the other core while this one reads, and is ready for the search.
  const thread = startSearchThread();
  try {
    const plan = await pickReader(source);
    const warnings = [...source.problems];
    report('reading', 0, source.entries.get(plan.main)?.size ?? 0, 0);
    // Once the newest page is out, the rest of the read is indexing as far as the viewer can tell.
    let phase: OpenProgress['phase'] = 'reading';
    const newest: NewestPage | undefined = onPreview && {
      count: PREVIEW_POSTS,
      slicer: timeSlicer(),
      onNewest: ({ posts, profile }) => {
        phase = 'indexing';
        return onPreview(createPreviewArchive({ id, name, format: source.format, profile, posts, media: mediaNames(posts, profile), source }));
      },
    };
    // With a cache to write and a thread to help, the records are made as the posts are read and streamed to the
    // thread, which builds the search, the stats tally and the records' checksums meanwhile (issue 12: those waited
    // for the read, on this thread). Not for an outbox too large to hold its records in memory until the write.
    const mainSize = source.entries.get(plan.main)?.size ?? 0;
    const stream = streamRecords && thread && cacheFile && mainSize <= RECORD_STREAM_MAX_BYTES ? new RecordStream(thread, RECORD_RUN) : null;
    const read = await plan.read((b, t, n) => report(phase, b, t, n), signal, newest, stream ?? undefined);
    const { posts, skipped, profile, likes, bookmarks } = read;
    const records = stream?.finish(posts) ?? null;
    // A thread fed records answers for them; when they were not the read's posts (items read out of order, a list
    // replaced) it is stopped unused and everything is done here, as without a thread.
    let answered: Promise<ThreadSearch | null> | undefined;
    // The thread sends all but the search first (the index tables, run sums, tally, records and ids block, made from
    // the records meanwhile), then the search: the tables are not built again here after the read, and the cache
    // write starts while the thread still builds the search (issue 12). Null: it failed, and all is done here.
    let early: Promise<RecordsEarly | null> = Promise.resolve(null);
    if (stream?.started) {
      if (records) {
        let gotEarly: (early: RecordsEarly | null) => void = () => undefined;
        early = new Promise((resolve) => (gotEarly = resolve));
        answered = thread!.endRecords((e) => gotEarly(e.count === posts.length ? e : null))
          .then((a) => (a && a.count === posts.length ? { bytes: a.bytes, bytesSha256: a.bytesSha256 } : null));
        answered.then(() => gotEarly(null), () => gotEarly(null));
      }
      else if (stream.threadFailed) answered = Promise.resolve(null);
      else thread!.stop();
    }
    const skippedCount = read.skippedCount ?? skipped.length;
    report('indexing', 0, 0, posts.length);
    warnings.push(...read.warnings);
    signal?.throwIfAborted();
    // Pages are ready now; the text search is built behind, in slices (sets parentInArchive, which the summary counts).
    let fromThread = await early;
    let threadSearch: ThreadSearch | null = null;
    answered?.then((a) => (threadSearch = a), () => undefined);
    signal?.throwIfAborted();
    const { index, built, abandon, handedOver } = indexPostsSearchBehind(posts, timeSlicer(), stream?.started && !answered ? null : thread, undefined,
      answered?.then((a) => (a ? Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength) : null)), fromThread?.tables);
    const summary = summarize({
      format: source.format, source: read.source, profile, posts, likes: likes.length, bookmarks: bookmarks.length, skipped, skippedCount,
      published: index.tables.columns.published,
    });
    warnings.push(...partialWarnings(summary, basename(plan.main)));
    const media = mediaNames(posts, profile);
    const info: ArchiveInfo = { id, name, profile, summary, months: index.tables.months, fromCache: false, warnings };
    // The stats tally: counted behind the open (for the cache), or at once when asked first.
    let tally: StatsTally | null = null;
    const tallyInSlices = async (slicer: Slicer): Promise<StatsTally> => {
      const counter = new StatsCounter();
      for (const post of posts) {
        if (tally) return tally;
        if (slicer.due()) await slicer.turn();
        counter.add(post);
      }
      return (tally ??= counter.tally());
    };
    const statsTally = () => (tally ??= tallyOf(posts));
    let settle: (() => Promise<void>) | undefined;
    if (cacheFile) {
      const checks: CachedExtra['checks'] = [];
      if (identity.isFolder) {
        for (const entry of [plan.main, ...(plan.parts ?? [])]) {
          const file = join(identity.location, entry);
          const stat = await fs.stat(file);
          checks.push([file, stat.size, stat.mtimeMs]);
        }
      }
      const extra: CachedExtra = {
        name, profile, summary, warnings, likes, bookmarks, media: [...media], checks, location: identity.location,
      };
      // Persisting is not part of being ready: the archive is returned now and the cache written behind it.
      // close() and a second open of the same archive wait for the write.
      const writing = persist(cacheFile, async (slicer) => {
        await handedOver; // the search thread's input first: the other core then works while this one counts
        // The thread's records, sums and ids, as it sent them before the search (which may still be building).
        const made = fromThread;
        // They hold every record's bytes (~150 MB at 100k). This scope lives as long as the archive (statsTally
        // shares it), so it lets go of them here: the bytes are freed once written, not kept with the archive.
        fromThread = null;
        if (made) tally ??= withSelfReplies(made.tally, index.tables.columns);
        const stats = await tallyInSlices(slicer);
        return {
          tables: index.tables, posts, extra: { ...extra, stats } as unknown as Record<string, unknown>, apart: APART,
          identity: identity.key,
          records: made && records ? { parts: made.parts, offsets: records.offsets, sums: made.sums } : undefined,
          ids: made && records ? { bytes: made.ids, sha256: made.idsSha256 } : undefined,
          // the thread's index, as it sent it (not one built here meanwhile): its sha256 came with it. Asked once the
          // search is awaited (below), so the thread's answer is in by then.
          searchSha256: (parts) => {
            const sent = threadSearch;
            const same = sent && parts.length === 1 && parts[0]!.buffer === sent.bytes.buffer && parts[0]!.byteLength === sent.bytes.byteLength;
            return same ? sent.bytesSha256 : null;
          },
          // Awaited once the records are written (the search may still be building on its thread meanwhile), then
          // in parts between the writer's turns where the engine can (see writeCacheFile): not one long block.
          search: async (s) => {
            const search = await built;
            if (search?.serializeInParts) return search.serializeInParts(s);
            const bytes = search?.serialize?.();
            return bytes ? [bytes] : null;
          },
        };
      });
      settle = () => writing;
    }
    signal?.throwIfAborted();
    report('done', 0, 0, posts.length);
    return createIndexedArchive({ info, summary, index, likes, bookmarks, media, source, settle, statsTally, release: abandon });
  } catch (error) {
    thread?.stop();
    await source.close().catch(() => undefined);
    throw error;
  }
}

/**
 * The tally a thread counted from the records, with the self-replies the index knows (the records, made during the
 * read, say parentInArchive false): replies, not boosts, whose parent is in the archive, as StatsCounter counts them.
 */
function withSelfReplies(tally: StatsTally, columns: IndexColumns): StatsTally {
  let selfReplies = 0;
  const { flags, parent } = columns;
  for (let i = 0; i < flags.length; i++) if ((flags[i]! & Flag.reply) !== 0 && parent[i]! >= 0) selfReplies++;
  return { ...tally, replies: { ...tally.replies, selfReplies } };
}

function partialWarnings(summary: Summary, main: string): string[] {
  const out: string[] = [];
  const { missing, referenced } = summary.media;
  if (missing > 0) {
    out.push(`${missing} of ${referenced} media files that posts refer to are not in the archive; those posts show a placeholder.`);
  }
  const skipped = summary.counts.skipped;
  if (skipped > 0) {
    const listed = skipped > summary.skippedItems.length ? ` (the first ${summary.skippedItems.length} are listed with their reasons)` : '';
    out.push(`${skipped} item${skipped === 1 ? '' : 's'} of ${main} could not be read and ${skipped === 1 ? 'was' : 'were'} left out${listed}.`);
  }
  return out;
}
