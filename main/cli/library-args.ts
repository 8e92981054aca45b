// Several paths on one command line (archives and CSV exports): telling them apart, and opening them as a library.
import type { Post, PostFilter, Result, SearchResponse } from '../../preload/contract.js';
import { ALL_ARCHIVES } from '../../preload/contract.js';
import { accountLabel, createService, handle, openLibrary, splitLibraryPaths, type Library, type OpenOptions } from '../engine/service/index.js';
import { isDamagedCache } from './damaged-cache.js';
import type { ExportSource } from './export.js';
import { progressBar } from './progress-bar.js';
import { summaryText } from './summary.js';

/**
 * Archives and CSV exports, by content: zip/gzip magic → archive; a .csv name, or a small text file whose first
 * line reads as a known export (our header, an account, a domain, a post URI, a list row) → CSV; folders and
 * everything else → archive (opening it reports what is wrong). Order is kept within each group.
 */
export function splitPaths(paths: string[]): Promise<{ archives: string[]; csvs: string[] }> {
  return splitLibraryPaths(paths);
}

/**
 * Opens every path as one library with the terminal progress bar; --no-cache as for one archive. `csvBeside`: also
 * the relationship CSVs in each archive's folder (browser mode). `checkWhenRead`: a saved index is checked part by
 * part as it is read (OpenOptions.checkCacheWhenRead): only for commands that run again on isDamagedCache.
 */
export async function openLibraryForCli(
  paths: string[], options: { noCache: boolean; csvBeside?: boolean; checkWhenRead?: boolean; streamRecords?: boolean },
): Promise<Library> {
  const bar = progressBar();
  const open: OpenOptions = { onProgress: (p) => bar.update(p) };
  if (options.noCache) open.cacheDir = null;
  if (options.checkWhenRead) open.checkCacheWhenRead = true;
  if (options.streamRecords === false) open.streamRecords = false;
  try {
    return await openLibrary(paths, { ...open, csvBeside: options.csvBeside === true });
  } finally {
    bar.clear();
  }
}

/**
 * Opens the paths as one library, runs `work` over it, hands its result to `print`, and closes the library (a cold
 * open's cache write goes on after the answer is printed). The saved indexes are checked part by part as `work`
 * reads them (a warm command reads only what it needs); when a damaged part turns up, `work` runs once more over
 * the archives read again, so the answer is the one a check of everything at open would have given. `work`
 * therefore prints nothing itself: it returns what `print` prints.
 */
export async function overLibrary<T>(
  paths: string[], options: { noCache: boolean }, work: (library: Library) => T | Promise<T>, print: (result: T) => void,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const library = await openLibraryForCli(paths, { noCache: options.noCache, checkWhenRead: attempt === 0 });
    let result: T;
    try {
      result = await work(library);
    } catch (error) {
      await library.close();
      if (attempt > 0 || !isDamagedCache(error)) throw error;
      continue;
    }
    try {
      print(result);
    } finally {
      await library.close();
    }
    return;
  }
}

/** Every post of the library once, oldest first (for `outbox export`: one archive gives exactly its own order). */
export function* libraryPosts(library: Library): Generator<Post> {
  for (const { post } of library.posts()) yield post;
}

/** What `outbox export` writes: each shown post once, oldest first, with the account whose export holds it. */
export function libraryExport(library: Library, filter: PostFilter = {}): ExportSource {
  const accounts = new Map(library.archives.map((a) => [a.info.id, accountLabel(a.info)]));
  return {
    *posts() {
      for (const { post, archive } of library.posts(filter)) yield { post, account: accounts.get(archive) ?? archive };
    },
  };
}

/** "@user@server" of each archive id, for the lines of `outbox search` over several archives. */
export function accountsById(library: Library): Map<string, string> {
  return new Map(library.archives.map((a) => [a.info.id, accountLabel(a.info)]));
}

/**
 * `outbox search` over the library, answered by the engine's service as GET /api/search is: one archive, that
 * archive's own response (so the JSON stays byte-equal to the route's); several, the merged response, whose results
 * also name their archive. A query the service refuses is a usage error.
 */
export async function searchLibrary(library: Library, q: string, limit: number): Promise<Result<SearchResponse>> {
  const service = createService();
  service.adopt(library.archives, library);
  const archive = library.archives.length === 1 ? library.archives[0]!.info.id : ALL_ARCHIVES;
  return service.request('search', { archive, q, limit });
}

/** The library's CSV problems and notes as lines for stderr ("file:line: reason"), so stdout stays JSON. */
export function libraryNotices(library: Library): string {
  const lines = [
    ...library.problems.map((p) => `outbox: ${p.file}:${p.line}: ${p.reason}`),
    ...library.notes.map((n) => `outbox: ${n}`),
  ];
  return lines.map((l) => `${l}\n`).join('');
}

const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : '?');
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * `outbox summary` in words for several paths. One archive and no CSV: exactly summaryText, as before. Otherwise
 * each archive's block, then the merged set, the moves and the relationships.
 */
export function librarySummaryText(library: Library): string {
  const s = library.summary();
  const blocks = library.archives.map((a) => summaryText(a.info, a.summary()));
  if (library.archives.length === 1 && library.csv.length === 0) return blocks[0]!;
  const lines: Array<[string, string]> = [];
  const c = s.counts;
  if (library.archives.length > 1) {
    const given = s.accounts.reduce((n, a) => n + a.counts.items, 0);
    lines.push(['Together', `${plural(library.archives.length, 'archive')}: ${c.items} items (${c.posts} posts, ${c.boosts} boosts)${given > c.items ? `, ${given - c.items} duplicates shown once` : ''}`]);
    if (s.dates.first) lines.push(['Dates', `${day(s.dates.first)} → ${day(s.dates.last)}`]);
  }
  const acct = (uri: string): string => {
    const a = library.archives.find((x) => x.info.profile.id === uri)?.info.profile;
    return (a?.server ? handle(a.username, a.server) : null) ?? uri;
  };
  for (const m of library.moves) {
    lines.push(['Moved', `${acct(m.from)} (${day(m.fromDates.first)} → ${day(m.fromDates.last)}) → ${acct(m.to)} (${day(m.toDates.first)} → ${day(m.toDates.last)})`]);
  }
  const r = s.relationships;
  if (library.csv.length > 0) {
    const members = Object.values(r.lists).reduce((n, l) => n + l.length, 0);
    lines.push(
      ['Following', String(r.following.length)],
      ['Followers', String(r.followers.length)],
      ['Lists', `${Object.keys(r.lists).length} (${plural(members, 'member')})`],
      ['Blocks', `${r.blocks.length} accounts, ${r.domainBlocks.length} domains`],
      ['Mutes', String(r.mutes.length)],
      ['Bookmarks', String(r.bookmarks.length)],
    );
  }
  if (lines.length === 0) return blocks.join('\n');
  const width = Math.max(...lines.map(([k]) => k.length)) + 2;
  const tail = lines.map(([k, v]) => `${k.padEnd(width)}${v}\n`).join('');
  return [...blocks, tail].join('\n');
}
