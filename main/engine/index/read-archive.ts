// A cold read: outbox.json streamed through the reader and normalizer, plus actor, likes and bookmarks.
import type { Post, Profile, SkippedItem } from '../../../preload/contract.js';
import { createNormalizer } from '../normalize/normalize.js';
import { emptyProfile, readProfile } from '../normalize/profile.js';
import { readUriCollection } from '../normalize/collections.js';
import { parseItemText, readOutbox } from '../read/outbox-stream.js';
import type { Slicer } from '../time-slice.js';
import type { PostSink } from './record-stream.js';
import type { ArchiveLayout } from '../source/layout.js';
import type { Source } from '../source/source.js';

/**
 * Skipped items kept with their reasons; the rest are only counted. 10 million junk items would otherwise keep 10
 * million records in memory, in the cache and in every /api/current answer (issue 13: 4.1 GB, then a crash).
 */
export const MAX_SKIPPED_KEPT = 300;

/** Most bytes read whole for actor.json, likes.json and bookmarks.json. */
const SIDE_FILE_MAX = 256 * 1024 * 1024;

export interface ReadProgress {
  (bytesRead: number, bytesTotal: number, items: number): void;
}

export interface ArchiveRead {
  posts: Post[];
  skipped: SkippedItem[];
  profile: Profile;
  likes: string[];
  bookmarks: string[];
  warnings: string[];
}

type Outcome = Post | { skipped: string };

/**
 * Asks a read for the newest posts before the rest: the whole outbox.json is scanned first (inflated and split into
 * items, none parsed), the newest `count` items are normalized and handed to onNewest, and only then is every item
 * parsed and normalized, between the slicer's turns. Browser mode's first page is then ready at about the cost of
 * the scan, not of the whole open. The items' bytes are held until read: an outbox.json over NEWEST_FIRST_MAX bytes
 * is read the usual way (onNewest is never called).
 */
export interface NewestFirst {
  count: number;
  slicer: Slicer;
  /** the newest posts, newest first; the rest of the read waits for what it returns */
  onNewest(posts: Post[]): void | Promise<void>;
}

/** The largest outbox.json whose items' bytes a newest-first read holds (the whole file, at most). */
export const NEWEST_FIRST_MAX = 512 * 1024 * 1024;

/** One orderedItems list: posts read on the fast path at once, the rest (jsonld) still pending. */
interface ItemList {
  posts: Post[];
  pending: Array<{ index: number; outcome: Promise<Outcome> }>;
  /** the first MAX_SKIPPED_KEPT skipped items, in archive order */
  skips: SkippedItem[];
  /** every skipped item, kept or not */
  skipCount: number;
}

function skip(list: ItemList, index: number, reason: string): void {
  list.skipCount++;
  if (list.skips.length < MAX_SKIPPED_KEPT) list.skips.push({ index, reason });
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One list's items as bytes, not yet parsed (a newest-first read). */
interface RawList {
  bytes: Array<Buffer | undefined>;
  /** each item's index in its list (skipped items take an index too) and its first byte in the file */
  indices: number[];
  starts: number[];
}

/** Streams outbox.json; keeps the items of the LAST NON-EMPTY orderedItems list (Mastodon 4.2.10 writes two). */
export async function readItems(
  source: Source, layout: ArchiveLayout, onProgress: ReadProgress, signal?: AbortSignal,
  onContext?: (context: unknown) => void, newestFirst?: NewestFirst, sink?: PostSink,
): Promise<{ posts: Post[]; skipped: SkippedItem[]; skippedCount: number; warnings: string[] }> {
  const normalizer = createNormalizer({ resolveMedia: (url) => layout.resolve(url) });
  const bytesTotal = source.entries.get(layout.outbox)?.size ?? 0;
  const deferred = newestFirst && bytesTotal <= NEWEST_FIRST_MAX ? newestFirst : undefined;
  let raw: RawList = { bytes: [], indices: [], starts: [] };
  let kept: ItemList = { posts: [], pending: [], skips: [], skipCount: 0 };
  let newListBegun = false;
  let count = 0;
  let bytes = 0;
  const list = (): ItemList => {
    // A new list replaces the kept one only once it yields an item: an empty duplicate changes nothing.
    if (newListBegun) {
      sink?.spoil(); // the posts handed so far were the replaced list's
      kept = { posts: [], pending: [], skips: [], skipCount: 0 };
      raw = { bytes: [], indices: [], starts: [] };
      newListBegun = false;
    }
    return kept;
  };
  const take = (into: ItemList, outcome: Outcome | null, item: unknown, index: number) => {
    if (outcome === null) {
      const later = normalizer.item(item, index).catch((error: unknown): Outcome => ({ skipped: message(error) }));
      into.pending.push({ index, outcome: later });
      sink?.spoil(); // read later, sorted in at the end: the posts handed so far are not the list in order
    } else if ('skipped' in outcome) {
      skip(into, index, outcome.skipped);
    } else {
      into.posts.push(outcome);
      sink?.add(outcome);
    }
  };
  const stream = await source.open(layout.outbox);
  const abort = () => stream.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
  signal?.addEventListener('abort', abort, { once: true });
  try {
    await readOutbox(stream, {
      onContext: (context) => {
        normalizer.setContext(context);
        onContext?.(context);
      },
      onListStart: () => {
        newListBegun = true;
      },
      onItem: (item, index) => {
        take(list(), normalizer.itemNow(item, index), item, index);
        onProgress(bytes, bytesTotal, ++count);
      },
      onItemBytes: deferred
        ? (itemBytes, index, start) => {
          list();
          raw.bytes.push(itemBytes);
          raw.indices.push(index);
          raw.starts.push(start);
          onProgress(bytes, bytesTotal, ++count);
        }
        : undefined,
      onSkip: (index, reason) => {
        skip(list(), index, reason);
        onProgress(bytes, bytesTotal, ++count);
      },
      onBytes: (read) => {
        bytes = read;
        onProgress(bytes, bytesTotal, count);
      },
    });
  } finally {
    signal?.removeEventListener('abort', abort);
    stream.destroy();
  }
  signal?.throwIfAborted();
  if (deferred) await readDeferred(raw, kept, deferred, (item, index) => take(kept, normalizer.itemNow(item, index), item, index),
    (item, index) => normalizer.itemNow(item, index), (b) => onProgress(b, bytesTotal, count), signal, sink);
  const { posts, skips: skipped, pending } = kept;
  let skippedCount = kept.skipCount;
  if (pending.length > 0) {
    const outcomes = await Promise.all(pending.map((i) => i.outcome));
    outcomes.forEach((outcome, k) => {
      if ('skipped' in outcome) {
        skippedCount++;
        skipped.push({ index: pending[k]!.index, reason: outcome.skipped });
      } else posts.push(outcome);
    });
    posts.sort((a, b) => a.seq - b.seq);
  }
  skipped.sort((a, b) => a.index - b.index);
  return { posts, skipped: skipped.slice(0, MAX_SKIPPED_KEPT), skippedCount, warnings: normalizer.warnings() };
}

/** The newest `count` items of a scanned list: the end of the file, unless its first item is newer (newest first). */
function newestRange(raw: RawList, count: number, published: (k: number) => number): [number, number] {
  const n = raw.bytes.length;
  if (n <= count) return [0, n];
  return published(0) > published(n - 1) ? [0, count] : [n - count, n];
}

const timeOf = (post: Post): number => {
  const t = Date.parse(post.published);
  return Number.isNaN(t) ? -Infinity : t;
};

/**
 * A newest-first read after its scan: the newest items normalized and handed over, then every item in archive order
 * (the newest reused), between the slicer's turns. `add` files an item as the streaming read does.
 */
async function readDeferred(
  raw: RawList, kept: ItemList, early: NewestFirst, add: (item: unknown, index: number) => void,
  now: (item: unknown, index: number) => Outcome | null, onBytes: (bytes: number) => void, signal?: AbortSignal,
  sink?: PostSink,
): Promise<void> {
  const parse = (k: number): unknown => parseItemText(raw.bytes[k]!.toString('utf8'), raw.starts[k]!);
  const first = new Map<number, { item: unknown; outcome: Outcome | null }>();
  const outcomeAt = (k: number) => {
    let got = first.get(k);
    if (!got) {
      const item = parse(k);
      got = { item, outcome: now(item, raw.indices[k]!) };
      first.set(k, got);
    }
    return got;
  };
  const publishedAt = (k: number): number => {
    const { outcome } = outcomeAt(k);
    return outcome && !('skipped' in outcome) ? timeOf(outcome) : -Infinity;
  };
  const [from, to] = newestRange(raw, early.count, publishedAt);
  const newest: Post[] = [];
  for (let k = from; k < to; k++) {
    const { outcome } = outcomeAt(k);
    if (outcome && !('skipped' in outcome)) newest.push(outcome);
  }
  // As the index orders "newest": by time, later in the archive first on a tie, undated last.
  newest.sort((a, b) => timeOf(b) - timeOf(a) || b.seq - a.seq);
  // Nothing to show early (every one needs jsonld, or was left out): the viewer waits for the whole read instead.
  if (newest.length > 0) await early.onNewest(newest);
  let done = 0;
  for (let k = 0; k < raw.bytes.length; k++) {
    if (early.slicer.due()) {
      onBytes(done);
      await early.slicer.turn();
      signal?.throwIfAborted();
    }
    done += raw.bytes[k]!.length;
    const got = first.get(k);
    if (got && got.outcome !== null) {
      if ('skipped' in got.outcome) skip(kept, raw.indices[k]!, got.outcome.skipped);
      else {
        kept.posts.push(got.outcome);
        sink?.add(got.outcome);
      }
    } else add(got ? got.item : parse(k), raw.indices[k]!);
    raw.bytes[k] = undefined; // read: its chunk may go once every item in it is
  }
  onBytes(done);
}

async function readJson(source: Source, name: string): Promise<unknown> {
  const bytes = await source.read(name, SIDE_FILE_MAX);
  return JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
}

/** actor.json: missing → an empty profile; unreadable → an empty profile and a warning naming the file. */
export async function readActor(source: Source, layout: ArchiveLayout, warnings: string[]): Promise<Profile> {
  if (!layout.actor) {
    warnings.push('The archive has no actor.json, so the profile (name, bio, avatar) is empty.');
    return emptyProfile();
  }
  try {
    return readProfile(await readJson(source, layout.actor), (url) => layout.resolve(url));
  } catch (error) {
    warnings.push(`${layout.actor} could not be read (${message(error)}), so the profile is empty.`);
    return emptyProfile();
  }
}

/** likes.json / bookmarks.json: absent (old archives) → empty; unreadable → empty and a warning. */
export async function readUris(source: Source, name: string | null, warnings: string[]): Promise<string[]> {
  if (!name) return [];
  try {
    return readUriCollection(await readJson(source, name));
  } catch (error) {
    warnings.push(`${name} could not be read (${message(error)}), so that list is empty.`);
    return [];
  }
}
