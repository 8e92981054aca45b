// The Source interface: read the entries of an archive, whatever its container.
import type { Readable } from 'node:stream';
import type { ContainerFormat } from '../../../preload/contract.js';
import type { ArchiveError } from '../errors.js';

export interface SourceEntry {
  /** Normalized name: forward slashes, no leading './' or '/', never containing '..' segments. */
  name: string;
  /** Uncompressed size as declared by the container (checked against the bytes actually read). */
  size: number;
}

export interface Source {
  readonly format: ContainerFormat;
  /** Absolute path of the archive file or folder the user opened. */
  readonly location: string;
  /** Every readable entry (files only), by normalized name. Unsafe names are left out and reported in `problems`. */
  readonly entries: ReadonlyMap<string, SourceEntry>;
  /** Human sentences about entries that were left out (unsafe names, encrypted entries, …). */
  readonly problems: string[];
  /**
   * Entries with safe names that cannot be read (encrypted, unsupported compression), by normalized name, with
   * the error that reading them gives. Lets the layout say 'encrypted' rather than 'no-outbox' for outbox.json.
   */
  readonly refused?: ReadonlyMap<string, ArchiveError>;
  /**
   * A stream of the entry's bytes. It errors with an ArchiveError when the entry lies about its size,
   * inflates past a limit, or the container is damaged. Never extracts anything to disk.
   */
  open(name: string): Promise<Readable>;
  /** The whole entry in memory; throws ArchiveError('too-large') above maxBytes. */
  read(name: string, maxBytes: number): Promise<Buffer>;
  /**
   * The whole entry in memory, read without a stream (cheaper for many small entries), with open()'s checks and
   * errors; null when the entry declares more than maxBytes. Only where a container does it better than read().
   */
  bytes?(name: string, maxBytes: number): Promise<Buffer | null>;
  close(): Promise<void>;
}

/** Limits every source enforces beside its container library (see DESIGN.md: yauzl alone inflated 10 GB from 61 KB). */
export interface SourceLimits {
  /** most entries in one archive */
  maxEntries: number;
  /** most bytes inflated from one entry */
  maxEntryBytes: number;
  /** most compression ratio of one entry (inflated / compressed), applied past 1 MiB */
  maxRatio: number;
}

export const DEFAULT_LIMITS: SourceLimits = {
  maxEntries: 1_000_000,
  maxEntryBytes: 16 * 1024 ** 3,
  maxRatio: 1000,
};
