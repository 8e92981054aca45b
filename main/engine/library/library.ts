// openLibrary: several archives and relationship CSVs opened together as one history (FORMAT.md §1.4, §1.8).
import { basename, resolve } from 'node:path';
import type { PageQuery, PostFilter, SearchResponse, SearchResult } from '../../../preload/contract.js';
import type { Archive, OpenOptions } from '../archive.js';
import type { CsvExport } from '../csv/kinds.js';
import { findFiltersBeside, isCustomFiltersFile, readCustomFilters, type FiltersExport } from '../csv/custom-filters.js';
import { findCsvBeside, isCsvExportFile, readCsvExport } from '../csv/read-export.js';
import { ArchiveError } from '../errors.js';
import { handle } from '../service/account.js';
import { openArchive } from '../open.js';
import { createLibraryPager, type LibraryPage } from './library-page.js';
import { librarySummary, oneArchiveSummary, type LibrarySummary } from './library-summary.js';
import { exportPrecedence, hiddenCopies, mergedPosts, type LibraryPost } from './merge.js';
import { findMoves, newestAccountIndex, type LibraryMove } from './moves.js';
import { mergeRelationships, type Relationships } from './relationships.js';

export type { LibraryPost } from './merge.js';
export type { LibraryMove } from './moves.js';
export type { LibrarySummary } from './library-summary.js';
export type { LibraryPage, LibraryPageItem } from './library-page.js';
export type { Relationships, RelationshipsSummary } from './relationships.js';

export interface LibraryOptions extends OpenOptions {
  /** also read the relationship CSVs found in each archive's folder (findCsvBeside). Default false. */
  csvBeside?: boolean;
}

/** A row of a CSV file that did not load. */
export interface LibraryProblem {
  file: string;
  line: number;
  reason: string;
}

export interface LibrarySearchResult extends SearchResult {
  /** ArchiveInfo.id of the archive whose copy matched */
  archive: string;
}

export interface LibrarySearchResponse extends SearchResponse {
  results: LibrarySearchResult[];
}

export interface Library {
  /** the archives, in the order given (the same archive given twice is opened once) */
  readonly archives: readonly Archive[];
  /** the CSV files read, in the order given (then those found beside the archives) */
  readonly csv: readonly CsvExport[];
  /** the filters exports (custom_filters.json) read, given or found beside the archives */
  readonly filters: readonly FiltersExport[];
  /** every CSV merged by kind; bookmarks also hold the archives' bookmarks.json */
  readonly relationships: Relationships;
  /** moves between open accounts; when there is one, the timelines are one person's history */
  readonly moves: readonly LibraryMove[];
  /** archive ids, newest export first: on a duplicate post, the first of these that holds it wins */
  readonly precedence: readonly string[];
  /** rows of the CSV files that did not load, with their line numbers */
  readonly problems: readonly LibraryProblem[];
  /** sentences for the person: moves found, how ambiguous CSVs were read, rows left out */
  readonly notes: readonly string[];
  /** every post once (the newer export's copy), tagged with its archive, oldest first; filter as Archive.posts */
  posts(filter?: PostFilter): Iterable<LibraryPost>;
  /**
   * A window of the merged timeline, as Archive.page: newest/oldest by time across archives, relevance interleaved
   * by rank; facets over the merged matches; every item tagged with its archive.
   */
  page(query: Omit<PageQuery, 'archive'>): LibraryPage;
  /** the shown copy of a post */
  post(id: string): LibraryPost | undefined;
  /** each archive's search, duplicates dropped, results interleaved by rank; total counts the merged set */
  search(q: string, limit: number): LibrarySearchResponse;
  summary(): LibrarySummary;
  close(): Promise<void>;
}

/**
 * Splits paths into archives and the exports read beside them (relationship CSVs, and Mastodon's filters export,
 * which goes with them) by content (see isCsvExportFile, isCustomFiltersFile), keeping their order.
 */
export async function splitLibraryPaths(paths: readonly string[]): Promise<{ archives: string[]; csvs: string[] }> {
  const archives: string[] = [];
  const csvs: string[] = [];
  for (const path of paths) (await isCsvExportFile(path) || await isCustomFiltersFile(path) ? csvs : archives).push(path);
  return { archives, csvs };
}

export async function openLibrary(paths: string[], options: LibraryOptions = {}): Promise<Library> {
  const { archives, csvs } = await splitLibraryPaths(paths);
  return openSplitLibrary(archives, csvs, options);
}

/**
 * openLibrary for paths already told apart (splitLibraryPaths); `csvs` may be exports already read (`outbox serve`
 * reads them once, before it prints its address), CSV exports or filters exports (custom_filters.json).
 */
export async function openSplitLibrary(
  archivePaths: readonly string[], csvs: ReadonlyArray<string | CsvExport | FiltersExport>, options: LibraryOptions = {},
): Promise<Library> {
  const names = csvs.map((c) => (typeof c === 'string' ? c : c.file));
  const lists: Array<string | CsvExport> = [];
  const filterItems: Array<string | FiltersExport> = [];
  for (const c of csvs) {
    if (typeof c === 'string' ? await isCustomFiltersFile(c) : 'filters' in c) filterItems.push(c as string | FiltersExport);
    else lists.push(c as string | CsvExport);
  }
  const beside = options.csvBeside ? await csvFilesBeside(archivePaths, names) : [];
  const filtersBeside = options.csvBeside ? await filterFilesBeside(archivePaths, names) : [];
  const { csvBeside: _, ...open } = options;
  const archives: Archive[] = [];
  const kept: string[] = [];
  try {
    for (const path of archivePaths) {
      const archive = await openArchive(path, open);
      if (archives.some((a) => a.info.id === archive.info.id)) await archive.close();
      else {
        archives.push(archive);
        kept.push(path);
      }
    }
    const exports: CsvExport[] = [];
    for (const csv of lists) exports.push(typeof csv === 'string' ? await readCsvExport(csv) : csv);
    const found = await readBeside(beside);
    const filters: FiltersExport[] = [];
    for (const item of filterItems) filters.push(typeof item === 'string' ? await readCustomFilters(item) : item);
    const besideFilters = await readFiltersBeside(filtersBeside);
    filters.push(...besideFilters.filters);
    return await assemble(archives, kept, [...exports, ...found.exports], [...found.skipped, ...besideFilters.skipped], filters);
  } catch (error) {
    await Promise.all(archives.map((a) => a.close().catch(() => undefined)));
    throw error;
  }
}

/** The relationship CSVs in the archives' folders (findCsvBeside), each once, leaving out those given by name. */
async function csvFilesBeside(archivePaths: readonly string[], given: readonly string[]): Promise<string[]> {
  const seen = new Set(given.map((p) => resolve(p)));
  const beside: string[] = [];
  for (const path of archivePaths) {
    for (const found of await findCsvBeside(path)) {
      if (!seen.has(resolve(found))) {
        seen.add(resolve(found));
        beside.push(found);
      }
    }
  }
  return beside;
}

/** A file found by its name alone may be something else: it is left out with a note, never fatal. */
async function readBeside(paths: readonly string[]): Promise<{ exports: CsvExport[]; skipped: string[] }> {
  const exports: CsvExport[] = [];
  const skipped: string[] = [];
  for (const path of paths) {
    try {
      exports.push(await readCsvExport(path));
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
      skipped.push(`${basename(path)}, found beside the archive, was not read: ${error.message}`);
    }
  }
  return { exports, skipped };
}

/** The filters exports (custom_filters.json) in the archives' folders, by content, leaving out those given. */
async function filterFilesBeside(archivePaths: readonly string[], given: readonly string[]): Promise<string[]> {
  const seen = new Set(given.map((p) => resolve(p)));
  const beside: string[] = [];
  for (const path of archivePaths) {
    for (const found of await findFiltersBeside(path)) {
      if (!seen.has(resolve(found))) {
        seen.add(resolve(found));
        beside.push(found);
      }
    }
  }
  return beside;
}

/** As readBeside, for filters exports: one that cannot be read is left out with a note. */
async function readFiltersBeside(paths: readonly string[]): Promise<{ filters: FiltersExport[]; skipped: string[] }> {
  const filters: FiltersExport[] = [];
  const skipped: string[] = [];
  for (const path of paths) {
    try {
      filters.push(await readCustomFilters(path));
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
      skipped.push(`${basename(path)}, found beside the archive, was not read: ${error.message}`);
    }
  }
  return { filters, skipped };
}

const acctOf = (a: Archive): string => handle(a.info.profile.username, a.info.profile.server) ?? (a.info.profile.id || a.info.name);

/**
 * The archives opened elsewhere (the desktop's worker, browser mode) as one library: the same precedence,
 * de-duplication, moves and merged timeline as openLibrary, with the relationship CSVs found beside the archives
 * (as `outbox serve` reads them). `paths` (same order; '' when unknown) break ties between exports by modification
 * time and say where to look for CSVs. close() here closes nothing: the archives are the caller's.
 */
export async function libraryOf(archives: readonly Archive[], paths: readonly string[]): Promise<Library> {
  const known = paths.filter((p) => p !== '');
  const found = await readBeside(await csvFilesBeside(known, []));
  const filters = await readFiltersBeside(await filterFilesBeside(known, []));
  const library = await assemble([...archives], [...paths], found.exports, [...found.skipped, ...filters.skipped], filters.filters);
  return { ...library, close: async () => undefined };
}

async function assemble(archives: Archive[], paths: string[], exports: CsvExport[], skipped: string[], filters: FiltersExport[] = []): Promise<Library> {
  const order = await exportPrecedence(archives, paths);
  const hidden = hiddenCopies(archives, order);
  const seen = archives.map((a) => ({ profile: a.info.profile, summary: a.summary() }));
  const moves = findMoves(seen);
  // Made when first asked for: a warm `outbox stats` or `search` needs neither, and grouping a long bookmarks list
  // by server and merging it was a tenth of such a command.
  let bookmarkLists: string[][] | null = null;
  const archiveBookmarks = () => (bookmarkLists ??= archives.map((a) => Object.values(a.bookmarks().byServer).flat()));
  let relationships: Relationships | null = null;
  const merged = () => (relationships ??= mergeRelationships(exports, archiveBookmarks()));
  const problems = exports.flatMap((e) => e.problems.map((p) => ({ file: e.file, line: p.line, reason: p.reason })));
  const notes: string[] = [];
  for (const move of moves) {
    const from = archives.find((a) => a.info.profile.id === move.from)!;
    const to = archives.find((a) => a.info.profile.id === move.to)!;
    notes.push(`${acctOf(from)} moved to ${acctOf(to)}: their posts are shown as one timeline.`);
  }
  const duplicates = hidden.reduce((n, h) => n + h.size, 0);
  if (duplicates > 0) {
    notes.push(`${duplicates} post${duplicates === 1 ? ' is' : 's are'} in more than one export: each is shown once, as the newest export has it.`);
  }
  for (const e of exports) notes.push(...e.notes);
  for (const f of filters) notes.push(`${basename(f.file)}: ${f.filters.length} filter${f.filters.length === 1 ? '' : 's'}.`, ...f.notes);
  notes.push(...skipped);
  const about = archives.length > 0 ? newestAccountIndex(seen, moves, order) : -1;
  let summary: LibrarySummary | null = null;

  const library: Library = {
    archives,
    csv: exports,
    filters,
    get relationships() {
      return merged();
    },
    moves,
    precedence: order.map((i) => archives[i]!.info.id),
    problems,
    notes,
    posts: (filter) => ({ [Symbol.iterator]: () => mergedPosts(archives, hidden, filter) }),
    page: createLibraryPager(archives, hidden),
    post(id) {
      for (const i of order) {
        const post = archives[i]!.post(id);
        if (post) return { post, archive: archives[i]!.info.id };
      }
      return undefined;
    },
    search: (q, limit) => searchAll(archives, hidden, q, limit),
    summary() {
      if (summary) return summary;
      const input = {
        accounts: seen.map((s) => s.summary),
        about: about >= 0 ? seen[about]!.summary : null,
        archiveBookmarks: archiveBookmarks(),
        relationships: merged(),
        moves,
        warnings: archives.flatMap((a) => a.info.warnings),
      };
      summary = oneArchiveSummary(input) ?? librarySummary({
        ...input,
        posts: mergedPosts(archives, hidden),
        likes: archives.map((a) => Object.values(a.likes().byServer).flat()),
      });
      return summary;
    },
    async close() {
      await Promise.all(archives.map((a) => a.close()));
    },
  };
  return library;
}

/**
 * Relevance is per archive and does not compare across them, so results are interleaved by rank (each archive's
 * best, then each one's second…). An archive with hidden copies is searched in full so the total stays exact.
 */
function searchAll(archives: readonly Archive[], hidden: ReadonlyArray<Set<string>>, q: string, limit: number): LibrarySearchResponse {
  const started = performance.now();
  const max = Math.max(0, Math.floor(limit));
  let total = 0;
  const lists = archives.map((a, i) => {
    const skip = hidden[i]!;
    const response = a.search(q, skip.size > 0 ? Number.MAX_SAFE_INTEGER : max);
    const results = response.results.filter((r) => !skip.has(r.id)).map((r) => ({ ...r, archive: a.info.id }));
    total += skip.size > 0 ? results.length : response.total;
    return results;
  });
  const results: LibrarySearchResult[] = [];
  for (let rank = 0; results.length < max && lists.some((l) => rank < l.length); rank++) {
    for (const list of lists) if (rank < list.length && results.length < max) results.push(list[rank]!);
  }
  return { query: q, total, tookMs: Math.round((performance.now() - started) * 100) / 100, results };
}
