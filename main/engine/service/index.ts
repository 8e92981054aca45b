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

// What the CLI's commands use besides the service: opening several paths as a library, the row writers, the stats
// and filter helpers, and the cheap checks `outbox serve` runs before printing its address. The export writers have
// their own door (exports.ts), which only `outbox export` loads.
export { hasWarmCache, openArchive, openDemo } from '../open.js';
export { demoArchivePath } from '../demo.js';
export { openLibrary, openSplitLibrary, splitLibraryPaths } from '../library/library.js';
export type { CsvExport } from '../csv/kinds.js';
export { readCsvExport } from '../csv/read-export.js';
export { isCustomFiltersFile, readCustomFilters, type FiltersExport } from '../csv/custom-filters.js';
export { csvHeader, csvRow, rowLine, rowsHeader } from '../rows/post-rows.js';
export { EXPORT_FIELDS, exportRow, type ExportRow } from '../rows/export-schema.js';
export { computeStats, statsOver, type Stats, type StatsOptions } from '../stats/stats.js';
export { zoneClock } from '../stats/zone-clock.js';
export { datePeriod } from '../index/filter.js';
export { cacheFolder } from '../cache/location.js';
