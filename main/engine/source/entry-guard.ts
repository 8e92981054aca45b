// The byte counter every entry stream passes through: size lies, inflation limits, ratio limits.
import { Transform, type TransformCallback } from 'node:stream';
import { ArchiveError } from '../errors.js';
import type { SourceLimits } from './source.js';

const RATIO_FLOOR = 1024 ** 2; // the ratio limit applies past 1 MiB: tiny files legitimately compress 1000:1

export interface GuardSubject {
  /** the archive's file name, for messages */
  archive: string;
  /** the entry's normalized name */
  entry: string;
  /** uncompressed size the container declares */
  declared: number;
  /** compressed bytes the container declares, or null when the entry is not compressed on its own */
  compressed: number | null;
}

/**
 * Counts bytes as they stream and errors with ArchiveError('unsafe') the moment an entry holds more than it
 * declared, passes maxEntryBytes or maxRatio, and at the end when it held less than it declared. yauzl's
 * own validateEntrySizes is off (see zip-source.ts): this single counter does it for every container.
 */
export function guardEntry(subject: GuardSubject, limits: SourceLimits): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      const fault = overrun(subject, limits, seen);
      if (fault) return done(fault);
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      done(shortfall(subject, seen));
    },
  });
}

/**
 * guardEntry's checks over an entry read whole (ZipSource.bytes): the same errors for the same bytes, so reading an
 * entry at once is never more trusting than streaming it.
 */
export function checkWhole(subject: GuardSubject, limits: SourceLimits, length: number): ArchiveError | null {
  return overrun(subject, limits, length) ?? shortfall(subject, length);
}

/** Why `seen` bytes read so far are already too many, or null. */
function overrun(subject: GuardSubject, limits: SourceLimits, seen: number): ArchiveError | null {
  const { archive, entry, declared, compressed } = subject;
  if (seen > declared) return holdsMore(archive, entry, declared);
  if (seen > limits.maxEntryBytes) {
    return new ArchiveError('unsafe',
      `${entry} in ${archive} inflates past ${limits.maxEntryBytes} bytes, the most Outbox reads from one entry; ` +
      'it looks like a zip bomb, so Outbox stopped reading it.', entry);
  }
  if (compressed !== null && seen > RATIO_FLOOR && seen / Math.max(compressed, 1) > limits.maxRatio) {
    return new ArchiveError('unsafe',
      `${entry} in ${archive} inflates more than ${limits.maxRatio} times its packed size; ` +
      'it looks like a zip bomb, so Outbox stopped reading it.', entry);
  }
  return null;
}

/** Why an entry that ended after `seen` bytes is damaged, or null. */
function shortfall(subject: GuardSubject, seen: number): ArchiveError | null {
  const { archive, entry, declared } = subject;
  if (seen >= declared) return null;
  return new ArchiveError('unsafe',
    `${entry} in ${archive} says it holds ${declared} bytes but holds less (${seen}); the archive is damaged.`, entry);
}

export function holdsMore(archive: string, entry: string, declared: number): ArchiveError {
  return new ArchiveError('unsafe', `${entry} in ${archive} says it holds ${declared} bytes but holds more; the archive is damaged.`, entry);
}

/** Reads a whole stream into memory, refusing with 'too-large' past maxBytes. */
export async function readAll(stream: NodeJS.ReadableStream & { destroy(error?: Error): void },
  maxBytes: number, what: { archive: string; entry: string }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      stream.destroy();
      throw tooLarge(what.archive, what.entry, maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

export function tooLarge(archive: string, entry: string, maxBytes: number): ArchiveError {
  return new ArchiveError('too-large',
    `${entry} in ${archive} is larger than ${maxBytes} bytes, more than Outbox reads into memory at once.`, entry);
}

export function noSuchEntry(archive: string, entry: string): ArchiveError {
  return new ArchiveError('not-found', `${archive} has no entry named ${entry}.`, entry);
}
