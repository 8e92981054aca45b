// What an archive's cache file keeps beside the index (written by the cold open, read by the warm one).
import type { Profile, Summary } from '../../../preload/contract.js';
import type { StatsTally } from '../stats/stats.js';

/** What the cache keeps beside the index: everything ArchiveInfo and the Archive need without the posts. */
export interface CachedExtra {
  /** realpath of the archive, for opening its media later */
  location: string;
  name: string;
  profile: Profile;
  summary: Summary;
  warnings: string[];
  likes: string[];
  bookmarks: string[];
  media: Array<[string, string]>;
  /** files whose size and mtime must still match (a folder archive's outbox.json) */
  checks: Array<[string, number, number]>;
  /** the stats tally of every post (absent in caches written before it was kept): `outbox stats` reads no post */
  stats?: StatsTally;
}

/** The long lists of CachedExtra, kept in blocks of their own: a warm `outbox summary` never parses them. */
export const APART: ReadonlyArray<keyof CachedExtra> = ['likes', 'media'];
