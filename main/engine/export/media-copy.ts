// Copies a post's media next to an export under media/, with names we make (never names taken from the archive).
import { hash } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MediaAttachment, Post } from '../../../preload/contract.js';
import type { Archive } from '../archive.js';
import { ArchiveError } from '../errors.js';
import type { FileWriter } from './file-writer.js';
import { outFileStreamAsync, prepareOutFolder, writeOutFile } from './out-folder.js';
import type { MediaSource } from './export-options.js';

/**
 * The only extensions a copy may carry, by media type: raster images, video and audio, which a browser shows as
 * media and never runs. SVG (script inside), HTML, JS and anything else are left out on purpose: a copy named
 * `.svg` or `.html` becomes a page that runs the archive's script when opened from file:// or any web host.
 */
const BY_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/avif': 'avif', 'image/heic': 'heic',
  'image/heif': 'heif', 'image/bmp': 'bmp',
  'video/mp4': 'mp4', 'video/webm': 'webm', 'video/quicktime': 'mov', 'video/ogg': 'ogv',
  'audio/mpeg': 'mp3', 'audio/ogg': 'ogg', 'audio/wav': 'wav', 'audio/mp4': 'm4a', 'audio/flac': 'flac', 'audio/aac': 'aac',
};
const MEDIA_EXTENSIONS = new Set([...Object.values(BY_TYPE), 'jpeg', 'm4v', 'oga', 'opus']);

/** What a copy of anything else is called: browsers download it, never render or run it. */
export const INERT_EXTENSION = 'bin';

/**
 * A short lower-case extension: the entry name's when it is a media one, else the media type's, else the inert
 * one. The archive's own words decide only between media extensions, so no entry can pick a runnable one.
 */
export function extensionOf(attachment: Pick<MediaAttachment, 'path' | 'url' | 'mediaType'>): string {
  const fromName = /\.([A-Za-z0-9]{1,6})$/.exec(attachment.path ?? attachment.url)?.[1]?.toLowerCase();
  if (fromName && MEDIA_EXTENSIONS.has(fromName)) return fromName;
  return BY_TYPE[(attachment.mediaType ?? '').toLowerCase().split(';')[0]!.trim()] ?? INERT_EXTENSION;
}

/**
 * The name of a post's files in an export: 12 hex digits of a hash of its id. Stable across re-exports and filters
 * (links into a shared site keep working), and unique across the archives of a library, where `seq` is not.
 */
export const postKey = (post: Post): string => hash('sha256', post.id, 'hex').slice(0, 12);

/** Media files up to this size are read whole and written in one call; larger ones stream (memory stays flat). */
export const MEDIA_IN_MEMORY = 8 * 1024 * 1024;

/** A media entry of `archive` for a MediaSource: whole when it is small and the container reads it so, else a stream. */
export async function mediaOf(archive: Pick<Archive, 'openMedia' | 'mediaBytes'>, path: string): Promise<Buffer | Readable | undefined> {
  if (archive.mediaBytes) {
    const bytes = await archive.mediaBytes(path, MEDIA_IN_MEMORY);
    if (bytes !== null) return bytes;
  }
  return (await archive.openMedia(path))?.stream;
}

export interface CopiedMedia {
  attachment: MediaAttachment;
  /** "media/<postKey>-<k>.<ext>" relative to the export's root, or null when the file is not in the archive */
  file: string | null;
  /** true when the copy carries the inert extension: link it as a download, never show or embed it */
  inert?: boolean;
}

/**
 * Copies at most this many files at once. Each copy waits on the archive's reads, the inflater and the file
 * system in turn: one at a time, a 100k-post export spent most of its time idle between them (see startedAhead).
 */
const COPIES_AT_ONCE = 8;

export class MediaCopier {
  copied = 0;
  missing = 0;
  private made = false;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  /** `writer`: the copies are written on its thread (a failure is then thrown by its drain, as the export's). */
  constructor(private readonly outDir: string, private readonly source: MediaSource | undefined, private readonly writer?: FileWriter) {}

  /**
   * Copies every attachment of `post` it can; one entry per attachment, in order. Calls for several posts may
   * overlap (at most COPIES_AT_ONCE files are copied at a time); each resolves when its own post's files are written.
   */
  async copy(post: Post): Promise<CopiedMedia[]> {
    const attachments = post.media.length ? post.media : (post.boosted?.media ?? []);
    if (!attachments.length) return [];
    const key = postKey(post);
    return Promise.all(attachments.map((attachment, k) => this.copyOne(post, key, attachment, k)));
  }

  private async copyOne(post: Post, key: string, attachment: MediaAttachment, k: number): Promise<CopiedMedia> {
    await this.slot();
    try {
      const bytes = attachment.path && this.source ? await this.source(attachment.path, post) : undefined;
      if (!bytes) {
        if (this.source) this.missing++;
        return { attachment, file: null };
      }
      if (!this.made) {
        prepareOutFolder(this.outDir, ['media']);
        this.made = true;
      }
      const extension = extensionOf(attachment);
      const file = `media/${key}-${k}.${extension}`;
      try {
        if (!Buffer.isBuffer(bytes)) await pipeline(bytes, await outFileStreamAsync(join(this.outDir, file)));
        // never through libuv's thread pool: a hand-off there cost this thread more than the open, write and close
        // themselves (profiled at 100k posts: ~2.2 s of hand-offs for 25k files; see zip-source.ts readAt)
        else if (this.writer) await this.writer.write(join(this.outDir, file), bytes);
        else writeOutFile(join(this.outDir, file), bytes);
      } catch (error) {
        if (!Buffer.isBuffer(bytes)) bytes.destroy();
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        throw new ArchiveError('io', `Cannot copy ${attachment.path} to ${join(this.outDir, file)} (${code}). Check the output folder is writable and has room.`, attachment.path!);
      }
      this.copied++;
      return { attachment, file, inert: extension === INERT_EXTENSION };
    } finally {
      this.release();
    }
  }

  private async slot(): Promise<void> {
    if (this.active < COPIES_AT_ONCE) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot straight to the next waiting copy (so `active` never drops below the copies under way). */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/** Posts between two turns of the event loop in startedAhead. */
const YIELD_EVERY = 64;

/**
 * Yields each item with what `start` made of it, in the items' order, while `start` already runs for up to `ahead`
 * later items: the media of the next posts are being copied while this one is rendered and written.
 */
export async function* startedAhead<T, R>(items: Iterable<T>, start: (item: T) => Promise<R>, ahead = 48): AsyncGenerator<[T, R]> {
  const queue: Array<[T, Promise<R>]> = [];
  let count = 0;
  for (const item of items) {
    // Now and then a turn of the event loop: media are read on this thread and written by the writer's, so an export
    // could run for seconds without one, and what a cold open leaves to finish between turns (the search thread's
    // answer, the cache's last writes: our reading, not traced) held its memory longer. A cold site at 100k, peak RSS:
    // 838-908 MB when every read was a turn, 969-1104 MB with no turn, 939-1014 MB with one every 512 posts, 820 MB
    // with one every 64 (one run; a loaded machine).
    if (++count % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    const started = start(item);
    started.catch(() => undefined); // awaited below in turn; until then a failure must not count as unhandled
    queue.push([item, started]);
    if (queue.length > ahead) {
      const [first, result] = queue.shift()!;
      yield [first, await result];
    }
  }
  while (queue.length) {
    const [first, result] = queue.shift()!;
    yield [first, await result];
  }
}
