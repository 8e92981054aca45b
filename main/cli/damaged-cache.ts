// A warm command reads the saved index part by part, checking each part as it is first read (OpenOptions
// .checkCacheWhenRead): a damaged part fails that read with this error, after the index was removed.
import { ArchiveError } from '../engine/service/index.js';

/** The saved index turned out damaged while it was read; it was removed, so opening again reads the archive. */
export const isDamagedCache = (error: unknown): boolean => error instanceof ArchiveError && error.code === 'damaged-cache';
