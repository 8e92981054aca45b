// The flags of the post-listing commands (export, stats, search): the parseArgs options args.ts spreads into each,
// the filter flags' help and the PostFilter they make, and the posts a filter picks from one archive or several.
// Kept apart from the export writers (export-formats.ts, export-research.ts) so `stats` and `search` load none of them.
import type { Post, PostFilter, Visibility } from '../../preload/contract.js';
import { ArchiveError, datePeriod, validateTimeZone, type Archive, type Library } from '../engine/service/index.js';

export type Flags = Record<string, string | boolean | undefined>;

/**
 * Makes the error for a bad flag. The dispatcher passes `(m) => new UsageError(m, command)` (exit 1 with a pointer
 * to --help); the default is an ArchiveError('bad-request'). A callback, so that args.ts can import the option
 * tables below without an import cycle.
 */
export type UsageFault = (message: string) => Error;
export const badRequest: UsageFault = (message) => new ArchiveError('bad-request', message);

/** parseArgs options of the filter flags: spread into a command's options in args.ts. */
export const FILTER_OPTIONS = {
  query: { type: 'string', short: 'q' },
  from: { type: 'string' },
  to: { type: 'string' },
  kinds: { type: 'string' },
  visibility: { type: 'string' },
  lang: { type: 'string' },
  hashtag: { type: 'string' },
  mention: { type: 'string' },
  'has-media': { type: 'boolean' },
  'has-poll': { type: 'boolean' },
  'has-cw': { type: 'boolean' },
  edited: { type: 'boolean' },
  'no-alt': { type: 'boolean' },
} as const;

/** parseArgs options of `stats` (besides FILTER_OPTIONS); here so that args.ts imports one light module. */
export const STATS_OPTIONS = {
  json: { type: 'boolean' },
  utc: { type: 'boolean' },
  'time-zone': { type: 'string' },
  top: { type: 'string' },
} as const;

/** The extra options of `export` for md and html. */
export const EXPORT_FORMAT_OPTIONS = {
  'include-private': { type: 'boolean' },
  'time-zone': { type: 'string' },
} as const;

/** parseArgs options of `export` added for research and publishing (spread into the command's options in args.ts). */
export const RESEARCH_OPTIONS = {
  pseudonymize: { type: 'boolean' },
  salt: { type: 'string' },
  'one-file-per-post': { type: 'boolean' },
  'site-lang': { type: 'string' },
} as const;

/** Help text lines for the filter flags (shared by export, stats and search help). */
export const FILTER_HELP = `Filters (combine with AND; the same as the viewer's):
  -q, --query Q  the search language: words, "phrases", has:media, is:reply, lang:en, before:2023…
  --from DATE    on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD, UTC); --to DATE: on or before
  --kinds K,…    post, reply, boost          --visibility V,…  public, unlisted, followers (private), direct
  --lang CODE    language (en also matches en-GB)   --hashtag TAG   --mention @user@host
  --has-media  --has-poll  --has-cw  --edited  --no-alt (media without alt text)`;

const KINDS = ['post', 'reply', 'boost'] as const;
const VISIBILITIES: Record<string, Visibility> = {
  public: 'public', unlisted: 'unlisted', private: 'private', followers: 'private', 'followers-only': 'private', direct: 'direct',
};

function list(value: string, flag: string, usage: UsageFault): string[] {
  const items = value.split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
  if (!items.length) throw usage(`${flag} needs at least one value`);
  return items;
}

function date(value: string, flag: 'from' | 'to', usage: UsageFault): string {
  try {
    datePeriod(value, flag);
  } catch (error) {
    if (error instanceof ArchiveError) throw usage(`--${flag} "${value}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`);
    throw error;
  }
  return value.trim();
}

/** Flags (as parseArgs returns them) → the PostFilter that Archive.posts/page take. Throws usage(message) for a bad value. */
export function filterFromFlags(flags: Flags, usage: UsageFault = badRequest): PostFilter {
  const filter: PostFilter = {};
  const text = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string).trim() : undefined);
  const query = text('query');
  if (query) filter.q = query;
  const from = text('from');
  if (from) filter.from = date(from, 'from', usage);
  const to = text('to');
  if (to) filter.to = date(to, 'to', usage);
  const kinds = text('kinds');
  if (kinds !== undefined) {
    filter.kinds = list(kinds, '--kinds', usage).map((k) => {
      const kind = k.replace(/s$/, '') as (typeof KINDS)[number];
      if (!KINDS.includes(kind)) throw usage(`--kinds takes post, reply and boost, not "${k}"`);
      return kind;
    });
  }
  const visibility = text('visibility');
  if (visibility !== undefined) {
    filter.visibility = list(visibility, '--visibility', usage).map((v) => {
      const known = VISIBILITIES[v];
      if (!known) throw usage(`--visibility takes public, unlisted, followers and direct, not "${v}"`);
      return known;
    });
  }
  const lang = text('lang');
  if (lang) filter.language = lang;
  const hashtag = text('hashtag');
  if (hashtag) filter.hashtag = hashtag.replace(/^#/, '').toLowerCase();
  const mention = text('mention');
  if (mention) filter.mention = mention;
  if (flags['has-media'] === true) filter.hasMedia = true;
  if (flags['has-poll'] === true) filter.hasPoll = true;
  if (flags['has-cw'] === true) filter.hasCw = true;
  if (flags.edited === true) filter.edited = true;
  if (flags['no-alt'] === true) filter.noAlt = true;
  return filter;
}

/** One archive, or several opened together (a post in two overlapping exports is then written once). */
export type PostSource = Archive | Library;

export const isLibrary = (source: PostSource): source is Library => 'archives' in source;

export const archivesOf = (source: PostSource): readonly Archive[] => (isLibrary(source) ? source.archives : [source]);

/** The matching posts, oldest first (a post in two overlapping exports once). */
export function filteredPosts(source: PostSource, filter: PostFilter): Iterable<Post> {
  if (!isLibrary(source)) return source.posts(filter);
  return (function* () {
    for (const { post } of source.posts(filter)) yield post;
  })();
}

/** A time zone flag checked against Intl's list. */
export function timeZone(value: string, usage: UsageFault): string {
  // The service's one zone check (GET /api/stats and IPC use it too); the flag keeps its own sentence.
  if (!validateTimeZone(value).ok) throw usage(`--time-zone "${value}" is not a time zone: use an IANA name such as Europe/Berlin, or UTC`);
  return value;
}
