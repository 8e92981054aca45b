// The engine's public entry: the desktop's worker, browser mode's server and the CLI reach the engine through here.
export { createService } from './service.js';
export type { ExportDownload, MediaAnswer, MediaRequest, Opener, Service, ServiceOptions } from './service.js';
export { parseRange, type ByteRange } from './range.js';
export { entryName } from './entry-name.js';
export { accountLabel, accountText, acctOfInfo, handle } from './account.js';
export * from './validate.js';
export { ArchiveError, toErrorInfo } from '../errors.js';
export type { Archive, OpenOptions } from '../archive.js';
export type { Source } from '../source/source.js';
export type { Library, LibraryOptions } from '../library/library.js';

// What the CLI's commands use besides the service: opening several paths as a library, the row and site writers,
// the stats and filter helpers, and the cheap checks `outbox serve` runs before printing its address.
export { hasWarmCache, openArchive, openDemo } from '../open.js';
export { demoArchivePath } from '../demo.js';
export { openLibrary, openSplitLibrary, splitLibraryPaths } from '../library/library.js';
export type { CsvExport } from '../csv/kinds.js';
export { readCsvExport } from '../csv/read-export.js';
export { isCustomFiltersFile, readCustomFilters, type FiltersExport } from '../csv/custom-filters.js';
export { openExport, pickReader } from '../readers/pick.js';
export { openSource } from '../source/open-source.js';
export { csvHeader, csvRow, rowLine, rowsHeader } from '../rows/post-rows.js';
export { EXPORT_FIELDS, exportRow, type ExportRow } from '../rows/export-schema.js';
export { computeStats, statsOver, type Stats, type StatsOptions } from '../stats/stats.js';
export { zoneClock } from '../stats/zone-clock.js';
export { datePeriod } from '../index/filter.js';
export { writeMarkdown } from '../export/markdown.js';
export { writeSite } from '../export/site.js';
export type { ExportOptions, ExportResult } from '../export/export-options.js';
export { writeManifest, makeManifest, type Manifest } from '../export/manifest.js';
export { writePostFiles } from '../export/post-files.js';
export { mediaOf } from '../export/media-copy.js';
export { Pseudonymizer, randomSalt } from '../export/pseudonymize.js';
export { EDGE_CSV_HEADER, edgeCsvRow, edgesOf, pseudonymousEdge } from '../export/edges.js';
export { writeSqlite, type SqliteAccount } from '../export/sqlite.js';
export { SITE_LANGUAGES } from '../export/site-words.js';
export { cacheFolder } from '../cache/location.js';
