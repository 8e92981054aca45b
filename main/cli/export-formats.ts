// The filter flags every post-listing command shares (export, stats, search), the stats flags, and `export --format md|html`.
import type { Post, PostFilter, Visibility } from '../../preload/contract.js';
import {
  accountLabel, ArchiveError, datePeriod, mediaOf, validateTimeZone, writeManifest, writeMarkdown, writePostFiles, writeSite, zoneClock,
  type Archive, type ExportOptions, type ExportResult, type Library, type Manifest, type Pseudonymizer,
} from '../engine/service/index.js';

type Flags = Record<string, string | boolean | undefined>;

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

const isLibrary = (source: PostSource): source is Library => 'archives' in source;

export const archivesOf = (source: PostSource): readonly Archive[] => (isLibrary(source) ? source.archives : [source]);

/** "@sam@example.social" (or several, joined), the page title of an export. */
function accountTitle(source: PostSource, p: Pseudonymizer | null = null): string {
  const names = archivesOf(source).map((a) => {
    const name = accountLabel(a.info);
    return p ? p.account(name) : name;
  });
  return [...new Set(names)].join(', ') || 'Posts';
}

/**
 * The matching posts, oldest first, and a media source that reads each post's attachments from the archive that
 * holds that copy of the post.
 */
export function sourcePosts(source: PostSource, filter: PostFilter): { posts: Iterable<Post>; media: NonNullable<ExportOptions['mediaSource']> } {
  if (!isLibrary(source)) return { posts: source.posts(filter), media: (path) => mediaOf(source, path) };
  const byId = new Map(source.archives.map((a) => [a.info.id, a]));
  const owner = new WeakMap<Post, Archive>();
  const posts = function* () {
    for (const { post, archive } of source.posts(filter)) {
      const a = byId.get(archive);
      if (a) owner.set(post, a);
      yield post;
    }
  };
  return {
    posts: posts(),
    media: async (path, post) => {
      const archive = owner.get(post);
      return archive ? mediaOf(archive, path) : undefined;
    },
  };
}

/** One line for stderr after an export: what was written where, and what the privacy rule left out. */
export function exportReport(result: ExportResult, out: string): string {
  const { private: followers, direct } = result.leftOut;
  const left = followers + direct ? `; left out ${followers} followers-only and ${direct} direct (--include-private includes them)` : '';
  const missing = result.mediaMissing ? `; ${result.mediaMissing} media not in the archive` : '';
  const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  return `Wrote ${n(result.posts, 'post')} in ${n(result.months, 'month')} and ${n(result.media, 'media file')} to ${out}${left}${missing}\n`;
}

/** Checks the flags of `export --format md|html` before the archive is opened (a mistake should not wait for a big read). */
export function exportFormatOptions(source: PostSource | null, format: 'md' | 'html', flags: Flags, usage: UsageFault = badRequest): { out: string; filter: PostFilter; options: ExportOptions } {
  const out = typeof flags.out === 'string' ? flags.out : undefined;
  if (!out) throw usage(`--format ${format} writes a folder: give it with --out DIR`);
  const filter = filterFromFlags(flags, usage);
  const options: ExportOptions = { includePrivate: flags['include-private'] === true };
  if (typeof flags['time-zone'] === 'string') options.timeZone = timeZone(flags['time-zone'], usage);
  if (source) options.title = accountTitle(source);
  return { out, filter, options };
}

/** A time zone flag checked against Intl's list. */
export function timeZone(value: string, usage: UsageFault): string {
  // The service's one zone check (GET /api/stats and IPC use it too); the flag keeps its own sentence.
  if (!validateTimeZone(value).ok) throw usage(`--time-zone "${value}" is not a time zone: use an IANA name such as Europe/Berlin, or UTC`);
  return value;
}

/** What the research flags add to a folder export: pseudonyms, and the paths whose manifest is written beside it. */
export interface FolderExtras {
  pseudonymizer: Pseudonymizer | null;
  paths: string[];
  /** the manifest of this export (see export-research.ts), written as manifest.json in the folder */
  manifest?: (counts: Record<string, number>) => Promise<Manifest>;
}

/** The posts under pseudonyms; each pseudonymous copy still reads its media from the archive of the real post. */
function pseudonymous(posts: Iterable<Post>, media: NonNullable<ExportOptions['mediaSource']>, p: Pseudonymizer): { posts: Iterable<Post>; media: NonNullable<ExportOptions['mediaSource']> } {
  const real = new WeakMap<Post, Post>();
  const mapped = function* () {
    for (const post of posts) {
      const shown = p.post(post);
      real.set(shown, post);
      yield shown;
    }
  };
  return { posts: mapped(), media: (path, post) => media(path, real.get(post) ?? post) };
}

/** `outbox export <archive…> --format md|html --out DIR [filters] [--include-private] [--time-zone ZONE] [research flags]`. */
export async function exportFormat(source: PostSource, format: 'md' | 'html', flags: Flags, usage: UsageFault = badRequest, extras?: FolderExtras): Promise<ExportResult> {
  const { out, filter, options } = exportFormatOptions(source, format, flags, usage);
  const p = extras?.pseudonymizer ?? null;
  let { posts, media } = sourcePosts(source, filter);
  if (p) ({ posts, media } = pseudonymous(posts, media, p));
  options.mediaSource = media;
  options.title = accountTitle(source, p);
  if (typeof flags['site-lang'] === 'string') options.lang = flags['site-lang'];
  options.pseudonymized = p !== null;
  const first = archivesOf(source)[0];
  if (first?.info.profile.present) {
    options.profile = p ? p.profile(first.info.profile) : first.info.profile;
    options.profileMedia = (path) => mediaOf(first, path);
  }
  const result = format === 'html'
    ? await writeSite(posts, out, options)
    : flags['one-file-per-post'] === true ? await writePostFiles(posts, out, options) : await writeMarkdown(posts, out, options);
  if (extras?.manifest) {
    writeManifest(out, await extras.manifest({ posts: result.posts, months: result.months, media: result.media, mediaMissing: result.mediaMissing, leftOutPrivate: result.leftOut.private, leftOutDirect: result.leftOut.direct }));
  }
  process.stderr.write(exportReport(result, out));
  return result;
}

/** Lines for `outbox export --help` about md, html and the filters. */
export const EXPORT_FORMATS_HELP = `  --format md    Markdown: one file per month (YYYY-MM.md), index.md first, media copied to media/ (needs --out DIR)
  --format html  a static site that works offline from file:// in any browser: index.html, months/, posts/, media/
                 (needs --out DIR)
  --include-private  md and html leave out followers-only and direct posts unless given; jsonl and csv keep
                 every post, with its visibility on each row
  --time-zone Z  md and html: dates and month files in the IANA time zone Z (default UTC)

${FILTER_HELP}`;
