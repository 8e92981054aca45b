// The engine's public entry: the desktop's worker, browser mode's server and the CLI reach the engine through here.
export { createService } from './service.js';
export type { ExportDownload, MediaAnswer, MediaRequest, Opener, Service, ServiceOptions } from './service.js';
export { parseRange, type ByteRange } from './range.js';
export { entryName } from './entry-name.js';
export { accountLabel, acctOfInfo, handle } from './account.js';
export * from './validate.js';
export { ArchiveError, toErrorInfo } from '../errors.js';
export type { Archive, OpenOptions } from '../archive.js';
export type { Library, LibraryOptions } from '../library/library.js';
