// What every human-readable export (Markdown, static site) is told, and what it reports back.
import type { Readable } from 'node:stream';
import type { Post, Profile } from '../../../preload/contract.js';

/**
 * Bytes of one archive entry (whole, or Archive.openMedia's stream: see mediaOf), or undefined when the archive
 * does not hold it. `post` is the post the attachment belongs to: with several archives, it says whose archive to read.
 */
export type MediaSource = (path: string, post: Post) => Promise<Buffer | Readable | undefined>;

export interface ExportOptions {
  /** include followers-only and direct posts (left out by default: these exports are made to be shared) */
  includePrivate?: boolean;
  /** where media bytes come from; without it attachments are listed but not copied */
  mediaSource?: MediaSource;
  /** IANA time zone for dates and month files; default UTC (the same months whoever opens the export) */
  timeZone?: string;
  /** shown as the first page's title, e.g. "@sam@example.social" */
  title?: string;
  /** the export's own words: a SITE_LANGUAGES code (site-words.ts); default English */
  lang?: string;
  /** the account whose posts these are: the site's profile header (already pseudonymized when asked) */
  profile?: Profile;
  /** bytes of the profile's avatar and header (entry names from Profile) */
  profileMedia?: (path: string) => Promise<Buffer | Readable | undefined>;
  /** say on the first page that accounts and addresses are pseudonyms */
  pseudonymized?: boolean;
  /** site: how many post pages wait in memory for their replies before being written (default 4096; any value gives the same site) */
  heldPages?: number;
}

export interface ExportResult {
  /** posts and boosts written */
  posts: number;
  /** month files or pages written */
  months: number;
  /** media files copied, and attachments that could not be (not in the archive) */
  media: number;
  mediaMissing: number;
  /** what the privacy rule left out */
  leftOut: { private: number; direct: number };
}
