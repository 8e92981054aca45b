// The reader seam: one reader per kind of export, chosen by the content of the opened source, never its name.
import type { Post, Profile, SkippedItem } from '../../../preload/contract.js';
import type { Source } from '../source/source.js';
import type { Slicer } from '../time-slice.js';
import type { PostSink } from '../index/record-stream.js';

/** Where an account's history comes from; reported per account as `source` by `outbox summary --json`. */
export type AccountSource = 'mastodon' | 'pleroma' | 'misskey' | 'twitter' | 'bluesky' | 'pixelfed';

/** Progress of a read: bytes of the main file consumed so far, its size, items seen. */
export type ReadProgress = (bytesRead: number, bytesTotal: number, items: number) => void;

/** Everything a reader yields: normalized posts (oldest first, `seq` set in that order) and the account around them. */
export interface ExportRead {
  source: AccountSource;
  posts: Post[];
  skipped: SkippedItem[];
  /** Total items that could not be read; `skipped` may keep only the first few hundred of them. */
  skippedCount?: number;
  profile: Profile;
  likes: string[];
  bookmarks: string[];
  /** Sentences a person can act on, naming the file ("actor.json could not be read (…), so the profile is empty."). */
  warnings: string[];
}

/**
 * Asks for the newest posts before the whole read is done (browser mode's first page): a reader that can find them
 * early hands them over with the profile, then reads the rest between the slicer's turns. Others ignore it.
 */
export interface NewestPage {
  count: number;
  slicer: Slicer;
  onNewest(page: { posts: Post[]; profile: Profile }): void | Promise<void>;
}

/** A reader that has recognised the source: reading is a second, separate step. */
export interface ReadPlan {
  /** The entry whose bytes carry the posts (outbox.json, data/tweets.js, the .car): progress and folder cache checks. */
  main: string;
  /** Further entries that carry posts (a Twitter archive's tweets-part1.js…): a folder's cache checks them too. */
  parts?: readonly string[];
  /**
   * `sink`: a reader that can hands it each post it keeps, in archive order, as it reads (the cache's records are
   * then made during the read); others ignore it, and the records are made after the read.
   */
  read(onProgress: ReadProgress, signal?: AbortSignal, newest?: NewestPage, sink?: PostSink): Promise<ExportRead>;
}

export interface Reader {
  /** A short name for messages and tests ("activitypub outbox", "misskey notes", …). */
  readonly name: string;
  /**
   * Looks at entry names and the first bytes of candidate entries and says whether this reader reads the source.
   * Cheap: never reads a whole large entry. Null when it does not recognise the source.
   */
  detect(source: Source): Promise<ReadPlan | null>;
}
