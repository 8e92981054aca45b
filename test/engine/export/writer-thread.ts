// The export's file-writing thread in tests of the sources: its entry built as test/build.mjs builds
// dist/engine/file-writer-worker.js, and named by OUTBOX_FILE_WRITER_WORKER for this file's tests (from the sources
// there is no bundle beside file-writer.ts to find, and the files would be written on the calling thread instead).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';

/** Registers the hooks; returns the path the entry is built to (known once beforeAll ran). */
export function useWriterThread(): { file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-writer-thread-'));
  const file = join(dir, 'file-writer-worker.mjs');
  const named = process.env.OUTBOX_FILE_WRITER_WORKER;
  beforeAll(async () => {
    await build({ entryPoints: [join(__dirname, '../../../main/engine/export/file-writer-worker.ts')], outfile: file, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
    process.env.OUTBOX_FILE_WRITER_WORKER = file;
  });
  afterAll(() => {
    if (named === undefined) delete process.env.OUTBOX_FILE_WRITER_WORKER;
    else process.env.OUTBOX_FILE_WRITER_WORKER = named;
    rmSync(dir, { recursive: true, force: true });
  });
  return { file };
}
