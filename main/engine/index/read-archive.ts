// A cold read: outbox.json streamed through the reader and normalizer, plus actor, likes and bookmarks.
import type { Post, Profile, SkippedItem } from '../../../preload/contract.js';
import { createNormalizer } from '../normalize/normalize.js';
import { emptyProfile, readProfile } from '../normalize/profile.js';
import { readUriCollection } from '../normalize/collections.js';
import { readOutbox } from '../read/outbox-stream.js';
import type { ArchiveLayout } from '../source/layout.js';
import type { Source } from '../source/source.js';

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

/** One orderedItems list: posts read on the fast path at once, the rest (jsonld) still pending. */
interface ItemList {
  posts: Post[];
  pending: Array<{ index: number; outcome: Promise<Outcome> }>;
  skips: SkippedItem[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Streams outbox.json; keeps the items of the LAST NON-EMPTY orderedItems list (Mastodon 4.2.10 writes two). */
export async function readItems(
  source: Source, layout: ArchiveLayout, onProgress: ReadProgress, signal?: AbortSignal,
  onContext?: (context: unknown) => void,
): Promise<{ posts: Post[]; skipped: SkippedItem[] }> {
  const normalizer = createNormalizer({ resolveMedia: (url) => layout.resolve(url) });
  const bytesTotal = source.entries.get(layout.outbox)?.size ?? 0;
  let kept: ItemList = { posts: [], pending: [], skips: [] };
  let newListBegun = false;
  let count = 0;
  let bytes = 0;
  const list = (): ItemList => {
    // A new list replaces the kept one only once it yields an item: an empty duplicate changes nothing.
    if (newListBegun) {
      kept = { posts: [], pending: [], skips: [] };
      newListBegun = false;
    }
    return kept;
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
      onItem: (raw, index) => {
        const into = list();
        const now = normalizer.itemNow(raw, index);
        if (now === null) {
          const outcome = normalizer.item(raw, index).catch((error: unknown): Outcome => ({ skipped: message(error) }));
          into.pending.push({ index, outcome });
        } else if ('skipped' in now) {
          into.skips.push({ index, reason: now.skipped });
        } else {
          into.posts.push(now);
        }
        onProgress(bytes, bytesTotal, ++count);
      },
      onSkip: (index, reason) => {
        list().skips.push({ index, reason });
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
  const { posts, skips: skipped, pending } = kept;
  if (pending.length > 0) {
    const outcomes = await Promise.all(pending.map((i) => i.outcome));
    outcomes.forEach((outcome, k) => {
      if ('skipped' in outcome) skipped.push({ index: pending[k]!.index, reason: outcome.skipped });
      else posts.push(outcome);
    });
    posts.sort((a, b) => a.seq - b.seq);
  }
  skipped.sort((a, b) => a.index - b.index);
  return { posts, skipped };
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
