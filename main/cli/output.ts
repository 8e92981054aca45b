// Where a command's text goes: stdout or a file, written with backpressure so 100k rows never pile up in memory.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { ArchiveError } from '../engine/service/index.js';

const CHUNK = 64 * 1024;

export interface Output {
  /** Buffers small strings into ~64 KiB writes and waits whenever the stream asks to. */
  write(text: string): Promise<void>;
  /** Flushes and, for a file, closes it. */
  end(): Promise<void>;
}

/** The reader of our stdout went away (`outbox export … | head`): stop quietly, as Unix tools do. */
export class ClosedPipe extends Error {}

function writer(stream: Writable, describe: (e: NodeJS.ErrnoException) => Error, isFile: boolean): Output {
  let pending: string[] = [];
  let size = 0;
  let failure: Error | null = null;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    failure = e.code === 'EPIPE' ? new ClosedPipe() : describe(e);
  });
  const flush = async () => {
    if (failure) throw failure;
    if (size === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    if (!stream.write(text)) {
      await Promise.race([once(stream, 'drain'), once(stream, 'close')]).catch(() => {});
    }
    if (failure) throw failure;
  };
  return {
    async write(text) {
      pending.push(text);
      size += text.length;
      if (size >= CHUNK) await flush();
    },
    async end() {
      await flush();
      if (!isFile) return;
      stream.end();
      await once(stream, 'close').catch(() => {});
      if (failure) throw failure;
    },
  };
}

/** stdout, or FILE (created or truncated) when given. */
export async function openOutput(file: string | undefined): Promise<Output> {
  if (file === undefined) return writer(process.stdout, (e) => e, false);
  const cannot = (e: NodeJS.ErrnoException) =>
    new ArchiveError('io', `Cannot write ${file}: ${e.code ?? e.message}. Check the folder exists and is writable.`, file);
  const stream = createWriteStream(file);
  try {
    await once(stream, 'open');
  } catch (e) {
    throw cannot(e as NodeJS.ErrnoException);
  }
  return writer(stream, cannot, true);
}
