// `export --format md|html`: its flags checked before the read, the posts (under pseudonyms when asked) handed to the
// site or Markdown writer, and the line that reports what was written.
import type { Post, PostFilter } from '../../preload/contract.js';
import { accountLabel, type Archive } from '../engine/service/index.js';
import {
  mediaOf, writeManifest, writeMarkdown, writePostFiles, writeSite, type ExportOptions, type ExportResult, type Manifest, type Pseudonymizer,
} from '../engine/service/exports.js';
import { archivesOf, badRequest, FILTER_HELP, filterFromFlags, isLibrary, timeZone, type Flags, type PostSource, type UsageFault } from './command-flags.js';

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
