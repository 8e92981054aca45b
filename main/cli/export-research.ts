// `outbox export` for researchers: --format sqlite|edges, --pseudonymize [--salt S], and the manifest of what was read.
import type { Post, PostFilter } from '../../preload/contract.js';
import { accountLabel, EXPORT_FIELDS, exportRow, type Library } from '../engine/service/index.js';
import {
  EDGE_CSV_HEADER, edgeCsvRow, edgesOf, makeManifest, Pseudonymizer, pseudonymousEdge, randomSalt, SITE_LANGUAGES, writeSqlite,
  type Manifest, type SqliteAccount,
} from '../engine/service/exports.js';
import type { ExportSource } from './export.js';
import type { Flags, UsageFault } from './command-flags.js';
import { splitPaths } from './library-args.js';
import { openOutput } from './output.js';
import { packageVersion } from './paths.js';

export const EXPORT_FORMATS = ['jsonl', 'csv', 'sqlite', 'edges', 'md', 'html'] as const;
export type AnyExportFormat = (typeof EXPORT_FORMATS)[number];


export interface ResearchOptions {
  pseudonymizer: Pseudonymizer | null;
}

/** Checks the research flags before the archive is read; the random salt is told on stderr so the run can be repeated. */
export function researchOptions(format: AnyExportFormat, flags: Flags, usage: UsageFault): ResearchOptions {
  if (typeof flags.salt === 'string' && flags.pseudonymize !== true) throw usage('--salt is only used with --pseudonymize');
  if (flags.salt === '') throw usage('--salt needs a value (any text; keep it secret: it links pseudonyms back to people)');
  if (flags['one-file-per-post'] === true && format !== 'md') throw usage('--one-file-per-post is for --format md');
  const lang = flags['site-lang'];
  if (lang !== undefined) {
    // the monthly Markdown files keep English words for now: refuse rather than ignore the flag
    if (format !== 'html' && !(format === 'md' && flags['one-file-per-post'] === true)) throw usage('--site-lang is for --format html and md --one-file-per-post');
    if (typeof lang !== 'string' || !SITE_LANGUAGES.includes(lang as (typeof SITE_LANGUAGES)[number])) {
      throw usage(`--site-lang takes ${SITE_LANGUAGES.join(', ')}, not "${String(lang)}"`);
    }
  }
  if (format === 'sqlite' && typeof flags.out !== 'string') throw usage('--format sqlite writes a database file: give it with --out FILE.sqlite');
  if (flags.pseudonymize !== true) return { pseudonymizer: null };
  let salt = typeof flags.salt === 'string' ? flags.salt : '';
  if (!salt) {
    salt = randomSalt();
    process.stderr.write(`outbox: pseudonyms keyed with the random salt ${salt} (give --salt ${salt} to get the same ones again; keep it secret)\n`);
  }
  return { pseudonymizer: new Pseudonymizer(salt) };
}

/** The posts of an export under pseudonyms (the `archive` value too); unchanged without --pseudonymize. */
export function pseudonymousSource(source: ExportSource, p: Pseudonymizer | null): ExportSource {
  if (!p) return source;
  return {
    *posts() {
      for (const { post, account } of source.posts()) yield { post: p.post(post), account: p.account(account) };
    },
  };
}

/** Flags recorded in the manifest: the ones that change what is written (never the salt). */
export function manifestFlags(flags: Flags): Record<string, string | boolean> {
  const keep = ['format', 'include-private', 'time-zone', 'pseudonymize', 'one-file-per-post', 'site-lang'];
  const out: Record<string, string | boolean> = {};
  for (const k of keep) if (flags[k] !== undefined) out[k] = flags[k]!;
  return out;
}

/** The manifest of an export from these command-line paths (archives hashed, CSVs too). */
export async function exportManifest(library: Library, paths: string[], format: string, filter: PostFilter, flags: Flags,
  counts: Record<string, number>, p: Pseudonymizer | null): Promise<Manifest> {
  const { archives, csvs } = await splitPaths(paths);
  // the library opens an archive given twice once: only then do paths and archives not pair up, and accounts are left out
  const accounts = archives.length === library.archives.length ? library.archives.map((a) => accountLabel(a.info)) : [];
  return makeManifest({
    version: packageVersion(),
    format,
    inputs: [
      ...archives.map((path, i) => ({ kind: 'archive' as const, path, account: accounts[i] === undefined ? undefined : p ? p.account(accounts[i]!) : accounts[i] })),
      ...csvs.map((path) => ({ kind: 'csv' as const, path })),
    ],
    query: filter,
    flags: manifestFlags(flags),
    counts,
    // SOURCE_DATE_EPOCH (reproducible builds): the same run gives the same bytes
    now: process.env.SOURCE_DATE_EPOCH ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000) : undefined,
  });
}

function accountRows(library: Library, p: Pseudonymizer | null): SqliteAccount[] {
  return library.archives.map((a) => {
    const profile = p ? p.profile(a.info.profile) : a.info.profile;
    const handle = p ? p.account(accountLabel(a.info)) : accountLabel(a.info);
    return {
      handle, actor: profile.id, username: profile.username, server: profile.server, displayName: profile.displayName,
      url: profile.url, joined: profile.joined, archive: a.info.name,
    };
  });
}

/** `--format edges`: CSV source,target,kind,published,post to FILE or stdout; returns the edges written. */
export async function exportEdges(source: ExportSource, out: string | undefined, p: Pseudonymizer | null): Promise<number> {
  const output = await openOutput(out);
  let count = 0;
  await output.write(EDGE_CSV_HEADER);
  for (const { post, account } of source.posts()) {
    for (const edge of edgesOf(post, account)) {
      await output.write(edgeCsvRow(p ? pseudonymousEdge(edge, p) : edge));
      count++;
    }
  }
  await output.end();
  return count;
}

/** `--format sqlite --out FILE`: the database, its manifest table included. */
export async function exportSqlite(library: Library, source: ExportSource, options: {
  out: string; paths: string[]; filter: PostFilter; flags: Flags; pseudonymizer: Pseudonymizer | null;
}): Promise<Record<string, number>> {
  const p = options.pseudonymizer;
  const rows = function* () {
    for (const { post, account } of source.posts()) {
      const edges = edgesOf(post, account).map((e) => (p ? pseudonymousEdge(e, p) : e));
      const shown: Post = p ? p.post(post) : post;
      yield { row: exportRow(shown, p ? p.account(account) : account) as unknown as Record<string, unknown>, edges };
    }
  };
  const counts = await writeSqlite(options.out, {
    columns: EXPORT_FIELDS,
    posts: rows(),
    accounts: accountRows(library, p),
    relationships: library.csv.length ? library.relationships : null,
    pseudonymizer: p,
    manifest: (c) => exportManifest(library, options.paths, 'sqlite', options.filter, options.flags, c, p),
  });
  const n = (k: string) => counts[k] ?? 0;
  process.stderr.write(`Wrote ${n('posts')} posts, ${n('media')} media rows, ${n('edges')} edges and ${n('relationships')} relationships to ${options.out}\n`);
  return counts;
}

export const RESEARCH_HELP = `  --format sqlite  one SQLite database (needs --out FILE.sqlite): posts (the columns above), media, hashtags,
                 mentions, edges, accounts, relationships (from CSVs), posts_fts (full text), manifest
  --format edges CSV source,target,kind,published,post: replies, mentions, boosts and quotes (Gephi, NetworkX)
  --pseudonymize every account and status URI/URL replaced by a stable pseudonym (HMAC-SHA256), in every format
  --salt S       the key of the pseudonyms (same salt, same pseudonyms); without it a random one is printed
  --one-file-per-post  md: one Markdown file per post with YAML front matter (Hugo, Jekyll, Eleventy)
  --site-lang L  html, md --one-file-per-post: the export's own words in en, de, fr, es, ja, zh-CN, pt-BR
                 or ar (not the posts': --lang filters posts by language)
  manifest.json  md and html write one beside the export (the database a manifest table): version, SHA-256 of
                 each input, query, flags, counts`;

/**
 * `--lang` on a published export (html, md) names the language of the site's own words (issue 11): a site is read by
 * people, and "posts in German only" is `--query lang:de` there. On every other format and command `--lang` filters
 * posts by language, as documented. A language the site has no words in falls back to English, said on stderr.
 */
export function siteLanguageFromLang(format: 'md' | 'html', flags: Record<string, unknown>): void {
  const lang = flags.lang;
  if (typeof lang !== 'string' || flags['site-lang'] !== undefined) return;
  delete flags.lang;
  if (format === 'md' && flags['one-file-per-post'] !== true) {
    process.stderr.write('outbox: the monthly Markdown is written with English headings; --lang sets the words of --format html and md --one-file-per-post\n');
    return;
  }
  const site = siteLanguage(lang);
  if (site) flags['site-lang'] = site;
  else process.stderr.write(`outbox: the site has no words in "${lang.slice(0, 20).replace(/[^\w-]/g, '?')}" yet: written in English (languages: ${SITE_LANGUAGES.join(', ')})\n`);
}

/** A BCP 47 tag → the site catalogue that serves it: de-AT → de, zh / zh-Hans / zh-SG → zh-CN, pt / pt-PT → pt-BR. */
function siteLanguage(tag: string): string | null {
  const lower = tag.toLowerCase();
  const exact = SITE_LANGUAGES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const [base, ...rest] = lower.split(/[-_]/);
  if (base === 'zh') return rest.some((r) => r === 'hant' || r === 'tw' || r === 'hk' || r === 'mo') ? null : SITE_LANGUAGES.find((l) => l === 'zh-CN') ?? null;
  return SITE_LANGUAGES.find((l) => l.toLowerCase().split('-')[0] === base) ?? null;
}

